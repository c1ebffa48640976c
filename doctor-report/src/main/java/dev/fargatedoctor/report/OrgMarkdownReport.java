package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Locale;

/**
 * The organisation report for a ticket or a wiki page: the summary tables, then each account's own
 * Markdown report with its headings one level down.
 */
public final class OrgMarkdownReport {
  private final Clock clock;
  private final boolean includePassed;

  public OrgMarkdownReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public void render(Organisation org, PrintWriter out) {
    Score score = org.score();
    out.println("# Fargate Doctor organisation report");
    out.println();
    out.println("| | |");
    out.println("|---|---|");
    out.println("| Accounts | " + org.accounts().size() + " (" + org.scanned() + " scanned) |");
    out.println("| Regions | " + cell(String.join(", ", org.regions())) + " |");
    out.println("| Source | " + cell(org.source()) + " |");
    out.println("| Generated | " + Timestamps.iso(clock.instant()) + " |");
    out.println(
        "| Score | **"
            + score.value()
            + "/100 ("
            + score.grade()
            + ")**"
            + org.weakest().map(a -> ", the weakest account's: " + cell(a.label())).orElse("")
            + " |");
    out.println("| Problems | " + OrgTextReport.severities(org.problemsBySeverity()) + " |");
    out.println("| Unknown | " + org.unknown() + " |");
    out.println();
    out.println("## Quotas by account and Region");
    out.println();
    out.println(
        "| Account | Region | ENIs | ENI quota | ENI % | Fargate vCPU | vCPU quota | vCPU % |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    for (RegionCapacity c : org.capacity()) {
      out.println(
          "| "
              + cell(c.account())
              + " | "
              + cell(c.region())
              + " | "
              + c.networkInterfaces()
              + " | "
              + OrgTextReport.quota(c.networkInterfaceQuota())
              + " | "
              + OrgTextReport.percent(c.networkInterfacePercent())
              + " | "
              + OrgTextReport.number(c.fargateVcpu())
              + " | "
              + OrgTextReport.quota(c.fargateVcpuQuota())
              + " | "
              + OrgTextReport.percent(c.fargateVcpuPercent())
              + " |");
    }
    out.println();
    out.println("## Accounts");
    out.println();
    out.println("| Account | Critical | High | Medium | Low | Info | Unknown | Score |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (AccountSection a : org.accounts()) {
      Score s = a.score();
      out.println(
          "| "
              + cell(a.label())
              + " | "
              + a.problems(Severity.CRITICAL)
              + " | "
              + a.problems(Severity.HIGH)
              + " | "
              + a.problems(Severity.MEDIUM)
              + " | "
              + a.problems(Severity.LOW)
              + " | "
              + a.problems(Severity.INFO)
              + " | "
              + (a.count(Status.UNKNOWN) + a.gaps().size())
              + " | "
              + (s == null ? "not scanned" : s.value() + " (" + s.grade() + ")")
              + " |");
    }
    if (!org.sharedSubnets().isEmpty()) {
      out.println();
      out.println("## Shared subnets");
      out.println();
      out.println("Every scanned account's tasks at their peak, in subnets several accounts use.");
      out.println();
      out.println(
          "| Verdict | Subnet | Free IPs | New IPs at the peak | Accounts using it | Why |");
      out.println("|---|---|---:|---:|---|---|");
      for (SharedSubnetVerdict v : org.sharedSubnets()) {
        SharedSubnet sub = v.subnet();
        out.println(
            "| "
                + v.finding().status().name()
                + " | "
                + cell(OrgTextReport.heading(org, sub))
                + " | "
                + (sub.freeIps() == null ? "unknown" : sub.freeIps())
                + " | "
                + sub.additional()
                + " | "
                + String.join(
                    "<br>",
                    OrgTextReport.users(org, sub).stream().map(OrgMarkdownReport::cell).toList())
                + " | "
                + cell(v.finding().title())
                + " |");
      }
    }
    if (org.accounts().stream().anyMatch(a -> !a.gaps().isEmpty())) {
      out.println();
      out.println("## Not scanned");
      out.println();
      out.println("| Account | Outcome | Permission or step | Region | Why |");
      out.println("|---|---|---|---|---|");
      for (AccountSection a : org.accounts()) {
        for (Coverage g : a.gaps()) {
          out.println(
              "| "
                  + cell(a.account())
                  + " | "
                  + g.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + " | "
                  + SafeText.markdownCode(g.action())
                  + " | "
                  + cell(g.region())
                  + " | "
                  + cell(g.message() == null ? "" : g.message())
                  + " |");
        }
      }
    }
    for (AccountSection a : org.accounts()) {
      if (!a.scanned()) continue;
      out.println();
      StringWriter one = new StringWriter();
      PrintWriter w = new PrintWriter(one);
      new MarkdownReport(clock, includePassed).render(a.diagnosis(), w);
      w.flush();
      out.println("## Account " + cell(a.label()));
      out.println();
      demote(one.toString(), out);
    }
    out.flush();
  }

  // The account's own report, its headings one level down (not inside code fences), and its
  // title dropped: the section heading above says which account it is.
  private static void demote(String markdown, PrintWriter out) {
    boolean fenced = false;
    boolean first = true;
    boolean afterTitle = false;
    for (String line : markdown.split("\n", -1)) {
      if (afterTitle && line.isEmpty()) {
        afterTitle = false;
        continue;
      }
      afterTitle = false;
      if (line.startsWith("```")) fenced = !fenced;
      if (!fenced && line.startsWith("#")) {
        if (first && line.startsWith("# ")) {
          first = false;
          afterTitle = true;
          continue;
        }
        line = "##" + line;
      }
      out.println(line);
    }
  }

  private static String cell(String s) {
    return SafeText.markdown(s);
  }
}
