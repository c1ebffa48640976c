package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import dev.fargatedoctor.check.capacity.SubnetUse;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The terminal report of an organisation: the summary first (quota use per account and Region,
 * closest to the ENI quota first; problems, unknowns and score per account; what was not scanned),
 * then each account's own report. Fits 100 columns.
 */
public final class OrgTextReport {
  private final Ansi ansi;
  private final boolean color;
  private final boolean includePassed;

  public OrgTextReport(boolean color, boolean includePassed) {
    this.ansi = new Ansi(color);
    this.color = color;
    this.includePassed = includePassed;
  }

  public void render(Organisation org, PrintWriter out) {
    Score score = org.score();
    out.println(
        ansi.bold("Fargate Doctor — organisation")
            + " "
            + ansi.dim(
                org.accounts().size()
                    + " accounts ("
                    + org.scanned()
                    + " scanned) · "
                    + safe(String.join(", ", org.regions()))
                    + " · "
                    + safe(org.source())
                    + (org.caller() == null ? "" : " · caller " + safe(org.caller()))));
    var bySeverity = org.problemsBySeverity();
    out.println(
        "Score "
            + ansi.bold(score.value() + "/100 (" + score.grade() + ")")
            + org.weakest().map(a -> ", from the weakest account " + safe(a.label())).orElse("")
            + " · problems: "
            + severities(bySeverity)
            + " · unknown: "
            + org.unknown());
    out.println();
    out.println(ansi.bold("Quotas by account and Region (closest to the ENI quota first)"));
    out.println(
        String.format(
            Locale.ROOT,
            "  %-14s %-15s %20s %7s %16s %7s",
            "account",
            "region",
            "ENIs / quota",
            "",
            "vCPU / quota",
            ""));
    for (RegionCapacity c : org.capacity()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-14s %-15s %20s %7s %16s %7s",
              safe(c.account()),
              safe(c.region()),
              c.networkInterfaces() + " / " + quota(c.networkInterfaceQuota()),
              percent(c.networkInterfacePercent()),
              number(c.fargateVcpu()) + " / " + quota(c.fargateVcpuQuota()),
              percent(c.fargateVcpuPercent())));
    }
    out.println();
    out.println(ansi.bold("Accounts"));
    out.println(
        String.format(
            Locale.ROOT,
            "  %-32s %5s %5s %5s %5s %5s %8s %6s",
            "account",
            "crit",
            "high",
            "med",
            "low",
            "info",
            "unknown",
            "score"));
    for (AccountSection a : org.accounts()) {
      Score s = a.score();
      out.println(
          String.format(
              Locale.ROOT,
              "  %-32s %5d %5d %5d %5d %5d %8d %6s",
              safe(truncate(a.label(), 32)),
              a.problems(Severity.CRITICAL),
              a.problems(Severity.HIGH),
              a.problems(Severity.MEDIUM),
              a.problems(Severity.LOW),
              a.problems(Severity.INFO),
              a.count(Status.UNKNOWN) + a.gaps().size(),
              s == null ? "—" : s.value() + " " + s.grade()));
    }
    if (!org.sharedSubnets().isEmpty()) {
      out.println();
      out.println(ansi.bold("Shared subnets (every scanned account's tasks at their peak)"));
      for (SharedSubnetVerdict v : org.sharedSubnets()) {
        out.println(
            "  "
                + String.format(Locale.ROOT, "%-8s", v.finding().status().name())
                + " "
                + safe(heading(org, v.subnet())));
        TextWrap.words(safe(v.finding().title()), TextReport.WIDTH - 6)
            .forEach(l -> out.println("      " + ansi.dim(l)));
        for (String line : users(org, v.subnet())) {
          TextWrap.words(safe(line), TextReport.WIDTH - 6).forEach(l -> out.println("      " + l));
        }
      }
    }
    List<AccountSection> withGaps =
        org.accounts().stream().filter(a -> !a.gaps().isEmpty()).toList();
    if (!withGaps.isEmpty()) {
      out.println();
      out.println(ansi.bold("Not scanned: what it would take (UNKNOWN, never OK)"));
      for (AccountSection a : withGaps) {
        for (Coverage g : a.gaps()) {
          out.println(
              "  "
                  + safe(a.account())
                  + "  "
                  + g.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + " "
                  + safe(g.action())
                  + (Coverage.GLOBAL.equals(g.region()) ? "" : " · " + safe(g.region())));
          if (g.message() != null) {
            TextWrap.words(safe(g.message()), TextReport.WIDTH - 6)
                .forEach(l -> out.println("      " + ansi.dim(l)));
          }
        }
      }
    }
    for (AccountSection a : org.accounts()) {
      if (!a.scanned()) continue;
      out.println();
      out.println(ansi.bold("━━ account " + safe(a.label()) + " ━━"));
      new TextReport(color, includePassed).render(a.diagnosis(), out);
    }
    out.flush();
  }

  /** "subnet-0shareda · us-east-1 us-east-1a · 10.20.0.0/25 · owner 444455556666 (network)" */
  static String heading(Organisation org, SharedSubnet s) {
    String owner = s.owner();
    return s.subnetId()
        + " · "
        + s.region()
        + (s.availabilityZone() == null ? "" : " " + s.availabilityZone())
        + (s.cidrBlock() == null ? "" : " · " + s.cidrBlock())
        + (owner == null ? "" : " · owner " + label(org, owner));
  }

  /**
   * One line per account using the subnet: its interfaces there and its services' tasks now and at
   * their peak, or that it was not scanned.
   */
  static List<String> users(Organisation org, SharedSubnet s) {
    java.util.Map<String, Integer> interfaces = s.interfacesByAccount();
    java.util.Set<String> scanned = s.scanned();
    List<String> out = new java.util.ArrayList<>();
    for (String account : s.users()) {
      StringBuilder b =
          new StringBuilder(label(org, account))
              .append(": ")
              .append(interfaces.getOrDefault(account, 0))
              .append(" interfaces");
      for (SubnetUse.ServiceTasks t : s.services()) {
        if (t.account().equals(account))
          b.append(" · ")
              .append(t.service())
              .append(' ')
              .append(t.live())
              .append(" -> ")
              .append(t.peak());
      }
      if (!scanned.contains(account)) b.append(" (not scanned: its services cannot be counted)");
      out.add(b.toString());
    }
    return out;
  }

  static String label(Organisation org, String account) {
    String name = org.nameOf(account);
    return name == null ? account : account + " (" + name + ")";
  }

  static String severities(java.util.Map<Severity, Integer> counts) {
    StringBuilder b = new StringBuilder();
    for (Severity s : Severity.values()) {
      if (b.length() > 0) b.append(", ");
      b.append(counts.getOrDefault(s, 0)).append(' ').append(s.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  static String quota(Double q) {
    return q == null ? "?" : number(q);
  }

  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String percent(Double p) {
    return p == null ? "unknown" : String.format(Locale.ROOT, "%.1f %%", p);
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String safe(String s) {
    return SafeText.plain(s);
  }
}
