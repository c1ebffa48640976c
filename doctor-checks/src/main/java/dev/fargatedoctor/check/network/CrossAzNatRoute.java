package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.AwsCommand;
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
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task subnet whose default route goes to a NAT gateway in another AZ: traffic crosses AZs (cost,
 * latency) and the subnet loses egress when that AZ fails. AWS's guidance is one NAT gateway per AZ
 * with each AZ's subnets routed to their own.
 */
@CheckInfo(id = "ROUTE-CROSS-AZ-NAT", title = "Task subnet routed to a NAT gateway in another AZ", law = Law.SLOW,
    severity = Severity.HIGH, needs = {Input.ECS_SERVICES, Input.SUBNETS, Input.ROUTE_TABLES, Input.NAT_GATEWAYS})
public final class CrossAzNatRoute implements Check {

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, List<Service>> entry : region.servicesBySubnet().entrySet()) {
      Optional<Subnet> subnet = region.subnet(entry.getKey());
      Optional<RouteTable> table = region.routeTableFor(entry.getKey());
      if (subnet.isEmpty() || table.isEmpty()) continue; // unknown subnet: other checks report the gap
      Optional<Route> route = table.get().defaultRoute();
      if (route.isEmpty() || route.get().natGatewayId() == null) continue; // no NAT egress: not this check
      Optional<NatGateway> nat = region.natGateway(route.get().natGatewayId());
      Optional<String> natAz = nat.flatMap(region::availabilityZoneOf);
      if (natAz.isEmpty()) continue; // a NAT gateway we cannot place: the blackhole check speaks to it

      Subnet s = subnet.get();
      FindingBuilder f = ctx.finding(new Resource("subnet", s.subnetId(), null))
          .evidence("subnet AZ", s.availabilityZone())
          .evidence("route table", table.get().routeTableId()
              + (table.get().associationFor(s.subnetId()).isEmpty() ? " (VPC main table)" : ""))
          .evidence("default route", "0.0.0.0/0 -> " + route.get().natGatewayId())
          .evidence("NAT gateway AZ", natAz.get())
          .evidence("services", entry.getValue().stream().map(Service::serviceName).distinct().toList());
      if (natAz.get().equals(s.availabilityZone())) {
        findings.add(f.pass("default route uses the NAT gateway of its own AZ").build());
        continue;
      }
      f.fail("default route of " + s.subnetId() + " (" + s.availabilityZone() + ") goes to NAT gateway "
          + nat.get().natGatewayId() + " in " + natAz.get());
      Optional<NatGateway> sameAz = sameAzNat(region, s);
      if (sameAz.isPresent()) {
        f.evidence("NAT gateway in the subnet's AZ", sameAz.get().natGatewayId());
        fixWithExistingNat(f, region, s, table.get(), sameAz.get());
      } else {
        fixWithNewNat(f, region, s, table.get());
      }
      findings.add(f.build());
    }
    return findings;
  }

  // Prefer an available public NAT gateway of the same VPC and AZ.
  private static Optional<NatGateway> sameAzNat(RegionView region, Subnet subnet) {
    return region.data().ec2().natGateways().stream()
        .filter(n -> subnet.vpcId().equals(n.vpcId()) && n.isAvailable())
        .filter(n -> region.availabilityZoneOf(n).map(subnet.availabilityZone()::equals).orElse(false))
        .min(Comparator.comparing((NatGateway n) -> !n.isPublic()).thenComparing(NatGateway::natGatewayId));
  }

  private static void fixWithExistingNat(FindingBuilder f, RegionView region, Subnet subnet, RouteTable table,
                                         NatGateway nat) {
    f.fix("Point the default route of " + subnet.subnetId() + " at " + nat.natGatewayId() + ", the NAT gateway of "
        + subnet.availabilityZone() + ".");
    routeTo(f, region, subnet, table, AwsCommand.quoteId(nat.natGatewayId()));
  }

  private static void fixWithNewNat(FindingBuilder f, RegionView region, Subnet subnet, RouteTable table) {
    String r = region.name();
    Optional<Subnet> publicSubnet = region.data().ec2().subnets().stream()
        .filter(o -> subnet.vpcId().equals(o.vpcId()) && subnet.availabilityZone().equals(o.availabilityZone()))
        .filter(o -> region.routeTableFor(o.subnetId()).flatMap(RouteTable::defaultRoute)
            .map(rt -> rt.gatewayId() != null && rt.gatewayId().startsWith("igw-")).orElse(false))
        .findFirst();
    if (publicSubnet.isEmpty()) {
      f.fix("There is no NAT gateway in " + subnet.availabilityZone() + " and no public subnet there to put one "
          + "in: create a public subnet in " + subnet.availabilityZone() + ", a NAT gateway in it, and route "
          + subnet.subnetId() + " to it.");
      return;
    }
    f.fix("There is no NAT gateway in " + subnet.availabilityZone() + ": create one in public subnet "
            + publicSubnet.get().subnetId() + ", then point the default route of " + subnet.subnetId() + " at it.",
        AwsCommand.of("ec2", "allocate-address").opt("--domain", "vpc").opt("--query", "AllocationId")
            .opt("--output", "text").captureAs("EIP").region(r),
        AwsCommand.of("ec2", "create-nat-gateway").opt("--subnet-id", publicSubnet.get().subnetId())
            .optShell("--allocation-id", "\"$EIP\"").opt("--query", "NatGateway.NatGatewayId")
            .opt("--output", "text").captureAs("NAT").region(r),
        AwsCommand.of("ec2", "wait").flag("nat-gateway-available").optShell("--nat-gateway-ids", "\"$NAT\"")
            .region(r));
    routeTo(f, region, subnet, table, "\"$NAT\"");
  }

  /**
   * Commands that send the subnet's default route to a NAT gateway. When its table also routes
   * subnets of other AZs, replacing the route would move their traffic instead: the subnet gets a
   * table of its own.
   */
  private static void routeTo(FindingBuilder f, RegionView region, Subnet subnet, RouteTable table, String natArg) {
    String r = region.name();
    List<Subnet> sharing = region.subnetsRoutedBy(table).stream()
        .filter(o -> !o.subnetId().equals(subnet.subnetId())).toList();
    boolean otherAzs = sharing.stream().anyMatch(o -> !subnet.availabilityZone().equals(o.availabilityZone()));
    if (!otherAzs) {
      f.command(AwsCommand.of("ec2", "replace-route").opt("--route-table-id", table.routeTableId())
          .opt("--destination-cidr-block", "0.0.0.0/0").optShell("--nat-gateway-id", natArg).region(r));
      return;
    }
    f.evidence("route table shared with", sharing.stream()
        .map(o -> o.subnetId() + " (" + o.availabilityZone() + ")").toList());
    f.note("Route table " + table.routeTableId() + " also routes subnets in other AZs, so replacing its route "
        + "would break them: " + subnet.subnetId() + " gets a table of its own (copy any other non-local routes of "
        + table.routeTableId() + " into it).");
    f.command(AwsCommand.of("ec2", "create-route-table").opt("--vpc-id", subnet.vpcId())
        .opt("--query", "RouteTable.RouteTableId").opt("--output", "text").captureAs("RTB").region(r));
    f.command(AwsCommand.of("ec2", "create-route").optShell("--route-table-id", "\"$RTB\"")
        .opt("--destination-cidr-block", "0.0.0.0/0").optShell("--nat-gateway-id", natArg).region(r));
    Optional<RouteTable.Association> assoc = table.associationFor(subnet.subnetId());
    if (assoc.isPresent() && assoc.get().routeTableAssociationId() != null) {
      f.command(AwsCommand.of("ec2", "replace-route-table-association")
          .opt("--association-id", assoc.get().routeTableAssociationId()).optShell("--route-table-id", "\"$RTB\"")
          .region(r));
    } else {
      f.command(AwsCommand.of("ec2", "associate-route-table").opt("--subnet-id", subnet.subnetId())
          .optShell("--route-table-id", "\"$RTB\"").region(r));
    }
  }
}
