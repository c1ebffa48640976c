package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report for an incident ticket: a summary table, the problems grouped by the law they serve
 * with evidence as lists and fixes as shell blocks, what was excluded and why, and what could not
 * be read.
 */
public final class MarkdownReport {
  private final Clock clock;
  private final boolean includePassed;

  public MarkdownReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  // A ticket or a chat message shows this many rows before "and N more".
  static final int SUMMARY_ROWS = 10;

  public void render(Diagnosis d, PrintWriter out) {
    summary(d, out);
    body(d, out);
    out.flush();
  }

  /**
   * The opening a ticket or a chat message needs: the run in a few lines, then the problems most
   * severe first, at most ten.
   */
  public void summary(Diagnosis d, PrintWriter out) {
    Capture c = d.capture();
    Summary s = Summary.of(d);
    Score score = Score.of(d);
    out.println("# Fargate Doctor report");
    out.println();
    out.println("| | |");
    out.println("|---|---|");
    if (c != null) {
      out.println("| Account | " + cell(c.accountId() == null ? "unknown" : c.accountId()) + " |");
      out.println("| Regions | " + cell(String.join(", ", c.regions())) + " |");
      out.println(
          "| Snapshot | "
              + cell(c.source() + ", captured " + Timestamps.iso(c.capturedAt()))
              + " |");
    }
    out.println("| Generated | " + Timestamps.iso(clock.instant()) + " |");
    out.println("| Score | **" + score.value() + "/100 (" + score.grade() + ")** |");
    out.println(
        "| Problems | "
            + s.byStatus().get(Status.FAIL)
            + " failed, "
            + s.byStatus().get(Status.WARN)
            + " warnings, "
            + s.byStatus().get(Status.UNKNOWN)
            + " unknown; "
            + s.byStatus().get(Status.PASS)
            + " passed |");
    if (d.configuration().source() != null) {
      out.println("| Configuration | " + cell(d.configuration().source()) + " |");
    }
    List<Finding> rows = FindingRows.of(d, includePassed);
    if (!rows.isEmpty()) {
      out.println();
      out.println("| Severity | Check | Resource |");
      out.println("|---|---|---|");
      for (Finding f : rows.subList(0, Math.min(SUMMARY_ROWS, rows.size()))) {
        out.println(
            "| "
                + FindingRows.label(f)
                + " | "
                + code(f.checkId())
                + " | "
                + cell(f.resource().type() + " " + f.resource().id())
                + " |");
      }
      if (rows.size() > SUMMARY_ROWS) {
        out.println();
        out.println("… and " + (rows.size() - SUMMARY_ROWS) + " more.");
      }
    }
    out.flush();
  }

  private void body(Diagnosis d, PrintWriter out) {
    List<Finding> shown =
        d.findings().stream().filter(f -> includePassed || f.status() != Status.PASS).toList();
    if (shown.isEmpty()) {
      out.println();
      out.println("No problems found by the " + d.checksRun().size() + " checks that ran.");
    }
    for (Law law : Law.values()) {
      List<Finding> findings = shown.stream().filter(f -> f.law() == law).toList();
      if (findings.isEmpty()) continue;
      out.println();
      out.println("## When " + law.label() + " — " + law.where());
      for (Finding f : findings) finding(f, out);
    }
    if (!d.excluded().isEmpty()) {
      out.println();
      out.println("## Excluded by configuration");
      out.println();
      out.println("| Check | Resource | Reason | Owner | Expires |");
      out.println("|---|---|---|---|---|");
      for (var x : d.excluded()) {
        out.println(
            "| "
                + code(x.finding().checkId())
                + " | "
                + cell(x.finding().resource().type() + " " + x.finding().resource().id())
                + " | "
                + cell(x.reason())
                + " | "
                + cell(x.rule().owner() == null ? "" : x.rule().owner())
                + " | "
                + (x.rule().expires() == null ? "" : x.rule().expires())
                + " |");
      }
    }
    if (!d.expired().isEmpty()) {
      out.println();
      out.println("## Expired excludes");
      out.println();
      out.println("Past their date they hide nothing: their findings are back above.");
      out.println();
      out.println("| Exclude | Reason | Expired | Findings shown again |");
      out.println("|---|---|---|---|");
      for (var x : d.expired()) {
        out.println(
            "| "
                + cell(x.rule().describe())
                + " | "
                + cell(x.rule().reason())
                + " | "
                + x.rule().expires()
                + " | "
                + x.findings().size()
                + " |");
      }
    }
    List<Coverage> gaps = Summary.gaps(d.coverage());
    if (!gaps.isEmpty()) {
      out.println();
      out.println("## Not collected");
      out.println();
      out.println("Checks that needed these report UNKNOWN, not OK.");
      out.println();
      out.println("| Outcome | Action | Resource | Region | Message |");
      out.println("|---|---|---|---|---|");
      for (Coverage g : gaps) {
        out.println(
            "| "
                + g.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " | "
                + code(g.action())
                + " | "
                + cell(g.resource() == null ? "" : g.resource())
                + " | "
                + cell(g.region())
                + " | "
                + cell(g.message() == null ? "" : g.message())
                + " |");
      }
    }
  }

  private static void finding(Finding f, PrintWriter out) {
    out.println();
    String label =
        f.status() == Status.PASS || f.status() == Status.UNKNOWN
            ? f.status().name()
            : f.severity().name();
    out.println(
        "### "
            + label
            + " · "
            + code(f.checkId())
            + " · "
            + cell(f.resource().type() + " " + f.resource().id()));
    out.println();
    out.println(cell(f.title()));
    if (!f.evidence().isEmpty()) {
      out.println();
      for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
        out.println("- **" + cell(e.getKey()) + "**: " + cell(TextReport.value(e.getValue())));
      }
    }
    if (f.remediation().text() != null) {
      out.println();
      out.println("**Fix:** " + cell(f.remediation().text()));
    }
    if (!f.remediation().commands().isEmpty()) {
      out.println();
      List<String> commands = f.remediation().commands().stream().map(SafeText::plain).toList();
      String fence = SafeText.markdownFence(commands);
      out.println(fence + "sh");
      commands.forEach(out::println);
      out.println(fence);
    }
  }

  // Text from AWS or a file: no HTML, no link, no emphasis, no line break, no table cell it did
  // not come in; ids and actions go in code spans nothing inside can close.
  private static String cell(String s) {
    return SafeText.markdown(s);
  }

  private static String code(String s) {
    return SafeText.markdownCode(s);
  }
}
