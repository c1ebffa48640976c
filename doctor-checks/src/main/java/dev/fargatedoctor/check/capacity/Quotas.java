package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.Optional;

/**
 * A quota of the region by its code, else by its name (a dump or an older collector may hold only
 * one).
 */
final class Quotas {
  private Quotas() {}

  static Optional<ServiceQuota> find(
      RegionView region, String serviceCode, String code, String name) {
    Optional<ServiceQuota> byCode = region.quota(serviceCode, code).filter(q -> q.value() != null);
    if (byCode.isPresent()) return byCode;
    return region.data().quotas().stream()
        .filter(
            q ->
                serviceCode.equals(q.serviceCode())
                    && name.equalsIgnoreCase(q.quotaName())
                    && q.value() != null)
        .findFirst();
  }
}
