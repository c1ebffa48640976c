package dev.fargatedoctor.check;

/**
 * Numbers a team may tune (later from the configuration file); the engine hands them to every check.
 *
 * @param eniWarnPercent          ENI usage that warns (AWS guidance: plan ahead at 80 %)
 * @param eniCriticalPercent      ENI usage that is critical: a deployment surge can hit the quota
 * @param stuckDeploymentMinutes  how long a primary deployment may stay IN_PROGRESS below desired count
 * @param subnetIpReserve         free IPs a task subnet keeps for other consumers after the tasks'
 *                                peak (a load balancer node needs 8 free addresses in its subnet)
 * @param vcpuWarnPercent         Fargate vCPU usage that warns
 * @param vcpuCriticalPercent     Fargate vCPU usage that fails: the next scale-out hits the quota
 */
public record Thresholds(double eniWarnPercent, double eniCriticalPercent, long stuckDeploymentMinutes,
                         int subnetIpReserve, double vcpuWarnPercent, double vcpuCriticalPercent) {
  public static final Thresholds DEFAULTS = new Thresholds(80, 90, 30, 8, 80, 90);

  public Thresholds(double eniWarnPercent, double eniCriticalPercent, long stuckDeploymentMinutes) {
    this(eniWarnPercent, eniCriticalPercent, stuckDeploymentMinutes, DEFAULTS.subnetIpReserve(),
        DEFAULTS.vcpuWarnPercent(), DEFAULTS.vcpuCriticalPercent());
  }
}
