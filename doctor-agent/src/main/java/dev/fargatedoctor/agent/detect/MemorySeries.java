package dev.fargatedoctor.agent.detect;

/**
 * One memory figure the agent watches against its limit.
 *
 * @param scope what is measured: {@code task}, {@code container:<name>} or {@code cgroup}
 * @param usedBytes working set (usage without inactive page cache)
 * @param limitBytes the limit it will be OOM-killed at, or -1 when unlimited or unknown
 */
public record MemorySeries(String scope, long usedBytes, long limitBytes) {

  public boolean limited() {
    return limitBytes > 0;
  }

  public double ratio() {
    return limited() ? (double) usedBytes / limitBytes : Double.NaN;
  }
}
