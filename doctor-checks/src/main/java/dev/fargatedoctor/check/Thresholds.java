package dev.fargatedoctor.check;

/**
 * Numbers a team may tune in {@code .fargate-doctor.yaml}; the engine hands them to every check.
 *
 * @param eniWarnPercent          ENI usage that warns (AWS guidance: plan ahead at 80 %)
 * @param eniCriticalPercent      ENI usage that is critical: a deployment surge can hit the quota
 * @param stuckDeploymentMinutes  how long a primary deployment may stay IN_PROGRESS below desired count
 * @param trendWindowHours        how much metric history trend checks read
 */
public record Thresholds(double eniWarnPercent, double eniCriticalPercent, long stuckDeploymentMinutes,
                         int trendWindowHours) {
  public static final Thresholds DEFAULTS = new Thresholds(80, 90, 30, 6);

  public Thresholds {
    if (eniWarnPercent <= 0 || eniWarnPercent > 100 || eniCriticalPercent <= 0 || eniCriticalPercent > 100) {
      throw new IllegalArgumentException("ENI thresholds are percentages between 0 and 100");
    }
    if (eniWarnPercent > eniCriticalPercent) {
      throw new IllegalArgumentException("eniWarnPercent (" + eniWarnPercent + ") is above eniCriticalPercent ("
          + eniCriticalPercent + ")");
    }
    if (stuckDeploymentMinutes < 1) throw new IllegalArgumentException("stuckDeploymentMinutes must be at least 1");
    if (trendWindowHours < 1 || trendWindowHours > 24 * 14) {
      throw new IllegalArgumentException("trendWindowHours must be between 1 and 336");
    }
  }

  /** With the default trend window of six hours. */
  public Thresholds(double eniWarnPercent, double eniCriticalPercent, long stuckDeploymentMinutes) {
    this(eniWarnPercent, eniCriticalPercent, stuckDeploymentMinutes, 6);
  }
}
