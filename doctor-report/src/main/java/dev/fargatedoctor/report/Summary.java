package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts a report ends with: problems by status and severity, passes, and coverage gaps. */
record Summary(
    Map<Status, Integer> byStatus,
    Map<Severity, Integer> problemsBySeverity,
    int checksRun,
    int coverageGaps) {

  public static Summary of(Diagnosis d) {
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Status s : Status.values()) byStatus.put(s, 0);
    for (Finding f : d.findings()) {
      byStatus.merge(f.status(), 1, Integer::sum);
      if (f.status().isProblem()) bySeverity.merge(f.severity(), 1, Integer::sum);
    }
    return new Summary(byStatus, bySeverity, d.checksRun().size(), gaps(d.coverage()).size());
  }

  public static List<Coverage> gaps(List<Coverage> coverage) {
    return coverage.stream().filter(c -> !c.collected()).toList();
  }
}
