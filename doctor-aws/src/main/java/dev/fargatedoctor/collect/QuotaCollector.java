package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * Reads the quotas the checks compare against. GetServiceQuota by code first; when the code is
 * refused (some accounts and emulators answer NoSuchResource), the quota is looked up by name among
 * the applied quotas, then among AWS's defaults.
 */
final class QuotaCollector {
  record Wanted(String serviceCode, String quotaCode, String quotaName) {}

  static final List<Wanted> WANTED =
      List.of(
          new Wanted(
              "vpc", ServiceQuota.NETWORK_INTERFACES_CODE, ServiceQuota.NETWORK_INTERFACES_NAME),
          new Wanted(
              "fargate",
              ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
              ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME),
          new Wanted(
              "fargate", ServiceQuota.FARGATE_SPOT_VCPU_CODE, ServiceQuota.FARGATE_SPOT_VCPU_NAME));

  private final CoverageLog log;
  private final Executor pool;

  QuotaCollector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<List<ServiceQuota>> collect(String region, ServiceQuotasClient sq) {
    List<CompletableFuture<Optional<ServiceQuota>>> each = new ArrayList<>();
    for (Wanted w : WANTED)
      each.add(CompletableFuture.supplyAsync(() -> quota(region, sq, w), pool));
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(
            d -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private Optional<ServiceQuota> quota(String region, ServiceQuotasClient sq, Wanted w) {
    String resource = w.serviceCode() + "/" + w.quotaCode();
    Optional<ServiceQuota> byCode =
        log.step(
            region,
            "servicequotas:GetServiceQuota",
            resource,
            () -> {
              try {
                var q =
                    sq.getServiceQuota(b -> b.serviceCode(w.serviceCode()).quotaCode(w.quotaCode()))
                        .quota();
                return new ServiceQuota(
                    q.serviceCode(),
                    q.quotaCode(),
                    q.quotaName(),
                    q.value(),
                    ServiceQuota.SOURCE_APPLIED);
              } catch (NoSuchResourceException e) {
                return null; // not an error: fall back to the lookups below
              }
            });
    if (byCode.isPresent()) return byCode;
    Optional<ServiceQuota> byName =
        log.step(
            region,
            "servicequotas:ListServiceQuotas",
            w.serviceCode(),
            () ->
                sq.listServiceQuotasPaginator(b -> b.serviceCode(w.serviceCode())).quotas().stream()
                    .filter(
                        q ->
                            w.quotaCode().equals(q.quotaCode())
                                || w.quotaName().equalsIgnoreCase(q.quotaName()))
                    .findFirst()
                    .map(
                        q ->
                            new ServiceQuota(
                                q.serviceCode(),
                                q.quotaCode(),
                                q.quotaName(),
                                q.value(),
                                ServiceQuota.SOURCE_BY_NAME))
                    .orElse(null));
    if (byName.isPresent()) return byName;
    return log.step(
        region,
        "servicequotas:ListAWSDefaultServiceQuotas",
        w.serviceCode(),
        () ->
            sq
                .listAWSDefaultServiceQuotasPaginator(b -> b.serviceCode(w.serviceCode()))
                .quotas()
                .stream()
                .filter(
                    q ->
                        w.quotaCode().equals(q.quotaCode())
                            || w.quotaName().equalsIgnoreCase(q.quotaName()))
                .findFirst()
                .map(
                    q ->
                        new ServiceQuota(
                            q.serviceCode(),
                            q.quotaCode(),
                            q.quotaName(),
                            q.value(),
                            ServiceQuota.SOURCE_AWS_DEFAULT))
                .orElse(null));
  }
}
