package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import java.util.Comparator;
import java.util.List;

/** The findings a summary table lists: problems, most severe first, then UNKNOWN, then passes. */
final class FindingRows {
  private FindingRows() {}

  static List<Finding> of(Diagnosis d, boolean includePassed) {
    return d.findings().stream()
        .filter(f -> includePassed || f.status() != Status.PASS)
        .sorted(Comparator.comparingInt(FindingRows::rank).thenComparing(Finding::severity))
        .toList();
  }

  /** What a row shows first: the severity of a problem, or UNKNOWN / PASS. */
  static String label(Finding f) {
    return f.status() == Status.PASS || f.status() == Status.UNKNOWN
        ? f.status().name()
        : f.severity().name();
  }

  private static int rank(Finding f) {
    return switch (f.status()) {
      case FAIL, WARN -> 0;
      case UNKNOWN -> 1;
      default -> 2;
    };
  }
}
