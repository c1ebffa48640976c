package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStopReasonsTest {
  private final TaskStopReasons check = new TaskStopReasons();

  private List<Finding> problems() {
    return CheckRunner.problems(check, "TASK-STOP-REASONS/fires-stopped-tasks-mixed-causes.json");
  }

  @Test
  void pullTimeoutsAgainstDifferentAddressesAreOneGroupWithTheNetworkCause() {
    assertThat(problems())
        .filteredOn(f -> f.title().contains("no network path to the image registry"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.title()).startsWith("api: 2 tasks stopped");
              @SuppressWarnings("unchecked")
              List<String> how = (List<String>) f.evidence().get("how they stopped");
              assertThat(how)
                  .singleElement()
                  .satisfies(
                      s ->
                          assertThat(s)
                              .startsWith("2 × TaskFailedToStart · " + "CannotPullContainerError")
                              .contains("dial tcp <address>: i/o timeout"));
              assertThat(f.evidence()).containsEntry("last stop", "2026-11-26T11:55:00Z");
              assertThat((String) f.evidence().get("message")).contains("i/o timeout");
              assertThat(f.remediation().commands())
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .startsWith(
                                  "aws ecs describe-tasks --cluster production --tasks "
                                      + "arn:aws:ecs:us-east-1:123456789012:task/production/a1 --query"));
            });
  }

  @Test
  void aSchedulerStopForFailedElbHealthChecksIsAHealthCheckFailure() {
    assertThat(problems())
        .filteredOn(f -> f.title().contains("load balancer's health checks"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void spotInterruptionIsReportedAtLowSeverity() {
    assertThat(problems())
        .filteredOn(f -> f.resource().id().equals("production/worker"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.title()).contains("Fargate Spot took the capacity back");
              assertThat(f.severity()).isEqualTo(Severity.LOW);
            });
  }

  @Test
  void userAndSchedulerStopsAndMemoryKillsAreNotReportedHere() {
    assertThat(problems())
        .hasSize(3)
        .noneMatch(
            f ->
                f.title().contains("memory")
                    || f.title().contains("user")
                    || f.title().contains("scheduler"));
  }

  @Test
  void onlyRoutineStopsPass() {
    assertThat(CheckRunner.problems(check, "stopped-tasks-by-deployment-and-user.json")).isEmpty();
    assertThat(CheckRunner.run(check, "stopped-tasks-by-deployment-and-user.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }
}
