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
 * evidence and the commands that fix it; then coverage gaps and a summary. Fits the width it is
 * given (100 columns by default), long commands wrapped with shell continuations.
 */
public final class TextReport {
  public static final int WIDTH = 100;

  private final Ansi ansi;
  private final boolean includePassed;
  private final int width;

  public TextReport(boolean color, boolean includePassed) {
    this(color, includePassed, WIDTH);
  }

  public TextReport(boolean color, boolean includePassed, int width) {
    this.ansi = new Ansi(color);
    this.includePassed = includePassed;
    this.width = width;
  }

  /**
   * Only the findings, one row each, most severe first: severity, check, resource, Region and
   * title, cut to the width.
   */
  public void summary(Diagnosis d, PrintWriter out) {
    List<Finding> rows = FindingRows.of(d, includePassed);
    if (rows.isEmpty()) {
      out.println("No problems found by the " + d.checksRun().size() + " checks that ran.");
      out.flush();
      return;
    }
    int check =
        Math.max(5, rows.stream().mapToInt(f -> safe(f.checkId()).length()).max().orElse(0));
    int resource =
        Math.min(
            30, Math.max(8, rows.stream().mapToInt(f -> resource(f).length()).max().orElse(0)));
    // A Region column only when the findings span several.
    boolean regions = rows.stream().map(TextReport::regionOf).distinct().count() > 1;
    int region =
        regions
            ? Math.max(6, rows.stream().mapToInt(f -> safe(regionOf(f)).length()).max().orElse(0))
            : 0;
    String row =
        "%-" + check + "s  %-" + resource + "s  " + (regions ? "%-" + region + "s  " : "%s") + "%s";
    int title =
        Math.max(10, width - (8 + 2 + check + 2 + resource + 2 + (regions ? region + 2 : 0)));
    out.println(
        ansi.bold(
            (String.format(Locale.ROOT, "%-8s  ", "SEVERITY")
                    + String.format(
                        Locale.ROOT, row, "CHECK", "RESOURCE", regions ? "REGION" : "", "TITLE"))
                .stripTrailing()));
    for (Finding f : rows) {
      String label = String.format(Locale.ROOT, "%-8s", FindingRows.label(f));
      String tag =
          f.status() == Status.PASS || f.status() == Status.UNKNOWN
              ? ansi.status(f.status(), label)
              : ansi.severity(f.severity(), label);
      out.println(
          tag
              + "  "
              + String.format(
                      Locale.ROOT,
                      row,
                      safe(f.checkId()),
                      cut(resource(f), resource),
                      regions ? safe(regionOf(f)) : "",
                      cut(safe(f.title()), title))
                  .stripTrailing());
    }
    out.flush();
  }

  private static String resource(Finding f) {
    return safe(f.resource().type() + " " + f.resource().id());
  }

  private static String regionOf(Finding f) {
    return f.region() == null ? "" : f.region();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
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
    String about =
        "— "
            + safe(account)
            + " · "
            + safe(String.join(", ", c.regions()))
            + " · "
            + safe(c.source())
            + " snapshot "
            + dev.fargatedoctor.check.Timestamps.iso(c.capturedAt())
            + (c.endpoint() == null ? "" : " · endpoint " + safe(c.endpoint()));
    String name = "Fargate Doctor ";
    List<String> lines = TextWrap.words(name + about, width);
    for (int i = 0; i < lines.size(); i++) {
      out.println(
          i == 0
              ? ansi.bold(name.strip()) + " " + ansi.dim(lines.get(0).substring(name.length()))
              : ansi.dim(lines.get(i)));
    }
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
    String resource = safe(f.resource().type()) + " " + safe(f.resource().id());
    String region = regionIsResource || f.region() == null ? "" : " · " + safe(f.region());
    String check = safe(f.checkId());
    if (9 + check.length() + 2 + resource.length() + region.length() <= width) {
      out.println(tag + " " + ansi.bold(check) + "  " + resource + ansi.dim(region));
    } else { // a narrow terminal: the resource goes on a line of its own
      out.println(tag + " " + ansi.bold(check));
      out.println("  " + resource + ansi.dim(region));
    }
    for (String line : TextWrap.words(safe(f.title()), width - 2)) out.println("  " + line);
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      List<String> lines = TextWrap.words(safe(e.getKey()) + ": " + value(e.getValue()), width - 6);
      for (int i = 0; i < lines.size(); i++)
        out.println((i == 0 ? "    " : "      ") + ansi.dim(lines.get(i)));
    }
    if (f.remediation().text() != null) {
      List<String> lines = TextWrap.words("Fix: " + safe(f.remediation().text()), width - 2);
      lines.forEach(l -> out.println("  " + l));
    }
    for (String command : f.remediation().commands()) {
      List<String> lines = TextWrap.command(safe(command), width - 6, "      ");
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
        TextWrap.words(safe(c.message()), width - 6)
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
              width - 4)
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
              width - 4)
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
    String counts =
        s.byStatus().get(Status.FAIL)
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
                : ", " + s.coverageGaps() + " coverage gap" + (s.coverageGaps() == 1 ? "" : "s"));
    List<String> lines = TextWrap.words("Summary: " + counts, width - 2);
    out.println(ansi.bold("Summary:") + lines.get(0).substring("Summary:".length()));
    lines.subList(1, lines.size()).forEach(l -> out.println("  " + l));
  }
}
