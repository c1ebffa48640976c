package dev.fargatedoctor.check;

/**
 * Numbers a team may tune (later from the configuration file); the engine hands them to every check.
 *
 * @param eniWarnPercent          ENI usage that warns (AWS guidance: plan ahead at 80 %)
 * @param eniCriticalPercent      ENI usage that is critical: a deployment surge can hit the quota
 * @param stuckDeploymentMinutes  how long a primary deployment may stay IN_PROGRESS below desired count
 */
public record Thresholds(double eniWarnPercent, double eniCriticalPercent, long stuckDeploymentMinutes) {
  public static final Thresholds DEFAULTS = new Thresholds(80, 90, 30);
}
