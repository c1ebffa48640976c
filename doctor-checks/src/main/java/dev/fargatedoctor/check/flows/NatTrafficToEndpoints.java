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
import dev.fargatedoctor.check.network.AwsService;
import dev.fargatedoctor.check.network.Destination;
import dev.fargatedoctor.check.network.FlowRules;
import dev.fargatedoctor.check.network.ServiceNeeds;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bytes a service exchanges with S3, DynamoDB or other AWS endpoints (ECR, CloudWatch Logs, Secrets
 * Manager: AWS tags them AMAZON) through a NAT gateway, which charges for every byte it processes.
 * An S3 or DynamoDB gateway endpoint carries the same bytes for nothing, an interface endpoint for
 * a fraction. S3 is known by its prefix list or pkt-dst-aws-service; the other services by the
 * AMAZON tag of version 5 records, named from what the task definition uses.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "NAT-TRAFFIC-ENDPOINT",
    title = "Flow logs show AWS service traffic paying for a NAT gateway",
    law = Law.SLOW,
    severity = Severity.MEDIUM,
    needs = {
      Input.FLOW_RECORDS,
      Input.NETWORK_INTERFACES,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.VPC_ENDPOINTS,
      Input.ECS_SERVICES
    })
public final class NatTrafficToEndpoints implements Check {
  /** A month's NAT processing from which the finding fails rather than warns. */
  static final double FAIL_AT_DOLLARS = 10;

  private static final class Usage {
    FlowPlaces.Local local;
    final Map<String, Long> byService = new LinkedHashMap<>(); // S3, DYNAMODB, AMAZON
    final Set<String> nats = new LinkedHashSet<>();
    final Set<String> subnets = new LinkedHashSet<>();
    long total;
    long maxMissing;
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    FlowPlaces places = FlowPlaces.of(ctx.region());
    FlowSummary s = places.summary();
    if (s == null) return List.of();
    Optional<Finding> gap =
        FlowFacts.missingFields(ctx, s, "bytes to AWS services", List.of("bytes"));
    if (gap.isPresent()) return List.of(gap.get());
    Map<String, Usage> usage = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (FlowSummary.TrafficRow row : s.traffic()) {
      FlowPlaces.Local l = places.local(row.interfaceId());
      if (!l.isService() || l.subnetId() == null) continue;
      seen.add(l.serviceLabel());
      Optional<Boolean> out = FlowFacts.outbound(l, row.src(), row.dst(), row.flowDirection());
      if (out.isEmpty()) continue;
      String remote = out.get() ? row.dst() : row.src();
      String service = awsService(places, remote, row.awsService());
      if (service == null) continue;
      Optional<Route> route =
          remote.startsWith("pl-")
              ? FlowRules.routeToPrefixList(ctx.region(), l.subnetId(), remote)
              : FlowRules.routeToInternet(ctx.region(), l.subnetId());
      if (route.isEmpty() || route.get().natGatewayId() == null) continue;
      if (service.equals("AMAZON") && endpointsCover(ctx, l)) continue;
      if (!remote.startsWith("pl-") && gatewayEndpointCovers(ctx, l, service)) continue;
      Usage u = usage.computeIfAbsent(l.serviceLabel(), k -> new Usage());
      if (u.local == null) u.local = l;
      u.byService.merge(service, row.bytes(), Long::sum);
      u.nats.add(route.get().natGatewayId());
      u.subnets.add(l.subnetId());
      u.total += row.bytes();
      u.maxMissing += row.maxMissing();
    }
    List<Finding> findings = new ArrayList<>();
    usage.forEach((name, u) -> findings.add(finding(ctx, s, name, u)));
    for (String name : seen) {
      if (usage.containsKey(name)) continue;
      findings.add(
          ctx.finding(Resource.of("service", name))
              .pass(name + " sends no AWS service traffic through a NAT gateway")
              .evidence("read", FlowFacts.window(s))
              .build());
    }
    return findings;
  }

  /** S3, DYNAMODB or AMAZON for an address class, else null (the internet at large). */
  private static String awsService(FlowPlaces places, String remote, String tag) {
    if (remote.startsWith("pl-")) {
      String s = places.prefixListService(remote);
      return s == null ? "AMAZON" : s;
    }
    if (tag == null) return null;
    return switch (tag) {
      case "S3", "DYNAMODB", "AMAZON" -> tag;
      default -> null;
    };
  }

  // S3 or DynamoDB through a gateway endpoint on the subnet's table: the prefix list's route wins
  // over the default route, whatever the records said before it existed.
  private static boolean gatewayEndpointCovers(
      CheckContext ctx, FlowPlaces.Local l, String service) {
    String table =
        ctx.region().routeTableFor(l.subnetId()).map(RouteTable::routeTableId).orElse(null);
    String suffix = "." + service.toLowerCase(java.util.Locale.ROOT);
    return table != null
        && ctx.region().data().ec2().vpcEndpoints().stream()
            .anyMatch(
                e ->
                    "Gateway".equalsIgnoreCase(e.vpcEndpointType())
                        && e.serviceName() != null
                        && e.serviceName().endsWith(suffix)
                        && e.routeTableIds().contains(table));
  }

  // With interface endpoints (private DNS) for everything the task definition calls, what is still
  // tagged AMAZON is some other service's: nothing here to move.
  private static boolean endpointsCover(CheckContext ctx, FlowPlaces.Local l) {
    List<AwsService> needed = interfaceServices(ctx, l);
    String vpc = ctx.region().subnet(l.subnetId()).map(Subnet::vpcId).orElse(null);
    return vpc != null
        && !needed.isEmpty()
        && needed.stream().allMatch(a -> FlowRules.hasPrivateEndpoint(ctx.region(), vpc, a));
  }

  private static List<AwsService> interfaceServices(CheckContext ctx, FlowPlaces.Local l) {
    if (l.service() == null)
      return List.of(AwsService.ECR_API, AwsService.ECR_DKR, AwsService.LOGS);
    return ServiceNeeds.of(
            l.service(),
            ctx.region().taskDefinition(l.service().taskDefinition()),
            ctx.region().name())
        .destinations()
        .stream()
        .map(Destination::service)
        .filter(a -> a != null && a != AwsService.S3)
        .distinct()
        .toList();
  }

  private Finding finding(CheckContext ctx, FlowSummary s, String name, Usage u) {
    double gb = Prices.gbPerMonth(u.total, s.coveredSeconds());
    double cost = gb * Prices.NAT_PROCESSING_PER_GB;
    FindingBuilder f = ctx.finding(FlowFacts.resource(u.local)).evidence("service", name);
    List<Fact> lines = new ArrayList<>();
    u.byService.forEach(
        (svc, bytes) -> {
          double g = Prices.gbPerMonth(bytes, s.coveredSeconds());
          lines.add(
              Fact.line(
                  FlowPlaces.awsLabel(svc)
                      + ": "
                      + Prices.bytes(bytes)
                      + " seen, "
                      + Prices.gb(g)
                      + "/month, "
                      + Prices.money(g * Prices.NAT_PROCESSING_PER_GB)
                      + "/month of NAT processing",
                  "service",
                  FlowPlaces.awsLabel(svc),
                  "bytesSeen",
                  bytes,
                  "gigabytesPerMonth",
                  g,
                  "natDollarsPerMonth",
                  g * Prices.NAT_PROCESSING_PER_GB));
        });
    f.evidence("through NAT", lines)
        .evidence("NAT gateways", List.copyOf(u.nats))
        .evidence("subnets", List.copyOf(u.subnets))
        .fact("natDollarsPerGb", Prices.NAT_PROCESSING_PER_GB)
        .evidence(
            "rates",
            "pricesAsOf",
            Fact.of(
                "NAT gateway $"
                    + Prices.NAT_PROCESSING_PER_GB
                    + "/GB processed; gateway endpoint (S3, DynamoDB) $"
                    + Prices.GATEWAY_ENDPOINT_PER_GB
                    + "/GB; interface endpoint $"
                    + Prices.INTERFACE_ENDPOINT_PER_GB
                    + "/GB plus $"
                    + Prices.INTERFACE_ENDPOINT_PER_AZ_HOUR
                    + "/hour per AZ ("
                    + Prices.AS_OF
                    + "); projected from "
                    + FlowFacts.window(s),
                Prices.AS_OF));
    FlowFacts.caveats(f, s, u.maxMissing, "bytes");
    String title =
        name
            + " sends "
            + Prices.gb(gb)
            + " a month to "
            + String.join(", ", u.byService.keySet().stream().map(FlowPlaces::awsLabel).toList())
            + " through NAT ("
            + Prices.money(cost)
            + "/month of NAT processing)";
    if (cost >= FAIL_AT_DOLLARS) f.fail(title);
    else f.warn(title).severity(Severity.LOW);
    f.fix("A VPC endpoint carries this traffic without the NAT gateway's processing charge.");
    Subnet subnet = ctx.region().subnet(u.subnets.iterator().next()).orElse(null);
    if (subnet == null) return f.build();
    List<RouteTable> tables =
        u.subnets.stream()
            .map(ctx.region()::routeTableFor)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    List<String> groups =
        u.local.service() == null ? List.of() : u.local.service().securityGroups();
    List<String> subnets =
        u.local.service() == null ? List.copyOf(u.subnets) : u.local.service().subnets();
    if (u.byService.containsKey("S3")) {
      FlowRules.createEndpoint(f, ctx.region(), AwsService.S3, subnet, tables, subnets, groups);
    }
    if (u.byService.containsKey("DYNAMODB")) {
      f.note(
          "Add a DynamoDB gateway endpoint on the same route tables (service name com.amazonaws."
              + ctx.region().name()
              + ".dynamodb): it is free.");
    }
    if (u.byService.containsKey("AMAZON")) {
      f.note(
          "Traffic tagged AMAZON is to AWS public endpoints; by its task definition "
              + name
              + " calls the services below, each worth an interface endpoint when its traffic outweighs the "
              + "endpoint's hourly charge.");
      String vpc = subnet.vpcId();
      for (AwsService a : interfaceServices(ctx, u.local)) {
        if (FlowRules.hasPrivateEndpoint(ctx.region(), vpc, a)) continue;
        FlowRules.createEndpoint(f, ctx.region(), a, subnet, tables, subnets, groups);
      }
    }
    return f.build();
  }
}
