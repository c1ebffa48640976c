package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import java.util.List;

/**
 * The outcome of running the catalogue over a snapshot: every finding, PASS included, and coverage.
 */
public record Diagnosis(
    Capture capture,
    List<Coverage> coverage,
    List<Finding> findings,
    List<String> checksRun,
    List<Configuration.Excluded> excluded,
    List<Configuration.Expired> expired,
    Configuration configuration) {
  public Diagnosis {
    coverage = List.copyOf(coverage);
    findings = List.copyOf(findings);
    checksRun = List.copyOf(checksRun);
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
    expired = expired == null ? List.of() : List.copyOf(expired);
    configuration = configuration == null ? Configuration.DEFAULTS : configuration;
  }

  public Diagnosis(
      Capture capture,
      List<Coverage> coverage,
      List<Finding> findings,
      List<String> checksRun,
      List<Configuration.Excluded> excluded,
      Configuration configuration) {
    this(capture, coverage, findings, checksRun, excluded, List.of(), configuration);
  }

  public Diagnosis(
      Capture capture, List<Coverage> coverage, List<Finding> findings, List<String> checksRun) {
    this(capture, coverage, findings, checksRun, List.of(), List.of(), Configuration.DEFAULTS);
  }

  /** Findings that are problems (FAIL or WARN) at or above a severity. */
  public List<Finding> problemsAtLeast(Severity severity) {
    return findings.stream()
        .filter(f -> f.status().isProblem() && f.severity().atLeast(severity))
        .toList();
  }

  /** Findings at or above a severity that could not be evaluated: what a gate cannot vouch for. */
  public List<Finding> unknownAtLeast(Severity severity) {
    return findings.stream()
        .filter(f -> f.status() == Status.UNKNOWN && f.severity().atLeast(severity))
        .toList();
  }

  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }
}
