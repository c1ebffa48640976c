package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * Reads the quotas the checks compare against. GetServiceQuota by code first; when the code is
 * refused (some accounts and emulators answer NoSuchResource, some policies deny it), the quota is
 * looked up by name among the applied quotas, then among AWS's defaults. A lookup that timed out
 * ends the search in its region.
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
    AtomicBoolean timedOut = new AtomicBoolean();
    List<CompletableFuture<Optional<ServiceQuota>>> each = new ArrayList<>();
    for (Wanted w : WANTED)
      each.add(CompletableFuture.supplyAsync(() -> quota(region, sq, w, timedOut), pool));
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(
            d -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  // By code, by name, then AWS's default; a slow endpoint ends the search: each further lookup
  // would wait out its own timeout (one after another they once cost 184 s), and once one call of
  // the region timed out, the region's other lookups are not started either.
  private Optional<ServiceQuota> quota(
      String region, ServiceQuotasClient sq, Wanted w, AtomicBoolean timedOut) {
    String resource = w.serviceCode() + "/" + w.quotaCode();
    List<Lookup> lookups =
        List.of(
            new Lookup(
                "servicequotas:GetServiceQuota",
                resource,
                () -> {
                  try {
                    var q =
                        sq.getServiceQuota(
                                b -> b.serviceCode(w.serviceCode()).quotaCode(w.quotaCode()))
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
                }),
            new Lookup(
                "servicequotas:ListServiceQuotas",
                w.serviceCode(),
                () ->
                    sq
                        .listServiceQuotasPaginator(b -> b.serviceCode(w.serviceCode()))
                        .quotas()
                        .stream()
                        .filter(q -> matches(w, q.quotaCode(), q.quotaName()))
                        .findFirst()
                        .map(
                            q ->
                                new ServiceQuota(
                                    q.serviceCode(),
                                    q.quotaCode(),
                                    q.quotaName(),
                                    q.value(),
                                    ServiceQuota.SOURCE_BY_NAME))
                        .orElse(null)),
            new Lookup(
                "servicequotas:ListAWSDefaultServiceQuotas",
                w.serviceCode(),
                () ->
                    sq
                        .listAWSDefaultServiceQuotasPaginator(b -> b.serviceCode(w.serviceCode()))
                        .quotas()
                        .stream()
                        .filter(q -> matches(w, q.quotaCode(), q.quotaName()))
                        .findFirst()
                        .map(
                            q ->
                                new ServiceQuota(
                                    q.serviceCode(),
                                    q.quotaCode(),
                                    q.quotaName(),
                                    q.value(),
                                    ServiceQuota.SOURCE_AWS_DEFAULT))
                        .orElse(null)));
    for (Lookup l : lookups) {
      if (timedOut.get()) {
        log.skipped(
            region,
            l.action(),
            l.resource(),
            Coverage.Outcome.TIMEOUT,
            "not tried: Service Quotas timed out earlier in " + region);
        return Optional.empty();
      }
      CoverageLog.Attempt<ServiceQuota> found =
          log.attempt(region, l.action(), l.resource(), l.body());
      if (found.value().isPresent()) return found.value();
      // Any other failure (refused, unknown code, an error answer) is looked past, as before.
      if (found.outcome() == Coverage.Outcome.TIMEOUT) {
        timedOut.set(true);
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private record Lookup(String action, String resource, Callable<ServiceQuota> body) {}

  private static boolean matches(Wanted w, String code, String name) {
    return w.quotaCode().equals(code) || w.quotaName().equalsIgnoreCase(name);
  }
}
