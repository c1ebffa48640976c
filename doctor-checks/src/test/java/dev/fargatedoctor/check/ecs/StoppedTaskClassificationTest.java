package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a whole stopped task is read: container reasons first, exit 137 with care, the stop code
 * last.
 */
class StoppedTaskClassificationTest {
  private static Task task(String stopCode, String reason, Task.Container... containers) {
    return new Task(
        "arn:aws:ecs:us-east-1:123456789012:task/production/t1",
        null,
        null,
        "service:api",
        null,
        "STOPPED",
        "STOPPED",
        "FARGATE",
        "1.4.0",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        stopCode,
        reason,
        null,
        null,
        null,
        List.of(containers),
        null);
  }

  private static Task.Container container(Integer exit, String reason) {
    return new Task.Container(null, "api", null, "STOPPED", exit, reason, null);
  }

  @Test
  void anOomKillShowsOnlyOnTheContainerAndStillWins() {
    assertThat(
            StopReasonCatalogue.classify(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(137, "OutOfMemoryError: Container killed due to memory usage"))))
        .isEqualTo(Cause.OUT_OF_MEMORY);
  }

  @Test
  void exitCode137AloneIsKilledNotOutOfMemory() {
    assertThat(
            StopReasonCatalogue.classify(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(137, null))))
        .isEqualTo(Cause.KILLED);
  }

  @Test
  void exitCode137AfterAUserOrSchedulerStopIsAMissedStopTimeoutAndRoutine() {
    assertThat(StopReasonCatalogue.classify(task("UserInitiated", "cleanup", container(137, null))))
        .isEqualTo(Cause.STOPPED_BY_USER);
    assertThat(
            StopReasonCatalogue.classify(
                task(
                    "ServiceSchedulerInitiated",
                    "Scaling activity initiated by (deployment ecs-svc/1)",
                    container(137, null))))
        .isEqualTo(Cause.STOPPED_BY_SCHEDULER);
  }

  @Test
  void aHealthCheckStopByTheSchedulerIsAHealthCheckFailureNotRoutine() {
    assertThat(
            StopReasonCatalogue.classify(
                task(
                    "ServiceSchedulerInitiated",
                    "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                        + "targetgroup/api/1)",
                    container(137, null))))
        .isEqualTo(Cause.ELB_HEALTH);
  }

  @Test
  void theStopCodeDecidesWhenNoMessageIsKnown() {
    assertThat(StopReasonCatalogue.classify(task("SpotInterruption", null)))
        .isEqualTo(Cause.SPOT_INTERRUPTION);
    assertThat(StopReasonCatalogue.classify(task("TerminationNotice", null)))
        .isEqualTo(Cause.TERMINATION_NOTICE);
    assertThat(StopReasonCatalogue.classify(task("InfrastructureHealth", null)))
        .isEqualTo(Cause.INFRASTRUCTURE);
    assertThat(StopReasonCatalogue.classify(task("TaskFailedToStart", "something new")))
        .isEqualTo(Cause.UNRECOGNIZED);
    assertThat(
            StopReasonCatalogue.classify(
                task("EssentialContainerExited", null, container(1, null))))
        .isEqualTo(Cause.CONTAINER_EXIT);
  }

  @Test
  void aContainerReasonOutranksTheGenericTaskReason() {
    assertThat(
            StopReasonCatalogue.classify(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(null, "CannotStartContainerError: exec format error"))))
        .isEqualTo(Cause.CONTAINER_START);
  }
}
