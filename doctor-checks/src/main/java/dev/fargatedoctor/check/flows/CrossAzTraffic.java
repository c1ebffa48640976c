package dev.fargatedoctor.check.flows;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.network.FlowRules;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bytes a service exchanges across AZs, per peer: other services' tasks, load balancers, endpoints,
 * and the NAT gateway of another AZ its subnet routes to. Each GB that crosses is billed leaving
 * one AZ and entering the other; through another AZ's NAT gateway it is also avoidable by a route.
 * Priced at {@link Prices} and projected to a month from the time the records cover.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "CROSS-AZ-TRAFFIC",
    title = "Flow logs show a service's traffic crossing AZs",
    law = Law.ONE_PERCENT_FAIL,
    severity = Severity.MEDIUM,
    needs = {
      Input.FLOW_RECORDS,
      Input.NETWORK_INTERFACES,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.ECS_SERVICES
    })
public final class CrossAzTraffic implements Check {

  private record Pair(String fromAz, String peer, String toAz, String natId) {}

  private static final class Service {
    FlowPlaces.Local local;
    final Map<Pair, Long> bytes = new LinkedHashMap<>();
    final Set<String> natSubnets = new LinkedHashSet<>();
    long total;
    long maxMissing;
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    FlowPlaces places = FlowPlaces.of(ctx.region());
    FlowSummary s = places.summary();
    if (s == null) return List.of();
    Optional<Finding> gap = FlowFacts.missingFields(ctx, s, "bytes between AZs", List.of("bytes"));
    if (gap.isPresent()) return List.of(gap.get());
    Map<String, Service> services = new LinkedHashMap<>();
    for (FlowSummary.TrafficRow row : s.traffic()) {
      FlowPlaces.Local l = places.local(row.interfaceId());
      if (!l.isService() || l.az() == null) continue;
      Service svc = services.computeIfAbsent(l.serviceLabel(), k -> new Service());
      if (svc.local == null) svc.local = l;
      Optional<Boolean> out = FlowFacts.outbound(l, row.src(), row.dst(), row.flowDirection());
      if (out.isEmpty()) continue;
      String remote = out.get() ? row.dst() : row.src();
      String peerLabel;
      String peerAz;
      String natId = null;
      FlowPlaces.Peer peer = places.peer(remote, row.awsService());
      if (peer.kind() == FlowPlaces.Kind.AWS_SERVICE || peer.kind() == FlowPlaces.Kind.INTERNET) {
        // Public addresses: the AZ that matters is the NAT gateway's the subnet routes them to.
        Optional<Route> route =
            remote.startsWith("pl-")
                ? FlowRules.routeToPrefixList(ctx.region(), l.subnetId(), remote)
                : FlowRules.routeToInternet(ctx.region(), l.subnetId());
        Optional<NatGateway> nat = route.map(Route::natGatewayId).flatMap(ctx.region()::natGateway);
        if (nat.isEmpty()) continue;
        natId = nat.get().natGatewayId();
        peerAz = ctx.region().availabilityZoneOf(nat.get()).orElse(null);
        peerLabel = "NAT gateway " + natId + " (to " + peer.label() + ")";
        if (peerAz != null && !peerAz.equals(l.az())) svc.natSubnets.add(l.subnetId());
      } else {
        peerLabel = peer.label();
        peerAz = peer.az();
        // A byte between two logged tasks shows on both: count it where it leaves.
        if (!out.get() && peer.kind() == FlowPlaces.Kind.SERVICE) continue;
      }
      if (peerAz == null || peerAz.equals(l.az())) continue;
      Pair pair =
          out.get()
              ? new Pair(l.az(), peerLabel, peerAz, natId)
              : new Pair(peerAz, peerLabel, l.az(), natId);
      svc.bytes.merge(pair, row.bytes(), Long::sum);
      svc.total += row.bytes();
      svc.maxMissing += row.maxMissing();
    }
    List<Finding> findings = new ArrayList<>();
    services.forEach((name, svc) -> findings.add(finding(ctx, s, name, svc)));
    if (findings.isEmpty()) {
      findings.add(
          ctx.finding(Resource.of("region", ctx.region().name()))
              .pass("no service traffic in the flow records")
              .evidence("read", FlowFacts.window(s))
              .build());
    }
    return findings;
  }

  private Finding finding(CheckContext ctx, FlowSummary s, String name, Service svc) {
    FindingBuilder f = ctx.finding(FlowFacts.resource(svc.local)).evidence("service", name);
    if (svc.total == 0) {
      return f.pass(name + " keeps its traffic in each task's own AZ")
          .evidence("read", FlowFacts.window(s))
          .build();
    }
    double perGbMonth = 2 * Prices.CROSS_AZ_PER_GB_EACH_WAY;
    long natBytes = 0;
    List<Fact> lines = new ArrayList<>();
    List<Map.Entry<Pair, Long>> sorted = new ArrayList<>(svc.bytes.entrySet());
    sorted.sort(Map.Entry.<Pair, Long>comparingByValue(Comparator.reverseOrder()));
    for (Map.Entry<Pair, Long> e : sorted) {
      Pair p = e.getKey();
      double gb = Prices.gbPerMonth(e.getValue(), s.coveredSeconds());
      if (p.natId() != null) natBytes += e.getValue();
      lines.add(
          Fact.line(
              p.fromAz()
                  + " -> "
                  + p.toAz()
                  + ", "
                  + p.peer()
                  + ": "
                  + Prices.bytes(e.getValue())
                  + " seen, "
                  + Prices.gb(gb)
                  + "/month, "
                  + Prices.money(gb * perGbMonth)
                  + "/month",
              "fromAz",
              p.fromAz(),
              "toAz",
              p.toAz(),
              "peer",
              p.peer(),
              "bytesSeen",
              e.getValue(),
              "gigabytesPerMonth",
              gb,
              "dollarsPerMonth",
              gb * perGbMonth));
    }
    double gb = Prices.gbPerMonth(svc.total, s.coveredSeconds());
    double natGb = Prices.gbPerMonth(natBytes, s.coveredSeconds());
    f.evidence("between AZs", lines.size() > 10 ? lines.subList(0, 10) : lines)
        .evidence(
            "projected",
            Fact.line(
                Prices.gb(gb)
                    + " a month crossing AZs, "
                    + Prices.money(gb * perGbMonth)
                    + " a month in data transfer",
                "gigabytesPerMonth",
                gb,
                "dollarsPerMonth",
                gb * perGbMonth))
        .fact("crossAzDollarsPerGbEachWay", Prices.CROSS_AZ_PER_GB_EACH_WAY)
        .evidence(
            "rates",
            "pricesAsOf",
            Fact.of(
                "$"
                    + Prices.CROSS_AZ_PER_GB_EACH_WAY
                    + "/GB out of one AZ and $"
                    + Prices.CROSS_AZ_PER_GB_EACH_WAY
                    + "/GB into the other ("
                    + Prices.AS_OF
                    + "); projected from "
                    + FlowFacts.window(s),
                Prices.AS_OF));
    FlowFacts.caveats(f, s, svc.maxMissing, "bytes");
    if (natBytes > 0) {
      f.fail(
              name
                  + " sends "
                  + Prices.gb(natGb)
                  + " a month through another AZ's NAT gateway ("
                  + Prices.money(natGb * perGbMonth)
                  + "/month in cross-AZ transfer alone)")
          .fix(
              "Traffic to the internet crosses to another AZ's NAT gateway and back: route each subnet to the NAT "
                  + "gateway of its own AZ, which also keeps an AZ outage from taking the others' egress.");
      for (String subnetId : svc.natSubnets) {
        Optional<Subnet> sub = ctx.region().subnet(subnetId);
        sub.ifPresent(x -> FlowRules.routeToSameAzNat(f, ctx.region(), x));
      }
      return f.build();
    }
    return f.warn(
            name
                + " exchanges "
                + Prices.gb(gb)
                + " a month with peers in other AZs (about "
                + Prices.money(gb * perGbMonth)
                + "/month)")
        .severity(Severity.LOW)
        .fix(
            "This is the case for AZ-aware routing: keep calls in the caller's AZ where the peer runs there "
                + "(ECS Service Connect or Cloud Map with AZ-aware clients, load balancers with cross-zone "
                + "load balancing off where targets are balanced per AZ).")
        .build();
  }
}
