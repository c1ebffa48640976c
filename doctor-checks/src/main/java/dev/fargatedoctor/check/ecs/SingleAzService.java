package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
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
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A service that runs several tasks for availability but may place them in one Availability Zone
 * only: every subnet of its network configuration is in the same AZ, so an AZ impairment, or
 * Fargate running out of capacity there, stops all of them at once.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "SERVICE-SINGLE-AZ",
    title = "Service with several tasks confined to one Availability Zone",
    law = Law.WONT_START,
    severity = Severity.MEDIUM,
    needs = {Input.ECS_SERVICES, Input.SUBNETS, Input.ROUTE_TABLES})
public final class SingleAzService implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    return ctx.each(region.services(), Resource::service, s -> judge(ctx, region, s));
  }

  private static List<Finding> judge(CheckContext ctx, RegionView region, Service s) {
    // One task is in one AZ by nature; a service at zero or going away has nothing to spread.
    if (!"ACTIVE".equals(s.status()) || s.desiredCount() == null || s.desiredCount() < 2) {
      return List.of();
    }
    List<Subnet> subnets =
        s.subnets().stream().map(region::subnet).flatMap(Optional::stream).toList();
    if (subnets.isEmpty()) return List.of();
    TreeSet<String> zones = new TreeSet<>();
    subnets.forEach(n -> zones.add(n.availabilityZone()));
    FindingBuilder f =
        ctx.finding(Resource.service(s))
            .evidence("desired count", s.desiredCount())
            .evidence("subnets", String.join(", ", s.subnets()))
            .evidence("availability zones", String.join(", ", zones));
    if (zones.size() > 1) {
      return List.of(
          f.pass(s.serviceName() + ": tasks spread over " + zones.size() + " Availability Zones")
              .build());
    }
    String zone = zones.first();
    f.fail(
        s.serviceName()
            + ": all "
            + s.desiredCount()
            + " tasks can only run in "
            + zone
            + " (every subnet of the service is there)");
    List<Subnet> more = otherZones(region, subnets.get(0), zone);
    if (more.isEmpty() || s.securityGroups().isEmpty()) {
      return List.of(
          f.fix(
                  "Create a subnet in another Availability Zone of VPC "
                      + subnets.get(0).vpcId()
                      + " with the same kind of default route as "
                      + subnets.get(0).subnetId()
                      + ", then add it to the service's network configuration (update-service"
                      + " --network-configuration); the next deployment spreads the tasks.")
              .build());
    }
    List<String> all = new ArrayList<>(s.subnets());
    more.forEach(n -> all.add(n.subnetId()));
    String publicIp =
        s.awsVpc().map(v -> v.assignPublicIp()).filter(Objects::nonNull).orElse("DISABLED");
    return List.of(
        f.evidence(
                "subnets to add", String.join(", ", more.stream().map(Subnet::subnetId).toList()))
            .fix(
                "Add a subnet in each other Availability Zone, routed like the service's own, to its"
                    + " network configuration; the deployment this starts spreads the tasks.",
                AwsCommand.of("ecs", "update-service")
                    .opt("--cluster", s.clusterName())
                    .opt("--service", s.serviceName())
                    .opt(
                        "--network-configuration",
                        "awsvpcConfiguration={subnets=["
                            + String.join(",", all)
                            + "],securityGroups=["
                            + String.join(",", s.securityGroups())
                            + "],assignPublicIp="
                            + publicIp
                            + "}")
                    .region(region.name()))
            .build());
  }

  /**
   * One subnet per other AZ of the same VPC whose default route goes the same way (a NAT gateway,
   * an internet gateway, a transit gateway, or nowhere), the one with most free addresses: tasks
   * moved there reach what they reach today.
   */
  private static List<Subnet> otherZones(RegionView region, Subnet model, String zone) {
    String kind = routeKind(region, model.subnetId());
    Map<String, Subnet> best = new LinkedHashMap<>();
    region.data().ec2().subnets().stream()
        .filter(n -> model.vpcId().equals(n.vpcId()) && !zone.equals(n.availabilityZone()))
        .filter(n -> kind.equals(routeKind(region, n.subnetId())))
        .sorted(
            Comparator.comparing(Subnet::availabilityZone)
                .thenComparing(
                    n -> n.availableIpAddressCount() == null ? 0 : n.availableIpAddressCount(),
                    Comparator.reverseOrder())
                .thenComparing(Subnet::subnetId))
        .forEach(n -> best.putIfAbsent(n.availabilityZone(), n));
    return List.copyOf(best.values());
  }

  private static String routeKind(RegionView region, String subnetId) {
    Optional<Route> route = region.routeTableFor(subnetId).flatMap(RouteTable::defaultRoute);
    if (route.isEmpty()) return "none";
    Route r = route.get();
    if (r.natGatewayId() != null) return "nat";
    if (r.gatewayId() != null && r.gatewayId().startsWith("igw-")) return "internet";
    if (r.transitGatewayId() != null) return "transit";
    return "other";
  }
}
