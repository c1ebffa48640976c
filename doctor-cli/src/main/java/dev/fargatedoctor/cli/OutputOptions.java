package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.report.AsffReport;
import dev.fargatedoctor.report.HtmlReport;
import dev.fargatedoctor.report.JsonReport;
import dev.fargatedoctor.report.JunitReport;
import dev.fargatedoctor.report.MarkdownReport;
import dev.fargatedoctor.report.OcsfReport;
import dev.fargatedoctor.report.OrgHtmlReport;
import dev.fargatedoctor.report.OrgJsonReport;
import dev.fargatedoctor.report.OrgMarkdownReport;
import dev.fargatedoctor.report.OrgTextReport;
import dev.fargatedoctor.report.Organisation;
import dev.fargatedoctor.report.SarifReport;
import dev.fargatedoctor.report.Score;
import dev.fargatedoctor.report.TextReport;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How results are printed, where, and which severity makes the exit code 1 (or 4). */
final class OutputOptions {
  enum Format {
    text,
    json,
    markdown,
    html,
    sarif,
    junit,
    ocsf,
    asff
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "text, json, markdown (for an incident ticket), html (one self-contained file with "
              + "charts), sarif (code-scanning dashboards), junit (CI test reports), ocsf (OCSF "
              + "Detection Findings, Security Lake) or asff (Security Hub) (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Mixin RenderOptions render = new RenderOptions();

  @Mixin CheckSelection selection = new CheckSelection();

  @Option(
      names = "--summary",
      description =
          "Only the findings table (text), or only the opening summary tables (markdown).")
  boolean summary;

  @Option(
      names = "--min-score",
      paramLabel = "N",
      description = "Also exit 1 when the score is below N (0-100). " + Score.EXPLANATION)
  Integer minScore;

  @Option(
      names = "--force-exit-zero",
      description = "Exit 0 whatever the findings (errors still exit 2, 3 or 5).")
  boolean forceExitZero;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      converter = SeverityConverter.class,
      description =
          "Exit 1 when a FAIL or WARN finding is at or above this severity: critical, high, medium, low, "
              + "info (default: ${DEFAULT-VALUE}).")
  Severity failOn = Severity.HIGH;

  @Mixin AllowIncomplete incomplete = new AllowIncomplete();

  @Option(names = "--include-passed", description = "Also list what passed.")
  boolean includePassed;

  /** Where the rendered report also goes (scan --report-s3), or null. */
  java.util.function.BiConsumer<String, Format> alsoWrite;

  /** Where the findings also go (scan --publish securityhub), or null; after the report. */
  java.util.function.Consumer<Diagnosis> alsoPublish;

  /** Fails on options that cannot work, before any collection: a bad --min-score or --out. */
  void check() {
    if (minScore != null && (minScore < 0 || minScore > 100)) {
      throw new IllegalArgumentException("--min-score must be between 0 and 100, not " + minScore);
    }
    render.check();
    if (summary && format != Format.text && format != Format.markdown) {
      throw new IllegalArgumentException(
          "--summary is for text and markdown; " + format + " is always the whole report");
    }
  }

  /**
   * Renders the diagnosis to stdout or --out, and returns the exit code it implies; an incomplete
   * result says so on stderr.
   */
  int emit(Diagnosis all, Snapshot snapshot, Clock clock, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    check();
    Diagnosis d = selection.filter(all);
    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer);
    boolean color = render.color();
    switch (format) {
      case json -> new JsonReport(clock, includePassed).render(d, w);
      case text -> {
        TextReport text = new TextReport(color, includePassed, render.width());
        if (summary) text.summary(d, w);
        else text.render(d, w);
      }
      case markdown -> {
        MarkdownReport markdown = new MarkdownReport(clock, includePassed);
        if (summary) markdown.summary(d, w);
        else markdown.render(d, w);
      }
      case html -> new HtmlReport(clock, includePassed).render(d, snapshot, w);
      case sarif -> new SarifReport(includePassed).render(d, w);
      case junit -> new JunitReport(clock).render(d, w);
      case ocsf -> new OcsfReport(clock, includePassed).render(d, w);
      case asff -> new AsffReport(clock, includePassed).render(d, w);
    }
    w.flush();
    render.write(buffer.toString(), stdout);
    if (alsoWrite != null) alsoWrite.accept(buffer.toString(), format);
    if (alsoPublish != null) alsoPublish.accept(d);
    if (forceExitZero) return ExitCodes.OK;
    boolean failing =
        !d.problemsAtLeast(failOn).isEmpty()
            || (minScore != null && Score.of(d).value() < minScore);
    if (failing) return ExitCodes.FINDINGS;
    List<Finding> unknown = d.unknownAtLeast(failOn);
    int code = incomplete.whenClean(!unknown.isEmpty());
    if (code == ExitCodes.INCOMPLETE) {
      stderr.println(
          "fargate-doctor: incomplete: nothing failed at or above "
              + failOn.name().toLowerCase(Locale.ROOT)
              + ", but "
              + unknown.size()
              + " finding(s) of that severity could not be evaluated (UNKNOWN: "
              + unknown.stream().map(Finding::checkId).distinct().sorted().limit(5).toList()
              + "); exit 4 (--allow-incomplete makes it 0)");
      stderr.flush();
    }
    return code;
  }

  /**
   * Renders an organisation and returns its exit code: as for one account, where an account or
   * Region that could not be scanned counts as UNKNOWN at every severity.
   */
  int emit(Organisation all, Clock clock, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    check();
    Organisation org =
        new Organisation(
            all.source(),
            all.caller(),
            all.accounts().stream()
                .map(a -> a.scanned() ? a.withDiagnosis(selection.filter(a.diagnosis())) : a)
                .toList(),
            all.sharedSubnets());
    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer);
    boolean color = render.color();
    switch (format) {
      case json -> new OrgJsonReport(clock, includePassed).render(org, w);
      case text -> new OrgTextReport(color, includePassed).render(org, w);
      case markdown -> new OrgMarkdownReport(clock, includePassed).render(org, w);
      case html -> new OrgHtmlReport(clock, includePassed).render(org, w);
      case sarif -> new SarifReport(includePassed).render(merged(org), w);
      case junit -> new JunitReport(clock).render(merged(org), w);
      case ocsf -> new OcsfReport(clock, includePassed).render(merged(org), w);
      case asff -> new AsffReport(clock, includePassed).render(merged(org), w);
    }
    w.flush();
    render.write(buffer.toString(), stdout);
    if (forceExitZero) return ExitCodes.OK;
    if (org.problemsAtLeast(failOn) > 0 || (minScore != null && org.score().value() < minScore)) {
      return ExitCodes.FINDINGS;
    }
    int unknown = org.unknownAtLeast(failOn);
    int code = incomplete.whenClean(unknown > 0);
    if (code == ExitCodes.INCOMPLETE) {
      long notScanned = org.accounts().stream().mapToLong(a -> a.gaps().size()).sum();
      stderr.println(
          "fargate-doctor: incomplete: nothing failed at or above "
              + failOn.name().toLowerCase(Locale.ROOT)
              + ", but "
              + (notScanned == 0
                  ? ""
                  : notScanned + " account(s) or Region(s) could not be scanned and ")
              + (unknown - notScanned)
              + " finding(s) of that severity could not be evaluated (UNKNOWN); exit 4"
              + " (--allow-incomplete makes it 0)");
      stderr.flush();
    }
    return code;
  }

  // The exchange formats list findings, each of which names its account: one list for all.
  private static Diagnosis merged(Organisation org) {
    List<Finding> findings = new java.util.ArrayList<>();
    List<dev.fargatedoctor.snapshot.Coverage> coverage = new java.util.ArrayList<>();
    java.util.Set<String> checks = new java.util.LinkedHashSet<>();
    Capture capture = null;
    for (var a : org.accounts()) {
      coverage.addAll(a.gaps());
      if (!a.scanned()) continue;
      if (capture == null) capture = a.diagnosis().capture();
      findings.addAll(a.diagnosis().findings());
      coverage.addAll(a.diagnosis().coverage());
      checks.addAll(a.diagnosis().checksRun());
    }
    return new Diagnosis(capture, coverage, findings, List.copyOf(checks));
  }

  static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      return Severity.parse(value);
    }
  }
}
