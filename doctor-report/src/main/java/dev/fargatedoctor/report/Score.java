package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 0-100 health score with a letter grade for one run, so a team can watch it move and gate CI on
 * it. Each check with problems takes a share of what is left, so two bad accounts still compare:
 * the score is 100 times the product, over checks, of (1 - cost), where a check's cost is its worst
 * finding (CRITICAL 0.30, HIGH 0.15, MEDIUM 0.06, LOW 0.02; a WARN counts half) plus 0.01 per
 * further affected resource (at most 0.05), and a check that could not be fully evaluated costs
 * 0.03 more: what could not be read is not healthy. Excluded findings cost nothing. Grades: A from
 * 90, B from 80, C from 70, D from 60, F below.
 */
public record Score(int value, String grade, Map<String, Double> costs) {
  public static final String EXPLANATION =
      "Score = 100 x the product over checks of (1 - cost): a check's cost "
          + "is its worst finding (CRITICAL 0.30, HIGH 0.15, MEDIUM 0.06, LOW 0.02; a WARN counts half) plus 0.01 per "
          + "further affected resource (at most 0.05), and 0.03 when it could not be fully evaluated (UNKNOWN). "
          + "Excluded findings cost nothing. Grades: A >= 90, B >= 80, C >= 70, D >= 60, F below.";

  public static Score of(Diagnosis d) {
    Map<String, List<Finding>> problems = new LinkedHashMap<>();
    for (Finding f : d.findings()) {
      if (f.status().isProblem())
        problems.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(f);
    }
    Map<String, Double> costs = new LinkedHashMap<>();
    for (Map.Entry<String, List<Finding>> e : problems.entrySet()) {
      double worst = e.getValue().stream().mapToDouble(Score::cost).max().orElse(0);
      costs.put(e.getKey(), worst + Math.min(0.05, 0.01 * (e.getValue().size() - 1)));
    }
    d.findings().stream()
        .filter(f -> f.status() == Status.UNKNOWN)
        .map(Finding::checkId)
        .distinct()
        .forEach(id -> costs.merge(id, 0.03, Double::sum));
    double remaining = 1;
    for (double c : costs.values()) remaining *= 1 - Math.min(1, c);
    int value = (int) Math.round(100 * remaining);
    return new Score(value, grade(value), costs);
  }

  private static double cost(Finding f) {
    double full =
        switch (f.severity()) {
          case CRITICAL -> 0.30;
          case HIGH -> 0.15;
          case MEDIUM -> 0.06;
          case LOW -> 0.02;
          case INFO -> 0;
        };
    return f.status() == Status.WARN ? full / 2 : full;
  }

  public static String grade(int value) {
    if (value >= 90) return "A";
    if (value >= 80) return "B";
    if (value >= 70) return "C";
    if (value >= 60) return "D";
    return "F";
  }
}
