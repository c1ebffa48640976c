package dev.fargatedoctor.check.capacity;

/**
 * How long Fargate needs at least to launch a number of tasks: it hands out launches from a token
 * bucket per account and Region, 100 at once and then 20 a second, for On-Demand and Spot apart.
 */
public record LaunchEstimate(FargatePool pool, int tasks) {
  public static final int BURST = 100;
  public static final int PER_SECOND = 20;

  public long seconds() {
    return tasks <= BURST ? 0 : (long) Math.ceil((tasks - BURST) / (double) PER_SECOND);
  }
}
