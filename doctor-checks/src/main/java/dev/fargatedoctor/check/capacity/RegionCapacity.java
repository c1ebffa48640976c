package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import java.util.List;

/**
 * One account's use of the two Region quotas a Fargate deployment runs into first: network
 * interfaces ({@code vpc}/L-DF5E4CA3) and Fargate On-Demand vCPU ({@code fargate}/L-3032A538). The
 * organisation summary ranks accounts by them; a quota that could not be read is null, never a
 * guess.
 */
public record RegionCapacity(
    String account,
    String region,
    int networkInterfaces,
    Double networkInterfaceQuota,
    double fargateVcpu,
    Double fargateVcpuQuota) {

  public static List<RegionCapacity> of(Snapshot snapshot) {
    return snapshot.regions().stream().map(r -> of(snapshot, r)).toList();
  }

  static RegionCapacity of(Snapshot snapshot, RegionSnapshot region) {
    RegionView view = new RegionView(snapshot, region);
    VcpuDemand vcpu = CapacityModel.current(view).vcpu(FargatePool.ON_DEMAND);
    return new RegionCapacity(
        snapshot.accountId(),
        region.region(),
        view.ownNetworkInterfaces().size(),
        view.quota("vpc", ServiceQuota.NETWORK_INTERFACES_CODE)
            .map(ServiceQuota::value)
            .orElse(null),
        vcpu.inUse(),
        vcpu.quota().map(ServiceQuota::value).orElse(null));
  }

  /** Network interfaces in use as a percentage of the quota, or null when it was not read. */
  public Double networkInterfacePercent() {
    return percent(networkInterfaces, networkInterfaceQuota);
  }

  public Double fargateVcpuPercent() {
    return percent(fargateVcpu, fargateVcpuQuota);
  }

  private static Double percent(double used, Double quota) {
    if (quota == null || quota <= 0) return null;
    return Math.round(1000.0 * used / quota) / 10.0;
  }
}
