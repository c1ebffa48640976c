package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import java.util.List;

/** The outcome of running the catalogue over a snapshot: every finding, PASS included, and coverage. */
public record Diagnosis(Capture capture, List<Coverage> coverage, List<Finding> findings, List<String> checksRun) {
  public Diagnosis {
    coverage = List.copyOf(coverage);
    findings = List.copyOf(findings);
    checksRun = List.copyOf(checksRun);
  }

  /** Findings that are problems (FAIL or WARN) at or above a severity. */
  public List<Finding> problemsAtLeast(Severity severity) {
    return findings.stream().filter(f -> f.status().isProblem() && f.severity().atLeast(severity)).toList();
  }

  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }
}
