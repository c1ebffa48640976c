package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ServiceQuota;

/**
 * The two Fargate vCPU quotas a task counts against, by the capacity provider that launched it:
 * FARGATE (On-Demand, fargate/L-3032A538) or FARGATE_SPOT (Spot, fargate/L-36FBB829).
 */
public enum FargatePool {
  ON_DEMAND(
      "On-Demand",
      "FARGATE",
      ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
      ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
      "Standard/OnDemand"),
  SPOT(
      "Spot",
      "FARGATE_SPOT",
      ServiceQuota.FARGATE_SPOT_VCPU_CODE,
      ServiceQuota.FARGATE_SPOT_VCPU_NAME,
      "Standard/Spot");

  private final String label;
  private final String capacityProvider;
  private final String quotaCode;
  private final String quotaName;
  private final String usageClass;

  FargatePool(
      String label,
      String capacityProvider,
      String quotaCode,
      String quotaName,
      String usageClass) {
    this.label = label;
    this.capacityProvider = capacityProvider;
    this.quotaCode = quotaCode;
    this.quotaName = quotaName;
    this.usageClass = usageClass;
  }

  public String label() {
    return label;
  }

  public String capacityProvider() {
    return capacityProvider;
  }

  public String quotaCode() {
    return quotaCode;
  }

  public String quotaName() {
    return quotaName;
  }

  /** The {@code Class} dimension of Fargate's own usage metric (AWS/Usage ResourceCount). */
  public String usageClass() {
    return usageClass;
  }
}
