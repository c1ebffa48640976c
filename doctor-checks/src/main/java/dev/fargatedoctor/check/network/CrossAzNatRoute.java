package dev.fargatedoctor.check.network;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task subnet whose default route goes to a NAT gateway in another AZ: traffic crosses AZs (cost,
 * latency) and the subnet loses egress when that AZ fails. AWS's guidance is one NAT gateway per AZ
 * with each AZ's subnets routed to their own. The path is reachable: the engine marks the NAT hop
 * AZ_CROSSED, as Reachability Analyzer's AVAILABILITY_ZONE_CROSSED does.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ROUTE-CROSS-AZ-NAT",
    title = "Task subnet routed to a NAT gateway in another AZ",
    law = Law.SLOW,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.SUBNETS, Input.ROUTE_TABLES, Input.NAT_GATEWAYS})
public final class CrossAzNatRoute implements Check {

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    return ctx.each(
        region.servicesBySubnet().entrySet(),
        e -> Resource.of("subnet", e.getKey()),
        entry -> judgeSubnet(ctx, entry, region, engine));
  }

  private static List<Finding> judgeSubnet(
      CheckContext ctx,
      Map.Entry<String, List<Service>> entry,
      RegionView region,
      Reachability engine) {
    Optional<Subnet> subnet = region.subnet(entry.getKey());
    Optional<RouteTable> table = region.routeTableFor(entry.getKey());
    if (subnet.isEmpty() || table.isEmpty())
      return List.of(); // unknown subnet: other checks report the gap
    PathResult path = engine.evaluateSubnet(entry.getKey(), Destination.internet());
    // Only an available NAT gateway we can place is this check's: the blackhole check speaks to
    // the rest.
    Optional<Hop> nat =
        path.hops().stream()
            .filter(
                h ->
                    h.component().equals("NAT gateway")
                        && h.fact("natGateway") != null
                        && (h.status() == Hop.Status.OK || h.code() == Explanation.AZ_CROSSED))
            .findFirst();
    if (nat.isEmpty()) return List.of();
    Optional<String> natAz = region.natGateway(nat.get().id()).flatMap(region::availabilityZoneOf);
    if (natAz.isEmpty()) return List.of();

    Subnet s = subnet.get();
    String destination =
        path.hops().stream()
            .filter(h -> h.component().equals("route table"))
            .map(h -> h.fact("destination"))
            .filter(d -> d != null)
            .findFirst()
            .orElse("0.0.0.0/0");
    FindingBuilder f =
        ctx.finding(new Resource("subnet", s.subnetId(), null))
            .evidence("subnet AZ", s.availabilityZone())
            .evidence(
                "route table",
                table.get().routeTableId()
                    + (table.get().associationFor(s.subnetId()).isEmpty()
                        ? " (VPC main table)"
                        : ""))
            .evidence("default route", destination + " -> " + nat.get().id())
            .evidence("NAT gateway AZ", natAz.get())
            .evidence(
                "services",
                entry.getValue().stream().map(Service::serviceName).distinct().toList());
    if (nat.get().code() != Explanation.AZ_CROSSED) {
      return List.of(f.pass("default route uses the NAT gateway of its own AZ").build());
    }
    f.fail(
        "default route of "
            + s.subnetId()
            + " ("
            + s.availabilityZone()
            + ") goes to NAT gateway "
            + nat.get().id()
            + " in "
            + natAz.get());
    NetworkFixes.routeToSameAzNat(f, region, s, table.get(), destination, true);
    return List.of(f.build());
  }
}
