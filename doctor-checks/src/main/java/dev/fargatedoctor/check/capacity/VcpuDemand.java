package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fargate vCPU of one pool (On-Demand or Spot) in a region: in use now and what the plan adds,
 * against the pool's quota.
 *
 * @param inUse vCPU in use now
 * @param usageSource where inUse comes from (Fargate's usage metric, or the tasks in the snapshot)
 * @param services the Fargate services of the region with their demand
 * @param tasksOfUnknownSize live tasks whose size neither task definition nor task says (not
 *     counted)
 */
record VcpuDemand(
    FargatePool pool,
    double inUse,
    String usageSource,
    Optional<ServiceQuota> quota,
    List<ServiceDemand> services,
    int tasksOfUnknownSize) {
  public VcpuDemand {
    services = List.copyOf(services);
  }

  public double scaleOut() {
    return services.stream().mapToDouble(s -> s.scaleOut(pool) * size(s)).sum();
  }

  public double surge() {
    return services.stream().mapToDouble(s -> s.surge(pool) * size(s)).sum();
  }

  public double additional() {
    return scaleOut() + surge();
  }

  /** The service whose own deployment adds the most vCPU to this pool. */
  public Optional<ServiceDemand> largestSurge() {
    return services.stream()
        .filter(s -> s.surge(pool) * size(s) > 0)
        .max(
            Comparator.comparingDouble((ServiceDemand s) -> s.surge(pool) * size(s))
                .thenComparing(ServiceDemand::name, Comparator.reverseOrder()));
  }

  public double surgeOf(ServiceDemand s) {
    return s.surge(pool) * size(s);
  }

  public boolean hasDemand() {
    return inUse > 0
        || services.stream().anyMatch(s -> s.livePools().of(pool) + s.peakPools().of(pool) > 0);
  }

  /**
   * Some service names neither launch type nor strategy: the cluster default was taken as
   * On-Demand.
   */
  public boolean assumedPools() {
    return services.stream().anyMatch(s -> s.livePools().assumed() || s.peakPools().assumed());
  }

  private static double size(ServiceDemand s) {
    return s.vcpuPerTask() == null ? 0 : s.vcpuPerTask();
  }
}
