package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import java.util.List;
import java.util.Optional;

/**
 * A narrated playbook: each step with its verdict and the findings behind it, the most probable
 * cause (the first failure in playbook order), the message ECS wrote about it, and what to run
 * next.
 *
 * @param causeMessage what ECS said behind the cause: the cause's own message, else the message of
 *     the first finding that reports what ECS said; a cause is never named by its title alone when
 *     ECS said something
 */
public record TriageResult(
    Symptom symptom,
    String service,
    List<StepResult> steps,
    Optional<Finding> cause,
    Optional<String> causeMessage,
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
