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

  private static String causeOf(Task task) {
    return StopReasonCatalogue.classify(task).id();
  }

  private static Task.Container container(Integer exit, String reason) {
    return new Task.Container(null, "api", null, "STOPPED", exit, reason, null);
  }

  @Test
  void anOomKillShowsOnlyOnTheContainerAndStillWins() {
    assertThat(
            causeOf(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(137, "OutOfMemoryError: Container killed due to memory usage"))))
        .isEqualTo("out-of-memory");
  }

  @Test
  void exitCode137AloneIsKilledNotOutOfMemory() {
    assertThat(
            causeOf(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(137, null))))
        .isEqualTo("killed");
  }

  @Test
  void exitCode137AfterAUserOrSchedulerStopIsAMissedStopTimeoutAndRoutine() {
    assertThat(causeOf(task("UserInitiated", "cleanup", container(137, null))))
        .isEqualTo("stopped-by-user");
    assertThat(
            causeOf(
                task(
                    "ServiceSchedulerInitiated",
                    "Scaling activity initiated by (deployment ecs-svc/1)",
                    container(137, null))))
        .isEqualTo("stopped-by-scheduler");
  }

  @Test
  void aHealthCheckStopByTheSchedulerIsAHealthCheckFailureNotRoutine() {
    assertThat(
            causeOf(
                task(
                    "ServiceSchedulerInitiated",
                    "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                        + "targetgroup/api/1)",
                    container(137, null))))
        .isEqualTo("load-balancer-health-check-failed");
  }

  @Test
  void theStopCodeDecidesWhenNoMessageIsKnown() {
    assertThat(causeOf(task("SpotInterruption", null))).isEqualTo("spot-interruption");
    assertThat(causeOf(task("TerminationNotice", null))).isEqualTo("task-retired");
    assertThat(causeOf(task("InfrastructureHealth", null))).isEqualTo("infrastructure-unhealthy");
    assertThat(causeOf(task("TaskFailedToStart", "something new"))).isEqualTo("unrecognized");
    assertThat(causeOf(task("EssentialContainerExited", null, container(1, null))))
        .isEqualTo("essential-container-exited");
  }

  @Test
  void aContainerReasonOutranksTheGenericTaskReason() {
    assertThat(
            causeOf(
                task(
                    "EssentialContainerExited",
                    "Essential container in task exited",
                    container(null, "CannotStartContainerError: exec format error"))))
        .isEqualTo("image-platform-mismatch");
  }
}
