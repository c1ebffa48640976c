package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Network interfaces of a region at the tasks' peak: those in use now (every consumer, since the
 * quota vpc/L-DF5E4CA3 is per Region and shared), plus one per task the plan adds.
 */
record EniDemand(int inUse, Optional<ServiceQuota> quota, List<ServiceDemand> services) {
  public EniDemand {
    services = List.copyOf(services);
  }

  public int scaleOut() {
    return services.stream().mapToInt(ServiceDemand::scaleOut).sum();
  }

  public int surge() {
    return services.stream().mapToInt(ServiceDemand::surge).sum();
  }

  public int additional() {
    return scaleOut() + surge();
  }

  /** Interfaces left under the quota now, when the quota is known. */
  public Optional<Long> headroom() {
    return quota.map(q -> (long) Math.floor(q.value()) - inUse);
  }

  /** Services that add interfaces, biggest first. */
  public List<ServiceDemand> contributors() {
    return services.stream()
        .filter(s -> s.additional() > 0)
        .sorted(
            Comparator.comparingInt(ServiceDemand::additional)
                .reversed()
                .thenComparing(ServiceDemand::name))
        .toList();
  }
}
