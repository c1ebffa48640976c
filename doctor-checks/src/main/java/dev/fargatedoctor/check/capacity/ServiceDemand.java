package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.Map;

/**
 * One service in a capacity plan: its tasks now, the desired count planned, and the peak while a
 * deployment runs. Every task is one network interface, one IP address in one of the service's
 * subnets, and its task size in Fargate vCPU.
 *
 * @param live tasks that hold an interface now (running and pending, or those observed)
 * @param planned the desired count of the plan (the current one for a scan)
 * @param deploying whether a rolling deployment is assumed to run at the planned count
 * @param peak the most tasks at once: planned, or planned × maximumPercent / 100 when deploying
 * @param vcpuPerTask Fargate task size in vCPU, or null when neither task definition nor task says
 * @param liveBySubnet live tasks per subnet, observed or spread like ECS spreads them
 * @param peakBySubnet peak tasks per subnet, spread across the service's AZs (rounded up)
 */
record ServiceDemand(
    Service service,
    int desired,
    int planned,
    int live,
    boolean deploying,
    int maximumPercent,
    int peak,
    Double vcpuPerTask,
    FargateShare livePools,
    FargateShare plannedPools,
    FargateShare peakPools,
    Map<String, Integer> liveBySubnet,
    Map<String, Integer> peakBySubnet) {
  public ServiceDemand {
    // in the order the service lists its subnets: reports read in that order
    liveBySubnet =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(liveBySubnet));
    peakBySubnet =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(peakBySubnet));
  }

  /** cluster/service, how reports name a service. */
  public String name() {
    return service.clusterName() + "/" + service.serviceName();
  }

  /** Tasks added to reach the planned count. */
  public int scaleOut() {
    return Math.max(0, planned - live);
  }

  /** Tasks a deployment adds on top of that. */
  public int surge() {
    return Math.max(0, peak - Math.max(planned, live));
  }

  /** New network interfaces (and IPs) this service needs at its peak. */
  public int additional() {
    return scaleOut() + surge();
  }

  public int scaleOut(FargatePool pool) {
    return Math.max(0, plannedPools.of(pool) - livePools.of(pool));
  }

  public int surge(FargatePool pool) {
    return Math.max(0, peakPools.of(pool) - Math.max(plannedPools.of(pool), livePools.of(pool)));
  }

  public boolean runsOnFargate() {
    return livePools.onDemand() + livePools.spot() + peakPools.onDemand() + peakPools.spot() > 0;
  }
}
