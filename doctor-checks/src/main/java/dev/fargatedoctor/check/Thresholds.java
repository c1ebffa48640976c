package dev.fargatedoctor.check;

/**
 * Numbers a team may tune in {@code .fargate-doctor.yaml}; the engine hands them to every check.
 *
 * @param eniWarnPercent ENI usage that warns (AWS guidance: plan ahead at 80 %)
 * @param eniCriticalPercent ENI usage that is critical: a deployment surge can hit the quota
 * @param stuckDeploymentMinutes how long a primary deployment may stay IN_PROGRESS below desired
 *     count
 * @param trendWindowHours how much metric history trend checks read
 * @param subnetIpReserve free IPs a task subnet keeps for other consumers after the tasks' peak (a
 *     load balancer node needs 8 free addresses in its subnet)
 * @param vcpuWarnPercent Fargate vCPU usage that warns
 * @param vcpuCriticalPercent Fargate vCPU usage that fails: the next scale-out hits the quota
 */
public record Thresholds(
    double eniWarnPercent,
    double eniCriticalPercent,
    long stuckDeploymentMinutes,
    int trendWindowHours,
    int subnetIpReserve,
    double vcpuWarnPercent,
    double vcpuCriticalPercent) {
  public static final Thresholds DEFAULTS = new Thresholds(80, 90, 30, 6, 8, 80, 90);

  public Thresholds {
    percentages("eni", eniWarnPercent, eniCriticalPercent);
    percentages("vcpu", vcpuWarnPercent, vcpuCriticalPercent);
    if (stuckDeploymentMinutes < 1)
      throw new IllegalArgumentException("stuckDeploymentMinutes must be at least 1");
    if (trendWindowHours < 1 || trendWindowHours > 24 * 14) {
      throw new IllegalArgumentException("trendWindowHours must be between 1 and 336");
    }
    if (subnetIpReserve < 0)
      throw new IllegalArgumentException("subnetIpReserve cannot be negative");
  }

  private static void percentages(String prefix, double warn, double critical) {
    if (warn <= 0 || warn > 100 || critical <= 0 || critical > 100) {
      throw new IllegalArgumentException(
          prefix
              + "WarnPercent and "
              + prefix
              + "CriticalPercent are percentages "
              + "between 0 and 100");
    }
    if (warn > critical) {
      throw new IllegalArgumentException(
          prefix
              + "WarnPercent ("
              + warn
              + ") is above "
              + prefix
              + "CriticalPercent ("
              + critical
              + ")");
    }
  }

  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /** These numbers, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Starts from the defaults; {@link #build()} validates the whole set. */
  public static final class Builder {
    private double eniWarnPercent;
    private double eniCriticalPercent;
    private long stuckDeploymentMinutes;
    private int trendWindowHours;
    private int subnetIpReserve;
    private double vcpuWarnPercent;
    private double vcpuCriticalPercent;

    private Builder(Thresholds from) {
      eniWarnPercent = from.eniWarnPercent;
      eniCriticalPercent = from.eniCriticalPercent;
      stuckDeploymentMinutes = from.stuckDeploymentMinutes;
      trendWindowHours = from.trendWindowHours;
      subnetIpReserve = from.subnetIpReserve;
      vcpuWarnPercent = from.vcpuWarnPercent;
      vcpuCriticalPercent = from.vcpuCriticalPercent;
    }

    public Builder eniWarnPercent(double value) {
      eniWarnPercent = value;
      return this;
    }

    public Builder eniCriticalPercent(double value) {
      eniCriticalPercent = value;
      return this;
    }

    public Builder stuckDeploymentMinutes(long value) {
      stuckDeploymentMinutes = value;
      return this;
    }

    public Builder trendWindowHours(int value) {
      trendWindowHours = value;
      return this;
    }

    public Builder subnetIpReserve(int value) {
      subnetIpReserve = value;
      return this;
    }

    public Builder vcpuWarnPercent(double value) {
      vcpuWarnPercent = value;
      return this;
    }

    public Builder vcpuCriticalPercent(double value) {
      vcpuCriticalPercent = value;
      return this;
    }

    public Thresholds build() {
      return new Thresholds(
          eniWarnPercent,
          eniCriticalPercent,
          stuckDeploymentMinutes,
          trendWindowHours,
          subnetIpReserve,
          vcpuWarnPercent,
          vcpuCriticalPercent);
    }
  }
}
