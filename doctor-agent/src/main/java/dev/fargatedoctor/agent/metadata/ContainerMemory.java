package dev.fargatedoctor.agent.metadata;

/**
 * One container's memory from {@code /task/stats} (docker stats {@code memory_stats}).
 *
 * @param limitBytes {@code memory_stats.limit}; on Fargate this is often "unlimited" (about 2^63)
 *     because the limit sits at the task level
 * @param hierarchicalLimitBytes {@code stats.hierarchical_memory_limit} (cgroup v1): the task limit
 *     when the container has none of its own; -1 when absent
 */
public record ContainerMemory(
    String dockerId,
    long usageBytes,
    long maxUsageBytes,
    long rssBytes,
    long cacheBytes,
    long inactiveFileBytes,
    long limitBytes,
    long hierarchicalLimitBytes) {

  /** Above this a docker/cgroup limit means "no limit". */
  static final long UNLIMITED = 1L << 62;

  /**
   * Usage without reclaimable inactive page cache, as {@code docker stats} and the kubelet count
   * it.
   */
  public long workingSetBytes() {
    return Math.max(0, usageBytes - Math.max(0, inactiveFileBytes));
  }

  /** The container's own limit, or -1 when it only has the task's. */
  public long ownLimitBytes() {
    return limitBytes > 0 && limitBytes < UNLIMITED ? limitBytes : -1;
  }
}
