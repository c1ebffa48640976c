package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file to hand to a colleague: no external scripts, fonts or images. The
 * charts are inline SVG drawn from the snapshot (ENI usage against the quota, free addresses per
 * task subnet, memory trends); the severity filters are plain CSS. The page runs no script at all,
 * and its Content-Security-Policy says so: should text from the account ever slip past escaping, a
 * browser still refuses to run it.
 */
public final class HtmlReport {
  private static final List<String> FILTERS =
      List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNKNOWN", "PASS");

  private final Clock clock;
  private final boolean includePassed;

  public HtmlReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public void render(Diagnosis d, Snapshot snapshot, PrintWriter out) {
    Capture c = d.capture();
    Score score = Score.of(d);
    Summary s = Summary.of(d);
    Html h = new Html(out);
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").raw(CSP).raw("\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.raw("<title>")
        .text(
            "Fargate Doctor report"
                + (c == null || c.accountId() == null ? "" : " · " + c.accountId()))
        .raw("</title><style>")
        .raw(CSS)
        .raw("</style></head><body>\n");
    h.raw("<header><h1>Fargate Doctor</h1><p class=\"meta\">");
    if (c != null) {
      h.text(
          "account "
              + (c.accountId() == null ? "unknown" : c.accountId())
              + " · "
              + String.join(", ", c.regions())
              + " · "
              + c.source()
              + " snapshot "
              + Timestamps.iso(c.capturedAt()));
    }
    h.text(" · generated " + Timestamps.iso(clock.instant())).raw("</p>");
    h.raw("<div class=\"score grade-")
        .text(score.grade())
        .raw("\" title=\"")
        .text(Score.EXPLANATION)
        .raw("\"><b>")
        .text(Integer.toString(score.value()))
        .raw("</b><span> /100 · grade ")
        .text(score.grade())
        .raw("</span></div></header>\n");

    h.raw("<section class=\"counts\">");
    count(h, "failed", s.byStatus().get(Status.FAIL), "fail");
    count(h, "warnings", s.byStatus().get(Status.WARN), "warn");
    count(h, "unknown", s.byStatus().get(Status.UNKNOWN), "unknown");
    count(h, "passed", s.byStatus().get(Status.PASS), "pass");
    count(h, "checks", s.checksRun(), "checks");
    h.raw("</section>\n");

    if (snapshot != null) {
      h.raw("<section class=\"charts\">");
      // drawn at the team's thresholds, as the checks judge
      Charts.eniGauges(h, snapshot, d, d.configuration().thresholds());
      Charts.subnetBars(h, snapshot, d);
      Charts.memoryTrends(h, snapshot, d.configuration().thresholds());
      h.raw("</section>\n");
    }

    h.raw("<section><h2>Findings</h2><div class=\"filters\">Show: ");
    for (String f : FILTERS) {
      boolean on = includePassed || !f.equals("PASS");
      h.raw("<label><input type=\"checkbox\" id=\"show-")
          .text(f.toLowerCase(Locale.ROOT))
          .raw("\" data-filter=\"")
          .text(f)
          .raw("\"")
          .raw(on ? " checked" : "")
          .raw("> ")
          .text(f.toLowerCase(Locale.ROOT))
          .raw("</label> ");
    }
    h.raw("</div>");
    boolean any = false;
    for (Law law : Law.values()) {
      List<Finding> findings = d.findings().stream().filter(f -> f.law() == law).toList();
      if (findings.isEmpty()) continue;
      any = true;
      h.raw("<h3>When ").text(law.label()).raw(" <small>").text(law.where()).raw("</small></h3>");
      for (Finding f : findings) finding(h, f, includePassed);
    }
    if (!any) h.raw("<p>No findings.</p>");
    h.raw("</section>\n");

    if (!d.excluded().isEmpty()) {
      h.raw("<section><h2>Excluded by ")
          .text(d.configuration().source())
          .raw(
              "</h2><div class=\"scroll\"><table><tr><th>check</th><th>resource</th><th>reason</th><th>owner</th>"
                  + "<th>expires</th></tr>");
      for (var x : d.excluded()) {
        h.raw("<tr><td><code>")
            .text(x.finding().checkId())
            .raw("</code></td><td>")
            .text(x.finding().resource().type() + " " + x.finding().resource().id())
            .raw("</td><td>")
            .text(x.reason())
            .raw("</td><td>")
            .text(x.rule().owner() == null ? "" : x.rule().owner())
            .raw("</td><td>")
            .text(x.rule().expires() == null ? "" : x.rule().expires().toString())
            .raw("</td></tr>");
      }
      h.raw("</table></div></section>\n");
    }
    if (!d.expired().isEmpty()) {
      h.raw("<section><h2>Expired excludes in ")
          .text(d.configuration().source())
          .raw(
              "</h2><p>Past their date they hide nothing: their findings are back above.</p>"
                  + "<div class=\"scroll\"><table><tr><th>exclude</th><th>reason</th><th>expired</th>"
                  + "<th>findings shown again</th></tr>");
      for (var x : d.expired()) {
        h.raw("<tr><td><code>")
            .text(x.rule().check())
            .raw("</code> ")
            .text(x.rule().resource() == null ? "" : x.rule().resource())
            .text(x.rule().owner() == null ? "" : " (owner " + x.rule().owner() + ")")
            .raw("</td><td>")
            .text(x.rule().reason())
            .raw("</td><td>")
            .text(x.rule().expires().toString())
            .raw("</td><td>")
            .text(Integer.toString(x.findings().size()))
            .raw("</td></tr>");
      }
      h.raw("</table></div></section>\n");
    }
    coverage(h, d.coverage());
    h.raw("<footer>").text(Score.EXPLANATION).raw("</footer>\n");
    h.raw("</body></html>\n");
    out.flush();
  }

  static void count(Html h, String label, int n, String css) {
    h.raw("<div class=\"count ")
        .raw(css)
        .raw("\"><b>")
        .text(Integer.toString(n))
        .raw("</b>")
        .text(label)
        .raw("</div>");
  }

  static void finding(Html h, Finding f, boolean includePassed) {
    String key =
        f.status() == Status.PASS || f.status() == Status.UNKNOWN
            ? f.status().name()
            : f.severity().name();
    h.raw("<article class=\"finding sev-")
        .text(key.toLowerCase(Locale.ROOT))
        .raw("\" data-kind=\"")
        .text(key)
        .raw("\">");
    h.raw("<header><span class=\"badge\">")
        .text(key)
        .raw("</span> <code>")
        .text(f.checkId())
        .raw("</code> ")
        .text(f.resource().type() + " " + f.resource().id())
        .raw(" <small>")
        .text(f.region())
        .raw("</small></header>");
    h.raw("<p class=\"title\">").text(f.title()).raw("</p>");
    if (!f.evidence().isEmpty()) {
      h.raw("<dl>");
      for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
        h.raw("<dt>")
            .text(e.getKey())
            .raw("</dt><dd>")
            .text(TextReport.value(e.getValue()))
            .raw("</dd>");
      }
      h.raw("</dl>");
    }
    if (f.remediation().text() != null)
      h.raw("<p class=\"fix\"><b>Fix:</b> ").text(f.remediation().text()).raw("</p>");
    for (String cmd : f.remediation().commands()) {
      h.raw("<div class=\"cmd\"><pre title=\"click to select the whole command\">")
          .text(cmd)
          .raw("</pre></div>");
    }
    h.raw("</article>\n");
  }

  static void coverage(Html h, List<Coverage> coverage) {
    List<Coverage> gaps = Summary.gaps(coverage);
    h.raw("<section><h2>Coverage</h2>");
    if (gaps.isEmpty()) {
      h.raw("<p>Every collection step succeeded (")
          .text(Integer.toString(coverage.size()))
          .raw(" steps).</p></section>\n");
      return;
    }
    h.raw(
        "<p>These could not be read; the checks that needed them say UNKNOWN, never OK. The action is the "
            + "permission that would fix a denial.</p><div class=\"scroll\"><table><tr><th>outcome</th><th>permission (IAM action)</th>"
            + "<th>resource</th><th>region</th><th>message</th></tr>");
    for (Coverage g : gaps) {
      h.raw("<tr><td>")
          .text(g.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .raw("</td><td><code>")
          .text(g.action())
          .raw("</code></td><td>")
          .text(g.resource() == null ? "" : g.resource())
          .raw("</td><td>")
          .text(g.region())
          .raw("</td><td>")
          .text(g.message() == null ? "" : g.message())
          .raw("</td></tr>");
    }
    h.raw("</table></div></section>\n");
  }

  /** Escaping writer: everything from the snapshot goes through {@link #text}. */
  static final class Html {
    private final PrintWriter out;

    Html(PrintWriter out) {
      this.out = out;
    }

    Html raw(String s) {
      out.write(s);
      return this;
    }

    Html text(String s) {
      if (s == null) return this;
      out.write(SafeText.html(s));
      return this;
    }
  }

  static String color(Severity s) {
    return switch (s) {
      case CRITICAL -> "#b00020";
      case HIGH -> "#d9480f";
      case MEDIUM -> "#e6a700";
      case LOW -> "#1971c2";
      case INFO -> "#868e96";
    };
  }

  static final String CSS =
      """
      :root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa}
      *{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:24px;font:14px/1.5 system-ui,-apple-system,
      "Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}h1{margin:0;font-size:26px}h2{margin:32px 0 8px;
      border-bottom:1px solid var(--line);padding-bottom:4px}h3{margin:24px 0 8px}h3 small{color:var(--muted);
      font-weight:normal}body>header{display:flex;justify-content:space-between;align-items:center;gap:16px}
      .meta{color:var(--muted);margin:4px 0}.score{border-radius:12px;padding:6px 14px;color:#fff;white-space:nowrap;
      flex:none}.score b{font-size:26px;line-height:1.1}.grade-A{background:#2b8a3e}.grade-B{background:#5c940d}
      .grade-C{background:#e67700}.grade-D{background:#d9480f}.grade-F{background:#b00020}.counts{display:flex;
      gap:12px;margin:16px 0}.count{flex:1;border:1px solid var(--line);border-radius:8px;padding:8px 12px;
      background:var(--soft)}.count b{display:block;font-size:22px}.count.fail b{color:#b00020}.count.warn b{
      color:#e67700}.count.unknown b{color:#862e9c}.count.pass b{color:#2b8a3e}.charts{display:grid;
      grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}.chart{border:1px solid var(--line);
      border-radius:8px;padding:12px}.chart h4{margin:0 0 8px}.chart svg{width:100%;height:auto}
      .chart .note{color:var(--muted);font-size:12px}.finding{border:1px solid var(--line);border-left:6px solid
      var(--muted);border-radius:6px;padding:8px 12px;margin:10px 0}.finding header{font-weight:600}
      .sev-critical{border-left-color:#b00020}.sev-high{border-left-color:#d9480f}.sev-medium{border-left-color:
      #e6a700}.sev-low{border-left-color:#1971c2}.sev-unknown{border-left-color:#862e9c}.sev-pass{
      border-left-color:#2b8a3e}.badge{font-size:11px;border-radius:4px;padding:1px 6px;background:var(--soft);
      border:1px solid var(--line)}.title{margin:4px 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px
      12px;margin:6px 0;font-size:13px}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}.fix{margin:6px 0}
      .cmd{position:relative}pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;
      padding:8px;white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}pre{user-select:all}table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid var(--line);
      padding:4px 6px;text-align:left;vertical-align:top}.filters label{margin-right:8px}footer{margin-top:32px;
      color:var(--muted);font-size:12px}.legend{list-style:none;padding:0;margin:8px 0;columns:2;font-size:12px}
      .legend span{display:inline-block;width:10px;height:10px;margin-right:6px}svg.bar{height:14px}
      .scroll{overflow-x:auto}body{overflow-wrap:anywhere}@media (max-width:640px){body{padding:12px}
      body>header{flex-wrap:wrap}.counts{flex-wrap:wrap}.count{flex:1 1 40%}.charts{grid-template-columns:1fr}
      dl{grid-template-columns:1fr}dd{margin-left:12px}.legend{columns:1}}
      """
          + filters()
          + Charts.swatchCss();

  // The severity filters without script: an unticked box hides its kind of finding.
  private static String filters() {
    StringBuilder css = new StringBuilder();
    for (String kind : FILTERS) {
      css.append("body:has(#show-")
          .append(kind.toLowerCase(Locale.ROOT))
          .append(":not(:checked)) article[data-kind=\"")
          .append(kind)
          .append("\"]{display:none}");
    }
    return css.toString();
  }

  /**
   * No script, no plugin, no request anywhere: the one style sheet (by its hash) and data: images
   * are all the page may use.
   */
  static final String CSP =
      "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
          + "form-action 'none'; img-src data:; style-src '"
          + sha256(CSS)
          + "'";

  private static String sha256(String text) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
