package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.snapshot.Lists;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.time.Instant;
import java.util.List;

/**
 * A STOPPED task as watch keeps it in its state directory: ECS forgets stopped tasks after about an
 * hour, the reasons here stay.
 */
record StoppedTask(
    String region,
    String taskArn,
    String clusterArn,
    String group,
    String taskDefinitionArn,
    String stopCode,
    String stoppedReason,
    Instant stoppedAt,
    Instant firstSeen,
    List<ContainerExit> containers) {
  public StoppedTask {
    containers = Lists.of(containers);
  }

  public record ContainerExit(String name, Integer exitCode, String reason) {}

  static StoppedTask of(String region, Task t, Instant seen) {
    return new StoppedTask(
        region,
        t.taskArn(),
        t.clusterArn(),
        t.group(),
        t.taskDefinitionArn(),
        t.stopCode(),
        t.stoppedReason(),
        t.stoppedAt(),
        seen,
        t.containers().stream()
            .map(c -> new ContainerExit(c.name(), c.exitCode(), c.reason()))
            .toList());
  }
}
