package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.KnownServices;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Capacity for a planned peak: applies the planned desired counts to a snapshot and asks the
 * capacity model — the same one the checks use — whether every resource holds the peak, including a
 * rolling deployment of the planned services at their maximumPercent during the peak.
 */
public final class Preflight {
  private final Thresholds thresholds;
  private final Clock clock;

  public Preflight(Thresholds thresholds, Clock clock) {
    this.thresholds = thresholds;
    this.clock = clock;
  }

  public PeakPlan plan(Snapshot snapshot, List<ScaleRequest> requests, boolean deployDuringPeak) {
    if (requests.isEmpty())
      throw new IllegalArgumentException("preflight needs at least one --scale SERVICE=FACTOR");
    Map<String, Map<String, Integer>> planned = resolve(snapshot, requests);
    List<PeakPlan.Region> regions = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> e : planned.entrySet()) {
      RegionView view = new RegionView(snapshot, snapshot.region(e.getKey()).orElseThrow());
      CapacityModel model = CapacityModel.planned(view, e.getValue(), deployDuringPeak);
      regions.add(region(model, e.getValue().keySet(), deployDuringPeak));
    }
    return new PeakPlan(
        clock.instant(),
        snapshot.accountId(),
        deployDuringPeak,
        requests.stream().map(ScaleRequest::toString).toList(),
        regions);
  }

  /**
   * Planned desired counts by service ARN, per region name (a region's records hash all they hold:
   * never a map key). A name that is not there, or is ambiguous, is refused.
   */
  private static Map<String, Map<String, Integer>> resolve(
      Snapshot snapshot, List<ScaleRequest> requests) {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (ScaleRequest r : requests) {
      boolean found = false;
      for (RegionSnapshot region : snapshot.regions()) {
        List<Service> matches = matches(region, r);
        if (matches.size() > 1) {
          throw new IllegalArgumentException(
              "--scale "
                  + r.text()
                  + ": "
                  + r.service()
                  + " is in clusters "
                  + String.join(", ", matches.stream().map(Service::clusterName).toList())
                  + " of "
                  + region.region()
                  + "; write CLUSTER/"
                  + r.service());
        }
        if (matches.isEmpty()) continue;
        Service s = matches.get(0);
        Map<String, Integer> plan =
            out.computeIfAbsent(region.region(), k -> new LinkedHashMap<>());
        if (plan.containsKey(s.serviceArn())) {
          throw new IllegalArgumentException(
              "--scale "
                  + r.text()
                  + ": "
                  + s.clusterName()
                  + "/"
                  + s.serviceName()
                  + " is planned twice");
        }
        plan.put(s.serviceArn(), r.apply(s.desiredCount() == null ? 0 : s.desiredCount()));
        found = true;
      }
      if (!found) throw KnownServices.notFound(snapshot, "--scale " + r.text());
    }
    return out;
  }

  /**
   * What the account's services take of each subnet at the planned peak, per Region: the planned
   * services at their planned counts (deploying, with {@code deployDuringPeak}), the others at
   * their desired counts, not deploying. An organisation adds these up over the accounts of a
   * shared subnet. With no request here, every service stays as it is.
   */
  public List<SubnetUse> subnetUses(
      Snapshot snapshot, List<ScaleRequest> requests, boolean deployDuringPeak) {
    Map<String, Map<String, Integer>> planned = resolve(snapshot, requests);
    List<SubnetUse> out = new ArrayList<>();
    for (RegionSnapshot r : snapshot.regions()) {
      RegionView view = new RegionView(snapshot, r);
      Map<String, Integer> here = planned.get(r.region());
      out.addAll(
          SubnetUse.of(
              here == null
                  ? CapacityModel.steady(view)
                  : CapacityModel.planned(view, here, deployDuringPeak)));
    }
    return out;
  }

  /**
   * The requests that name an active service of the snapshot: in an organisation, the part of the
   * plan that concerns one account.
   */
  public static List<ScaleRequest> present(Snapshot snapshot, List<ScaleRequest> requests) {
    return requests.stream()
        .filter(r -> snapshot.regions().stream().anyMatch(region -> !matches(region, r).isEmpty()))
        .toList();
  }

  private static List<Service> matches(RegionSnapshot region, ScaleRequest r) {
    return region.ecs().services().stream()
        .filter(
            s ->
                s.serviceName().equals(r.service())
                    && (r.cluster() == null || r.cluster().equals(s.clusterName())))
        .filter(s -> s.status() == null || "ACTIVE".equals(s.status()))
        .toList();
  }

  private PeakPlan.Region region(CapacityModel model, Set<String> plannedArns, boolean deploy) {
    List<ServiceDemand> plannedServices =
        model.services().stream()
            .filter(s -> plannedArns.contains(s.service().serviceArn()))
            .toList();
    List<PeakPlan.ServiceLine> lines = new ArrayList<>();
    for (ServiceDemand s : plannedServices) {
      List<String> azs =
          s.service().subnets().stream()
              .map(
                  id ->
                      model
                          .subnet(id)
                          .map(x -> x.availabilityZone())
                          .orElse(id + " (not in the snapshot)"))
              .distinct()
              .toList();
      lines.add(
          new PeakPlan.ServiceLine(
              s.name(),
              s.desired(),
              s.planned(),
              s.live(),
              s.peak(),
              s.maximumPercent(),
              s.vcpuPerTask(),
              s.peakPools().onDemand(),
              s.peakPools().spot(),
              azs));
    }
    List<PeakPlan.Resource> resources = new ArrayList<>();
    resources.add(networkInterfaces(model.networkInterfaces()));
    resources.addAll(addresses(model, plannedArns));
    for (FargatePool pool : FargatePool.values()) {
      VcpuDemand d = model.vcpu(pool);
      boolean involved =
          d.additional() > 0 || plannedServices.stream().anyMatch(s -> s.peakPools().of(pool) > 0);
      if (involved) resources.add(vcpu(d));
    }
    List<LaunchEstimate> launches = new ArrayList<>();
    for (FargatePool pool : FargatePool.values()) {
      LaunchEstimate l = model.launch(pool);
      if (l.tasks() > 0) launches.add(l);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        deploy
            ? "each planned service is assumed to deploy during the peak, at its maximumPercent"
            : "no deployment during the peak (--no-deployment)");
    notes.add(
        "tasks are spread evenly over the Availability Zones of each service's subnets, each AZ's share "
            + "rounded up");
    VcpuDemand onDemand = model.vcpu(FargatePool.ON_DEMAND);
    notes.add("Fargate vCPU in use: " + onDemand.usageSource());
    if (plannedServices.stream().anyMatch(s -> s.vcpuPerTask() == null)) {
      notes.add(
          "services without a task size in the snapshot add no vCPU: "
              + String.join(
                  ", ",
                  plannedServices.stream()
                      .filter(s -> s.vcpuPerTask() == null)
                      .map(ServiceDemand::name)
                      .toList()));
    }
    return new PeakPlan.Region(model.region(), lines, resources, launches, notes);
  }

  private PeakPlan.Resource networkInterfaces(EniDemand eni) {
    String detail =
        eni.inUse()
            + " in use; scale-out +"
            + eni.scaleOut()
            + ", deployment surge +"
            + eni.surge()
            + eni.quota()
                .map(
                    q ->
                        "; quota "
                            + fmt(q.value())
                            + " (vpc/"
                            + ServiceQuota.NETWORK_INTERFACES_CODE
                            + ", "
                            + q.source()
                            + ")")
                .orElse("; quota vpc/" + ServiceQuota.NETWORK_INTERFACES_CODE + " not readable");
    if (eni.quota().isEmpty()) {
      return new PeakPlan.Resource(
          "network interfaces",
          "region",
          PeakPlan.Verdict.UNKNOWN,
          (double) eni.additional(),
          null,
          null,
          "ENIs",
          detail);
    }
    double quota = eni.quota().get().value();
    double headroom = eni.headroom().get();
    double margin = headroom - eni.additional();
    double percentAtPeak = quota <= 0 ? 100 : 100 * (eni.inUse() + eni.additional()) / quota;
    PeakPlan.Verdict v =
        margin < 0
            ? PeakPlan.Verdict.DOES_NOT_FIT
            : percentAtPeak >= thresholds.eniCriticalPercent()
                ? PeakPlan.Verdict.TIGHT
                : PeakPlan.Verdict.FITS;
    return new PeakPlan.Resource(
        "network interfaces",
        "region",
        v,
        (double) eni.additional(),
        headroom,
        margin,
        "ENIs",
        detail + String.format(Locale.ROOT, "; %.0f %% of the quota at the peak", percentAtPeak));
  }

  /** Free IPs per subnet of the planned services, then per AZ over those subnets. */
  private List<PeakPlan.Resource> addresses(CapacityModel model, Set<String> plannedArns) {
    Set<String> plannedNames = new LinkedHashSet<>();
    model.services().stream()
        .filter(s -> plannedArns.contains(s.service().serviceArn()))
        .forEach(s -> plannedNames.add(s.name()));
    List<SubnetDemand> subnets =
        model.subnets().stream()
            .filter(d -> d.shares().stream().anyMatch(s -> plannedNames.contains(s.service())))
            .toList();
    int reserve = thresholds.subnetIpReserve();
    Map<String, SubnetUse> uses = new java.util.HashMap<>();
    SubnetUse.of(model.view()).forEach(u -> uses.put(u.subnetId(), u));
    List<PeakPlan.Resource> out = new ArrayList<>();
    for (SubnetDemand d : subnets) {
      String detail =
          d.availabilityZone()
              + ", "
              + d.subnet().cidrBlock()
              + "; "
              + String.join(
                  ", ",
                  d.shares().stream()
                      .map(s -> s.service() + " " + s.live() + " -> " + s.peak())
                      .toList());
      if (d.freeIps() == null) {
        out.add(
            new PeakPlan.Resource(
                "subnet IPs",
                d.subnetId(),
                PeakPlan.Verdict.UNKNOWN,
                (double) d.additional(),
                null,
                null,
                "IPs",
                detail + "; AvailableIpAddressCount not reported"));
        continue;
      }
      int margin = d.margin();
      PeakPlan.Verdict v =
          margin < 0
              ? PeakPlan.Verdict.DOES_NOT_FIT
              : margin < reserve ? PeakPlan.Verdict.TIGHT : PeakPlan.Verdict.FITS;
      SubnetUse use = uses.get(d.subnetId());
      if (use != null && use.shared()) {
        // A subnet other accounts use: their deployments draw on the same free IPs, unseen here.
        SharedSubnet alone = new SharedSubnet(model.region(), d.subnetId(), List.of(use));
        Integer unseen = alone.unseen();
        String owner = alone.owner() == null ? "" : " (owner " + alone.owner() + ")";
        if (v == PeakPlan.Verdict.FITS
            && (unseen == null || (unseen > 0 && margin - alone.unseenSurge() < reserve))) {
          v = PeakPlan.Verdict.UNKNOWN;
          detail +=
              "; shared subnet"
                  + owner
                  + ": "
                  + (unseen == null ? "an unknown number of" : unseen)
                  + " addresses are held by accounts whose deployments this account cannot see;"
                  + " scan them together (scan --accounts) to judge the subnet whole";
        } else if (unseen != null && unseen > 0) {
          detail +=
              "; shared subnet"
                  + owner
                  + (v == PeakPlan.Verdict.FITS
                      ? ": fits even if the "
                          + unseen
                          + " addresses of other accounts were tasks deploying at 200 %"
                      : ": other accounts' deployments draw on the same free IPs");
        }
      }
      out.add(
          new PeakPlan.Resource(
              "subnet IPs",
              d.subnetId(),
              v,
              (double) d.additional(),
              (double) d.freeIps(),
              (double) margin,
              "IPs",
              detail
                  + (v == PeakPlan.Verdict.TIGHT
                      ? "; below the reserve of " + reserve + " free IPs for other consumers"
                      : "")));
    }
    Map<String, String> azBySubnet = new java.util.HashMap<>();
    subnets.forEach(d -> azBySubnet.put(d.subnetId(), d.availabilityZone()));
    out.addAll(azRows(out, azBySubnet));
    return out;
  }

  /**
   * Free IPs per AZ over a Region's subnet rows: what they need and have together (unknown when one
   * subnet's free count is), and the worst of their verdicts.
   */
  static List<PeakPlan.Resource> azRows(
      List<PeakPlan.Resource> subnetRows, Map<String, String> azBySubnet) {
    Map<String, List<PeakPlan.Resource>> byAz = new TreeMap<>();
    for (PeakPlan.Resource r : subnetRows) {
      String az = azBySubnet.get(r.id());
      byAz.computeIfAbsent(az == null ? r.id() : az, k -> new ArrayList<>()).add(r);
    }
    List<PeakPlan.Resource> out = new ArrayList<>();
    for (Map.Entry<String, List<PeakPlan.Resource>> e : byAz.entrySet()) {
      List<PeakPlan.Resource> list = e.getValue();
      double needed = list.stream().mapToDouble(PeakPlan.Resource::needed).sum();
      Double free =
          list.stream().anyMatch(r -> r.available() == null)
              ? null
              : list.stream().mapToDouble(PeakPlan.Resource::available).sum();
      PeakPlan.Verdict worst =
          list.stream().map(PeakPlan.Resource::verdict).max(Enum::compareTo).orElseThrow();
      out.add(
          new PeakPlan.Resource(
              "AZ IPs",
              e.getKey(),
              worst,
              needed,
              free,
              free == null ? null : free - needed,
              "IPs",
              "task subnets "
                  + String.join(", ", list.stream().map(PeakPlan.Resource::id).toList())));
    }
    return out;
  }

  private PeakPlan.Resource vcpu(VcpuDemand d) {
    String kind = "Fargate " + d.pool().label() + " vCPU";
    String detail =
        fmt(d.inUse())
            + " in use; scale-out +"
            + fmt(d.scaleOut())
            + ", deployment surge +"
            + fmt(d.surge())
            + d.quota()
                .map(
                    q ->
                        "; quota "
                            + fmt(q.value())
                            + " (fargate/"
                            + d.pool().quotaCode()
                            + ", "
                            + q.source()
                            + ")")
                .orElse(
                    "; quota fargate/"
                        + d.pool().quotaCode()
                        + " not readable (new accounts can have "
                        + "as little as 6)");
    if (d.quota().isEmpty()) {
      return new PeakPlan.Resource(
          kind, "region", PeakPlan.Verdict.UNKNOWN, d.additional(), null, null, "vCPU", detail);
    }
    double quota = d.quota().get().value();
    double available = quota - d.inUse();
    double margin = available - d.additional();
    double percentAtPeak = quota <= 0 ? 100 : 100 * (d.inUse() + d.additional()) / quota;
    PeakPlan.Verdict v =
        margin < 0
            ? PeakPlan.Verdict.DOES_NOT_FIT
            : percentAtPeak >= thresholds.vcpuCriticalPercent()
                ? PeakPlan.Verdict.TIGHT
                : PeakPlan.Verdict.FITS;
    return new PeakPlan.Resource(
        kind,
        "region",
        v,
        d.additional(),
        available,
        margin,
        "vCPU",
        detail + String.format(Locale.ROOT, "; %.0f %% of the quota at the peak", percentAtPeak));
  }

  static String fmt(double v) {
    return FargateVcpuQuota.vcpu(v);
  }
}
