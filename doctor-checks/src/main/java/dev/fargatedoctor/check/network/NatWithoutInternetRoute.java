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
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import java.util.List;
import java.util.Optional;

/**
 * A public NAT gateway that task subnets route to, whose own subnet has no working default route to
 * an internet gateway: the NAT gateway is "available" and every packet it forwards is dropped.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "NAT-NO-IGW",
    title = "NAT gateway's subnet has no route to an internet gateway",
    law = Law.SLOW,
    severity = Severity.CRITICAL,
    needs = {
      Input.ECS_SERVICES,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.INTERNET_GATEWAYS
    })
public final class NatWithoutInternetRoute implements Check {

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    TaskNetworkResources resources = new TaskNetworkResources(region);
    Addresses internet = Addresses.publicInternet("0.0.0.0/0 (the internet)");
    return ctx.each(
        resources.natGateways().keySet(),
        id -> Resource.of("nat-gateway", id),
        natId -> judgeNat(ctx, natId, region, engine, resources, internet));
  }

  private static List<Finding> judgeNat(
      CheckContext ctx,
      String natId,
      RegionView region,
      Reachability engine,
      TaskNetworkResources resources,
      Addresses internet) {
    Optional<NatGateway> found = region.natGateway(natId);
    // A gone or failed NAT gateway is ROUTE-BLACKHOLE's; a private one has no internet by design.
    if (found.isEmpty() || !found.get().isAvailable() || !found.get().isPublic()) return List.of();
    NatGateway nat = found.get();
    Optional<RouteTable> table = region.routeTableFor(nat.subnetId());
    if (table.isEmpty()) return List.of();
    Route r = engine.route(table.get(), internet).route();
    FindingBuilder f =
        ctx.finding(new Resource("nat-gateway", natId, null))
            .evidence(
                "NAT gateway subnet",
                nat.subnetId()
                    + region
                        .subnet(nat.subnetId())
                        .map(s -> " (" + s.availabilityZone() + ")")
                        .orElse(""))
            .evidence(
                "its route table",
                table.get().routeTableId()
                    + (table.get().associationFor(nat.subnetId()).isEmpty()
                        ? " (VPC main table)"
                        : ""))
            .evidence(
                "its default route",
                r == null ? "none" : r.destination() + " -> " + r.target() + " (" + r.state() + ")")
            .evidence(
                "used by task subnets' tables", List.copyOf(resources.natGateways().get(natId)))
            .evidence("services", resources.servicesUsingNat(natId));
    if (r != null && !r.isBlackhole() && r.target().startsWith("igw-")) {
      Optional<InternetGateway> igw = engine.internetGateway(r.target());
      if (igw.isPresent() && Reachability.isAttached(igw.get(), nat.vpcId())) {
        return List.of(f.pass("its subnet routes the internet to " + r.target()).build());
      }
      f.evidence("internet gateway", r.target() + " is not attached to " + nat.vpcId());
    } else if (r != null
        && !r.isBlackhole()
        && (r.transitGatewayId() != null
            || r.networkInterfaceId() != null
            || r.vpcPeeringConnectionId() != null)) {
      return List
          .of(); // central egress through a transit gateway or an appliance: not this check's to
      // judge
    }
    f.fail(
        "NAT gateway "
            + natId
            + " cannot reach the internet: its subnet "
            + nat.subnetId()
            + " has no "
            + (r == null ? "default route" : "working route")
            + " to an internet gateway");
    NetworkFixes.natInternetRoute(f, region, engine, nat, table.get());
    return List.of(f.build());
  }
}
