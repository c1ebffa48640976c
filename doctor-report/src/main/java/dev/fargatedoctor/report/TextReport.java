package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The terminal report: findings grouped by the law they serve, most severe first, each with its
 * evidence and the commands that fix it; then coverage gaps and a summary. Fits 100 columns.
 */
public final class TextReport {
  static final int WIDTH = 100;

  private final Ansi ansi;
  private final boolean includePassed;

  public TextReport(boolean color, boolean includePassed) {
    this.ansi = new Ansi(color);
    this.includePassed = includePassed;
  }

  public void render(Diagnosis d, PrintWriter out) {
    header(d.capture(), out);
    List<Finding> shown =
        d.findings().stream().filter(f -> includePassed || f.status() != Status.PASS).toList();
    if (shown.isEmpty()) {
      out.println(
          ansi.status(Status.PASS, "No problems found.")
              + " "
              + d.checksRun().size()
              + " checks ran; see the coverage below for what could not be read.");
    }
    for (Law law : Law.values()) {
      List<Finding> findings = shown.stream().filter(f -> f.law() == law).toList();
      if (findings.isEmpty()) continue;
      out.println();
      out.println(ansi.bold("When " + law.label() + ": " + law.where()));
      for (Finding f : findings) finding(f, out);
    }
    excluded(d, out);
    expired(d, out);
    coverage(d.coverage(), out);
    summary(Summary.of(d), Score.of(d), out);
    out.flush();
  }

  private void header(Capture c, PrintWriter out) {
    if (c == null) return;
    String account = c.accountId() == null ? "account unknown" : "account " + c.accountId();
    out.println(
        ansi.bold("Fargate Doctor")
            + " "
            + ansi.dim(
                "— "
                    + safe(account)
                    + " · "
                    + safe(String.join(", ", c.regions()))
                    + " · "
                    + safe(c.source())
                    + " snapshot "
                    + dev.fargatedoctor.check.Timestamps.iso(c.capturedAt())
                    + (c.endpoint() == null ? "" : " · endpoint " + safe(c.endpoint()))));
  }

  private void finding(Finding f, PrintWriter out) {
    out.println();
    String label =
        f.status() == Status.PASS
            ? "PASS"
            : f.status() == Status.UNKNOWN ? "UNKNOWN" : f.severity().name();
    String tag =
        f.status() == Status.PASS || f.status() == Status.UNKNOWN
            ? ansi.status(f.status(), String.format(Locale.ROOT, "%-8s", label))
            : ansi.severity(f.severity(), String.format(Locale.ROOT, "%-8s", label));
    boolean regionIsResource = "region".equals(f.resource().type());
    out.println(
        tag
            + " "
            + ansi.bold(safe(f.checkId()))
            + "  "
            + safe(f.resource().type())
            + " "
            + safe(f.resource().id())
            + (regionIsResource || f.region() == null ? "" : ansi.dim(" · " + safe(f.region()))));
    for (String line : TextWrap.words(safe(f.title()), WIDTH - 2)) out.println("  " + line);
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      List<String> lines = TextWrap.words(safe(e.getKey()) + ": " + value(e.getValue()), WIDTH - 6);
      for (int i = 0; i < lines.size(); i++)
        out.println((i == 0 ? "    " : "      ") + ansi.dim(lines.get(i)));
    }
    if (f.remediation().text() != null) {
      List<String> lines = TextWrap.words("Fix: " + safe(f.remediation().text()), WIDTH - 2);
      lines.forEach(l -> out.println("  " + l));
    }
    for (String command : f.remediation().commands()) {
      List<String> lines = TextWrap.command(safe(command), WIDTH - 6, "      ");
      for (int i = 0; i < lines.size(); i++) out.println((i == 0 ? "    $ " : "  ") + lines.get(i));
    }
  }

  /** An evidence value as one line of safe text: a map as "key value, ...", a list joined. */
  static String value(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .map(e -> SafeText.plain(e.getKey()) + " " + SafeText.plain(e.getValue()))
          .collect(Collectors.joining(", "));
    }
    if (v instanceof Collection<?> c) {
      return c.stream()
          .map(SafeText::plain)
          .collect(Collectors.joining(c.size() > 3 ? "; " : ", "));
    }
    return SafeText.plain(v);
  }

  // Everything from a snapshot, a dump or a config file is shown through here.
  static String safe(String s) {
    return SafeText.plain(s);
  }

  private void coverage(List<Coverage> coverage, PrintWriter out) {
    List<Coverage> gaps = Summary.gaps(coverage);
    if (gaps.isEmpty()) return;
    out.println();
    out.println(
        ansi.bold(
            "Not collected (" + gaps.size() + "): checks that need these said UNKNOWN, not OK"));
    for (Coverage c : gaps) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-13s %s%s%s",
              c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
              safe(c.action()),
              c.resource() == null ? "" : " (" + safe(c.resource()) + ")",
              Coverage.GLOBAL.equals(c.region()) ? "" : ansi.dim(" · " + safe(c.region()))));
      if (c.message() != null)
        TextWrap.words(safe(c.message()), WIDTH - 6)
            .forEach(l -> out.println("      " + ansi.dim(l)));
    }
  }

  private void excluded(Diagnosis d, PrintWriter out) {
    if (d.excluded().isEmpty()) return;
    out.println();
    out.println(
        ansi.bold(
            "Excluded by " + safe(d.configuration().source()) + " (" + d.excluded().size() + ")"));
    for (var x : d.excluded()) {
      Finding f = x.finding();
      TextWrap.words(
              safe(
                  f.checkId()
                      + " "
                      + f.resource().type()
                      + " "
                      + f.resource().id()
                      + ": "
                      + x.reason()
                      + (x.rule().owner() == null ? "" : " (owner " + x.rule().owner() + ")")
                      + (x.rule().expires() == null ? "" : ", until " + x.rule().expires())),
              WIDTH - 4)
          .forEach(l -> out.println("  " + ansi.dim(l)));
    }
  }

  private void expired(Diagnosis d, PrintWriter out) {
    if (d.expired().isEmpty()) return;
    out.println();
    out.println(
        ansi.bold(
            "Expired excludes in "
                + safe(d.configuration().source())
                + " ("
                + d.expired().size()
                + "): they hide nothing any more"));
    for (var x : d.expired()) {
      TextWrap.words(
              safe(x.rule().describe())
                  + ": "
                  + safe(x.rule().reason())
                  + " ("
                  + x.findings().size()
                  + " finding"
                  + (x.findings().size() == 1 ? "" : "s")
                  + " shown again)",
              WIDTH - 4)
          .forEach(l -> out.println("  " + ansi.status(Status.WARN, l)));
    }
  }

  private void summary(Summary s, Score score, PrintWriter out) {
    out.println();
    out.println(ansi.bold("Score: " + score.value() + "/100 (" + score.grade() + ")"));
    String severities =
        s.problemsBySeverity().entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    out.println(
        ansi.bold("Summary: ")
            + s.byStatus().get(Status.FAIL)
            + " failed, "
            + s.byStatus().get(Status.WARN)
            + " warnings"
            + (severities.isEmpty() ? "" : " (" + severities + ")")
            + ", "
            + s.byStatus().get(Status.UNKNOWN)
            + " unknown, "
            + s.byStatus().get(Status.PASS)
            + " passed; "
            + s.checksRun()
            + " checks"
            + (s.coverageGaps() == 0
                ? ""
                : ", " + s.coverageGaps() + " coverage gap" + (s.coverageGaps() == 1 ? "" : "s")));
  }
}
