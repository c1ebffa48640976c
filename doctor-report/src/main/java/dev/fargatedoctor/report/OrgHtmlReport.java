package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import dev.fargatedoctor.report.HtmlReport.Html;
import dev.fargatedoctor.snapshot.Coverage;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The organisation report as one self-contained page, with the single-account page's style and
 * Content-Security-Policy (no script): the summary tables, then a section per account with its
 * counts, findings and coverage.
 */
public final class OrgHtmlReport {
  private final Clock clock;
  private final boolean includePassed;

  public OrgHtmlReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public void render(Organisation org, PrintWriter out) {
    Score score = org.score();
    Html h = new Html(out);
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").raw(HtmlReport.CSP).raw("\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.raw("<title>Fargate Doctor organisation report</title><style>")
        .raw(HtmlReport.CSS)
        .raw("</style></head><body>\n");
    h.raw("<header><h1>Fargate Doctor — organisation</h1><p class=\"meta\">")
        .text(
            org.accounts().size()
                + " accounts ("
                + org.scanned()
                + " scanned) · "
                + String.join(", ", org.regions())
                + " · "
                + org.source()
                + " · generated "
                + Timestamps.iso(clock.instant()))
        .raw("</p>");
    h.raw("<div class=\"score grade-")
        .text(score.grade())
        .raw("\" title=\"")
        .text("The weakest scanned account's score. " + Score.EXPLANATION)
        .raw("\"><b>")
        .text(Integer.toString(score.value()))
        .raw("</b><span>/100 · grade ")
        .text(score.grade())
        .raw("</span></div></header>\n");
    var bySeverity = org.problemsBySeverity();
    h.raw("<section class=\"counts\">");
    HtmlReport.count(h, "critical", bySeverity.get(Severity.CRITICAL), "fail");
    HtmlReport.count(h, "high", bySeverity.get(Severity.HIGH), "fail");
    HtmlReport.count(h, "medium", bySeverity.get(Severity.MEDIUM), "warn");
    HtmlReport.count(h, "low", bySeverity.get(Severity.LOW), "warn");
    HtmlReport.count(h, "unknown", org.unknown(), "unknown");
    HtmlReport.count(h, "accounts", org.accounts().size(), "checks");
    h.raw("</section>\n");

    h.raw("<section><h2>Quotas by account and Region</h2><table><tr><th>account</th>")
        .raw("<th>region</th><th>ENIs / quota</th><th>ENI %</th><th>Fargate vCPU / quota</th>")
        .raw("<th>vCPU %</th></tr>");
    for (RegionCapacity c : org.capacity()) {
      h.raw("<tr><td>")
          .text(c.account())
          .raw("</td><td>")
          .text(c.region())
          .raw("</td><td>")
          .text(c.networkInterfaces() + " / " + OrgTextReport.quota(c.networkInterfaceQuota()))
          .raw("</td><td>")
          .text(OrgTextReport.percent(c.networkInterfacePercent()))
          .raw("</td><td>")
          .text(
              OrgTextReport.number(c.fargateVcpu())
                  + " / "
                  + OrgTextReport.quota(c.fargateVcpuQuota()))
          .raw("</td><td>")
          .text(OrgTextReport.percent(c.fargateVcpuPercent()))
          .raw("</td></tr>");
    }
    h.raw("</table></section>\n");

    h.raw("<section><h2>Accounts</h2><table><tr><th>account</th><th>critical</th><th>high</th>")
        .raw("<th>medium</th><th>low</th><th>unknown</th><th>score</th></tr>");
    for (AccountSection a : org.accounts()) {
      Score s = a.score();
      h.raw("<tr><td>").text(a.label()).raw("</td>");
      for (Severity sev : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW))
        h.raw("<td>").text(Integer.toString(a.problems(sev))).raw("</td>");
      h.raw("<td>")
          .text(Integer.toString(a.count(Status.UNKNOWN) + a.gaps().size()))
          .raw("</td><td>")
          .text(s == null ? "not scanned" : s.value() + " (" + s.grade() + ")")
          .raw("</td></tr>");
    }
    h.raw("</table></section>\n");

    if (!org.sharedSubnets().isEmpty()) {
      h.raw("<section><h2>Shared subnets</h2><p>Every scanned account's tasks at their peak, in")
          .raw(" subnets several accounts use.</p><table><tr><th>verdict</th><th>subnet</th>")
          .raw("<th>free IPs</th><th>new IPs at the peak</th><th>accounts using it</th>")
          .raw("<th>why</th></tr>");
      for (SharedSubnetVerdict v : org.sharedSubnets()) {
        SharedSubnet sub = v.subnet();
        h.raw("<tr><td>")
            .text(v.finding().status().name())
            .raw("</td><td>")
            .text(OrgTextReport.heading(org, sub))
            .raw("</td><td>")
            .text(sub.freeIps() == null ? "unknown" : Integer.toString(sub.freeIps()))
            .raw("</td><td>")
            .text(Integer.toString(sub.additional()))
            .raw("</td><td>");
        boolean first = true;
        for (String line : OrgTextReport.users(org, sub)) {
          if (!first) h.raw("<br>");
          h.text(line);
          first = false;
        }
        h.raw("</td><td>").text(v.finding().title()).raw("</td></tr>");
      }
      h.raw("</table></section>\n");
    }

    if (org.accounts().stream().anyMatch(a -> !a.gaps().isEmpty())) {
      h.raw("<section><h2>Not scanned</h2><p>UNKNOWN, never OK: each names what it would take.</p>")
          .raw("<table><tr><th>account</th><th>outcome</th><th>permission or step</th>")
          .raw("<th>region</th><th>why</th></tr>");
      for (AccountSection a : org.accounts()) {
        for (Coverage g : a.gaps()) {
          h.raw("<tr><td>")
              .text(a.account())
              .raw("</td><td>")
              .text(g.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
              .raw("</td><td><code>")
              .text(g.action())
              .raw("</code></td><td>")
              .text(g.region())
              .raw("</td><td>")
              .text(g.message() == null ? "" : g.message())
              .raw("</td></tr>");
        }
      }
      h.raw("</table></section>\n");
    }

    for (AccountSection a : org.accounts()) {
      if (!a.scanned()) continue;
      h.raw("<section class=\"account\"><h2>Account ").text(a.label()).raw("</h2>");
      Summary s = Summary.of(a.diagnosis());
      h.raw("<div class=\"counts\">");
      HtmlReport.count(h, "failed", s.byStatus().get(Status.FAIL), "fail");
      HtmlReport.count(h, "warnings", s.byStatus().get(Status.WARN), "warn");
      HtmlReport.count(h, "unknown", s.byStatus().get(Status.UNKNOWN), "unknown");
      HtmlReport.count(h, "passed", s.byStatus().get(Status.PASS), "pass");
      h.raw("</div>");
      boolean any = false;
      for (Finding f : a.diagnosis().findings()) {
        if (!includePassed && f.status() == Status.PASS) continue;
        any = true;
        HtmlReport.finding(h, f, includePassed);
      }
      if (!any) h.raw("<p>No problems found.</p>");
      HtmlReport.coverage(h, a.diagnosis().coverage());
      h.raw("</section>\n");
    }
    h.raw("<footer>").text(Score.EXPLANATION).raw("</footer>\n</body></html>\n");
    out.flush();
  }
}
