package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import java.util.List;
import java.util.Optional;

/**
 * A narrated playbook: each step with its verdict and the findings behind it, the most probable
 * cause (the first failure in playbook order), and what to run next.
 */
public record TriageResult(
    Symptom symptom,
    String service,
    List<StepResult> steps,
    Optional<Finding> cause,
    List<String> nextCommands) {

  /**
   * @param status FAIL, WARN, UNKNOWN or PASS; null for a step the scan can only advise on
   * @param summary one line that says what was found
   */
  public record StepResult(
      int number,
      Playbook.Step step,
      List<String> checks,
      Status status,
      String summary,
      List<Finding> findings) {}
}
