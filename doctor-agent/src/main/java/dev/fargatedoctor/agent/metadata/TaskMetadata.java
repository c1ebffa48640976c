package dev.fargatedoctor.agent.metadata;

import java.util.List;

/**
 * The parts of task metadata v4 {@code /task} the agent uses. Any field may be null when absent.
 *
 * @param cpuVcpu task-level {@code Limits.CPU}, in vCPUs (0.25 for a quarter vCPU)
 * @param memoryMiB task-level {@code Limits.Memory}, in MiB
 */
public record TaskMetadata(
    String cluster,
    String taskArn,
    String family,
    String revision,
    String desiredStatus,
    String knownStatus,
    String availabilityZone,
    String launchType,
    Double cpuVcpu,
    Long memoryMiB,
    List<Container> containers) {

  /**
   * One container of the task.
   *
   * @param cpuUnits container {@code Limits.CPU}, in CPU units (1024 = one vCPU)
   * @param memoryMiB container {@code Limits.Memory} in MiB, or null when the container has none
   */
  public record Container(
      String dockerId,
      String name,
      String image,
      String knownStatus,
      Long cpuUnits,
      Long memoryMiB) {}

  /** The task memory limit in bytes, or -1 when unknown. */
  public long memoryLimitBytes() {
    return memoryMiB == null || memoryMiB <= 0 ? -1 : memoryMiB * 1024 * 1024;
  }

  public Container containerByDockerId(String dockerId) {
    for (Container c : containers) {
      if (c.dockerId() != null && c.dockerId().equals(dockerId)) {
        return c;
      }
    }
    return null;
  }
}
