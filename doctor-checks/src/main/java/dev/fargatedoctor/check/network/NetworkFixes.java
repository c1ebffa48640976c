package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Remediation the network checks share, built from the snapshot's own ids: the NAT gateway of the
 * subnet's AZ for a route, the network ACL entry to remove or add with its rule number, the
 * security-group rule, the endpoint to create. Commands never carry a placeholder; where a new
 * resource's id is needed, an earlier command captures it into a shell variable.
 */
final class NetworkFixes {
  private NetworkFixes() {}

  /** The available NAT gateway of the subnet's VPC and AZ, a public one first. */
  static Optional<NatGateway> sameAzNat(RegionView region, Subnet subnet) {
    return region.data().ec2().natGateways().stream()
        .filter(n -> subnet.vpcId().equals(n.vpcId()) && n.isAvailable())
        .filter(
            n -> region.availabilityZoneOf(n).map(subnet.availabilityZone()::equals).orElse(false))
        .min(
            Comparator.comparing((NatGateway n) -> !n.isPublic())
                .thenComparing(NatGateway::natGatewayId));
  }

  /**
   * Points a subnet's route for {@code destination} at the NAT gateway of its AZ: the existing one,
   * or a new one in a public subnet of that AZ. {@code replace} when the table has such a route.
   */
  static void routeToSameAzNat(
      FindingBuilder f,
      RegionView region,
      Subnet subnet,
      RouteTable table,
      String destination,
      boolean replace) {
    Optional<NatGateway> nat = sameAzNat(region, subnet);
    if (nat.isPresent()) {
      f.evidence("NAT gateway in the subnet's AZ", nat.get().natGatewayId());
      f.note(
          "Point the "
              + (destination.equals("0.0.0.0/0") ? "default route" : "route for " + destination)
              + " of "
              + subnet.subnetId()
              + " at "
              + nat.get().natGatewayId()
              + ", the NAT gateway of "
              + subnet.availabilityZone()
              + ".");
      routeTo(
          f,
          region,
          subnet,
          table,
          destination,
          AwsCommand.quoteId(nat.get().natGatewayId()),
          replace);
      return;
    }
    String r = region.name();
    Optional<Subnet> publicSubnet =
        region.data().ec2().subnets().stream()
            .filter(
                o ->
                    subnet.vpcId().equals(o.vpcId())
                        && subnet.availabilityZone().equals(o.availabilityZone()))
            .filter(
                o ->
                    region
                        .routeTableFor(o.subnetId())
                        .flatMap(RouteTable::defaultRoute)
                        .map(
                            rt ->
                                rt.gatewayId() != null
                                    && rt.gatewayId().startsWith("igw-")
                                    && !rt.isBlackhole())
                        .orElse(false))
            .findFirst();
    if (publicSubnet.isEmpty()) {
      f.note(
          "There is no NAT gateway in "
              + subnet.availabilityZone()
              + " and no public subnet there to put one "
              + "in: create a public subnet in "
              + subnet.availabilityZone()
              + ", a NAT gateway in it, and route "
              + subnet.subnetId()
              + " to it.");
      return;
    }
    f.note(
        "There is no NAT gateway in "
            + subnet.availabilityZone()
            + ": create one in public subnet "
            + publicSubnet.get().subnetId()
            + ", then point the "
            + (destination.equals("0.0.0.0/0") ? "default route" : "route for " + destination)
            + " of "
            + subnet.subnetId()
            + " at it.");
    f.command(
        AwsCommand.of("ec2", "allocate-address")
            .opt("--domain", "vpc")
            .opt("--query", "AllocationId")
            .opt("--output", "text")
            .captureAs("EIP")
            .region(r));
    f.command(
        AwsCommand.of("ec2", "create-nat-gateway")
            .opt("--subnet-id", publicSubnet.get().subnetId())
            .optShell("--allocation-id", "\"$EIP\"")
            .opt("--query", "NatGateway.NatGatewayId")
            .opt("--output", "text")
            .captureAs("NAT")
            .region(r));
    f.command(
        AwsCommand.of("ec2", "wait")
            .flag("nat-gateway-available")
            .optShell("--nat-gateway-ids", "\"$NAT\"")
            .region(r));
    routeTo(f, region, subnet, table, destination, "\"$NAT\"", replace);
  }

  /**
   * Commands that send a subnet's route to a NAT gateway. When its table also routes subnets of
   * other AZs, changing the table would move their traffic instead: the subnet gets a table of its
   * own.
   */
  static void routeTo(
      FindingBuilder f,
      RegionView region,
      Subnet subnet,
      RouteTable table,
      String destination,
      String natArg,
      boolean replace) {
    String r = region.name();
    List<Subnet> sharing =
        region.subnetsRoutedBy(table).stream()
            .filter(o -> !o.subnetId().equals(subnet.subnetId()))
            .toList();
    boolean otherAzs =
        sharing.stream().anyMatch(o -> !subnet.availabilityZone().equals(o.availabilityZone()));
    if (!otherAzs) {
      f.command(
          AwsCommand.of("ec2", replace ? "replace-route" : "create-route")
              .opt("--route-table-id", table.routeTableId())
              .opt("--destination-cidr-block", destination)
              .optShell("--nat-gateway-id", natArg)
              .region(r));
      return;
    }
    f.evidence(
        "route table shared with",
        sharing.stream().map(o -> o.subnetId() + " (" + o.availabilityZone() + ")").toList());
    f.note(
        "Route table "
            + table.routeTableId()
            + " also routes subnets in other AZs, so replacing its route "
            + "would break them: "
            + subnet.subnetId()
            + " gets a table of its own (copy any other non-local routes of "
            + table.routeTableId()
            + " into it).");
    f.command(
        AwsCommand.of("ec2", "create-route-table")
            .opt("--vpc-id", subnet.vpcId())
            .opt("--query", "RouteTable.RouteTableId")
            .opt("--output", "text")
            .captureAs("RTB")
            .region(r));
    f.command(
        AwsCommand.of("ec2", "create-route")
            .optShell("--route-table-id", "\"$RTB\"")
            .opt("--destination-cidr-block", destination)
            .optShell("--nat-gateway-id", natArg)
            .region(r));
    Optional<RouteTable.Association> assoc = table.associationFor(subnet.subnetId());
    if (assoc.isPresent() && assoc.get().routeTableAssociationId() != null) {
      f.command(
          AwsCommand.of("ec2", "replace-route-table-association")
              .opt("--association-id", assoc.get().routeTableAssociationId())
              .optShell("--route-table-id", "\"$RTB\"")
              .region(r));
    } else {
      f.command(
          AwsCommand.of("ec2", "associate-route-table")
              .opt("--subnet-id", subnet.subnetId())
              .optShell("--route-table-id", "\"$RTB\"")
              .region(r));
    }
  }

  /**
   * The network ACL changes that let flows through: remove the explicit entries that deny them
   * (each once, however many flows it drops), and where AWS's final deny (or a partial allow) would
   * still drop part of a flow, add an allow entry numbered before whatever still denies it.
   */
  static void naclEntries(FindingBuilder f, RegionView region, List<Hop> hops) {
    Map<String, List<Hop>> byAcl = new LinkedHashMap<>();
    for (Hop h : hops) {
      if (h.fact("direction") != null) byAcl.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(h);
    }
    byAcl.forEach(
        (aclId, aclHops) ->
            region.data().ec2().networkAcls().stream()
                .filter(a -> a.networkAclId().equals(aclId))
                .findFirst()
                .ifPresent(acl -> naclEntries(f, region, acl, aclHops)));
  }

  private static void naclEntries(
      FindingBuilder f, RegionView region, NetworkAcl acl, List<Hop> hops) {
    String r = region.name();
    record Flow(boolean egress, Ports ports, String peer) {
      String text() {
        return (egress ? "outbound" : "inbound")
            + " tcp "
            + ports
            + (egress ? " to " : " from ")
            + peer;
      }
    }
    Set<Flow> flows = new java.util.LinkedHashSet<>();
    for (Hop h : hops) {
      String[] range = h.fact("ports").split("-");
      flows.add(
          new Flow(
              "outbound".equals(h.fact("direction")),
              new Ports(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])),
              h.fact("peer")));
    }
    Map<NetworkAcl.Entry, List<Flow>> explicitDenies = new LinkedHashMap<>();
    for (Flow flow : flows) {
      NetworkAclRules.evaluate(
              acl, flow.egress(), Addresses.of(Cidr.parse(flow.peer())), flow.ports())
          .denying()
          .stream()
          .filter(e -> e.ruleNumber() != NetworkAclRules.IMPLICIT_DENY)
          .forEach(e -> explicitDenies.computeIfAbsent(e, k -> new ArrayList<>()).add(flow));
    }
    List<NetworkAcl.Entry> remaining = new ArrayList<>(acl.entries());
    remaining.removeAll(explicitDenies.keySet());
    NetworkAcl without =
        new NetworkAcl(
            acl.networkAclId(),
            acl.vpcId(),
            acl.isDefault(),
            remaining,
            acl.associations(),
            acl.tags());
    explicitDenies.forEach(
        (e, dropped) -> {
          String what =
              dropped.stream().map(Flow::text).distinct().collect(Collectors.joining("; "));
          f.note(
              "Remove entry "
                  + e.ruleNumber()
                  + " of "
                  + acl.networkAclId()
                  + " ("
                  + NetworkAclRules.describe(e)
                  + "), which drops "
                  + what
                  + ". If it blocks other traffic on purpose, add allow entries for that traffic "
                  + "numbered below "
                  + e.ruleNumber()
                  + " instead.");
          f.command(
              AwsCommand.of("ec2", "delete-network-acl-entry")
                  .opt("--network-acl-id", acl.networkAclId())
                  .flag(Boolean.TRUE.equals(e.egress()) ? "--egress" : "--ingress")
                  .opt("--rule-number", e.ruleNumber())
                  .region(r));
        });
    Set<Integer> taken = new java.util.HashSet<>();
    for (Flow flow : flows) {
      NetworkAclRules.Decision after =
          NetworkAclRules.evaluate(
              without, flow.egress(), Addresses.of(Cidr.parse(flow.peer())), flow.ports());
      if (after.outcome() == NetworkAclRules.Outcome.ALLOW) continue;
      int number = freeRuleNumber(without, flow.egress(), after, taken);
      taken.add(number);
      f.note(
          "Add entry "
              + number
              + " to "
              + acl.networkAclId()
              + ": allow "
              + flow.text()
              + (flow.egress() ? "" : " (return traffic uses ephemeral ports 1024-65535)")
              + ".");
      f.command(
          AwsCommand.of("ec2", "create-network-acl-entry")
              .opt("--network-acl-id", acl.networkAclId())
              .flag(flow.egress() ? "--egress" : "--ingress")
              .opt("--rule-number", number)
              .opt("--protocol", "tcp")
              .opt("--port-range", "From=" + flow.ports().from() + ",To=" + flow.ports().to())
              .opt("--cidr-block", flow.peer())
              .opt("--rule-action", "allow")
              .region(r));
    }
  }

  /**
   * A rule number that is evaluated before every entry that still denies the flow: below the lowest
   * of them, and after AWS's final deny only, the next hundred above the last entry.
   */
  static int freeRuleNumber(
      NetworkAcl acl, boolean egress, NetworkAclRules.Decision decision, Set<Integer> taken) {
    Set<Integer> used =
        NetworkAclRules.entries(acl, egress).stream()
            .map(NetworkAcl.Entry::ruleNumber)
            .collect(Collectors.toCollection(TreeSet::new));
    used.addAll(taken);
    int lowestDeny =
        decision.denying().stream()
            .mapToInt(NetworkAcl.Entry::ruleNumber)
            .min()
            .orElse(NetworkAclRules.IMPLICIT_DENY);
    if (lowestDeny == NetworkAclRules.IMPLICIT_DENY) {
      int highest =
          used.stream()
              .filter(n -> n < NetworkAclRules.IMPLICIT_DENY)
              .mapToInt(Integer::intValue)
              .max()
              .orElse(0);
      int next = (highest / 100 + 1) * 100;
      if (next < NetworkAclRules.IMPLICIT_DENY && !used.contains(next)) return next;
    }
    for (int n = lowestDeny - 1; n >= 1; n--) {
      if (!used.contains(n)) return n;
    }
    throw new IllegalStateException(
        "no free rule number below " + lowestDeny + " in " + acl.networkAclId());
  }

  /** An egress rule on the task's first security group for the destination's port. */
  static void securityGroupEgress(FindingBuilder f, RegionView region, Hop hop) {
    String groups = hop.fact("securityGroups");
    if (groups == null || groups.isBlank()) return;
    String group = groups.split(",\\s*")[0];
    String port = hop.fact("port");
    String target;
    String to;
    if (hop.fact("peerGroups") != null) {
      String peerGroup = hop.fact("peerGroups").split(",")[0];
      target = "UserIdGroupPairs=[{GroupId=" + peerGroup + "}]";
      to = "security group " + peerGroup;
    } else if (hop.fact("prefixList") != null) {
      target = "PrefixListIds=[{PrefixListId=" + hop.fact("prefixList") + "}]";
      to = "prefix list " + hop.fact("prefixList");
    } else {
      target = "IpRanges=[{CidrIp=0.0.0.0/0}]";
      to = "0.0.0.0/0";
    }
    f.note("Let " + group + " send tcp/" + port + " to " + to + ".");
    f.command(
        AwsCommand.of("ec2", "authorize-security-group-egress")
            .opt("--group-id", group)
            .opt(
                "--ip-permissions",
                "IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port + "," + target)
            .region(region.name()));
  }

  /** The endpoint's security group lets the task's group in on 443. */
  static void endpointIngress(FindingBuilder f, RegionView region, Hop hop) {
    String endpointGroups = hop.fact("endpointGroups");
    if (endpointGroups == null || endpointGroups.isBlank()) return;
    String endpointGroup = endpointGroups.split(",")[0];
    String source = hop.fact("sourceGroups");
    AwsCommand cmd =
        AwsCommand.of("ec2", "authorize-security-group-ingress")
            .opt("--group-id", endpointGroup)
            .opt("--protocol", "tcp")
            .opt("--port", 443);
    if (source != null && !source.isBlank()) {
      f.note(
          "Let the tasks' security group "
              + source.split(",")[0]
              + " into endpoint group "
              + endpointGroup
              + " on 443.");
      cmd.opt("--source-group", source.split(",")[0]);
    } else {
      f.note(
          "Let the task subnet "
              + hop.fact("sourceCidr")
              + " into endpoint group "
              + endpointGroup
              + " on 443.");
      cmd.opt("--cidr", hop.fact("sourceCidr"));
    }
    f.command(cmd.region(region.name()));
  }

  /** A task in a subnet routed to an internet gateway needs a public IP. */
  static void publicIp(FindingBuilder f, RegionView region, Service service) {
    var vpc = service.awsVpc().orElse(null);
    if (vpc == null || vpc.subnets().isEmpty() || vpc.securityGroups().isEmpty()) return;
    f.note(
        "Tasks in a subnet whose default route is an internet gateway need a public IP: turn on assignPublicIp "
            + "(or place them in private subnets routed to a NAT gateway). The next deployment applies it.");
    f.command(
        AwsCommand.of("ecs", "update-service")
            .opt("--cluster", service.clusterName())
            .opt("--service", service.serviceName())
            .opt(
                "--network-configuration",
                "awsvpcConfiguration={subnets=["
                    + String.join(",", vpc.subnets())
                    + "],securityGroups=["
                    + String.join(",", vpc.securityGroups())
                    + "],assignPublicIp=ENABLED}")
            .region(region.name()));
  }

  /**
   * The NAT gateway's subnet gets a default route to the VPC's internet gateway (attached first if
   * need be).
   */
  static void natInternetRoute(
      FindingBuilder f,
      RegionView region,
      Reachability engine,
      NatGateway nat,
      RouteTable natTable) {
    String r = region.name();
    Optional<InternetGateway> igw = engine.attachedInternetGateway(nat.vpcId());
    String igwArg;
    if (igw.isPresent()) {
      igwArg = AwsCommand.quoteId(igw.get().internetGatewayId());
      f.note(
          "Route the NAT gateway's subnet "
              + nat.subnetId()
              + " to "
              + igw.get().internetGatewayId()
              + ".");
    } else {
      f.note(
          nat.vpcId()
              + " has no internet gateway attached: create and attach one, then route the NAT gateway's "
              + "subnet "
              + nat.subnetId()
              + " to it.");
      f.command(
          AwsCommand.of("ec2", "create-internet-gateway")
              .opt("--query", "InternetGateway.InternetGatewayId")
              .opt("--output", "text")
              .captureAs("IGW")
              .region(r));
      f.command(
          AwsCommand.of("ec2", "attach-internet-gateway")
              .optShell("--internet-gateway-id", "\"$IGW\"")
              .opt("--vpc-id", nat.vpcId())
              .region(r));
      igwArg = "\"$IGW\"";
    }
    boolean hasDefault = natTable.defaultRoute().isPresent();
    List<Subnet> others =
        region.subnetsRoutedBy(natTable).stream()
            .filter(
                s ->
                    !s.subnetId().equals(nat.subnetId())
                        && !region
                            .servicesBySubnet()
                            .getOrDefault(s.subnetId(), List.of())
                            .isEmpty())
            .toList();
    if (!others.isEmpty()) {
      f.note(
          "Careful: "
              + natTable.routeTableId()
              + " also routes task subnets "
              + others.stream().map(Subnet::subnetId).collect(Collectors.joining(", "))
              + "; give the NAT gateway's subnet a table of its own if they must stay private.");
    }
    f.command(
        AwsCommand.of("ec2", hasDefault ? "replace-route" : "create-route")
            .opt("--route-table-id", natTable.routeTableId())
            .opt("--destination-cidr-block", "0.0.0.0/0")
            .optShell("--gateway-id", igwArg)
            .region(r));
  }

  /**
   * An endpoint for a service the subnet cannot reach another way: a gateway endpoint for S3 on the
   * subnet's route table, else an interface endpoint with private DNS in the service's subnets and
   * a security group that lets the tasks in on 443.
   */
  static void createEndpoint(
      FindingBuilder f,
      RegionView region,
      AwsService service,
      Subnet subnet,
      List<RouteTable> tables,
      List<String> serviceSubnets,
      List<String> taskGroups) {
    String r = region.name();
    String name = service.endpointServiceName(r);
    if (service == AwsService.S3) {
      List<String> ids = tables.stream().map(RouteTable::routeTableId).toList();
      f.note(
          "Add an S3 gateway endpoint on "
              + String.join(", ", ids)
              + ": ECR serves image layers from S3.");
      f.command(
          AwsCommand.of("ec2", "create-vpc-endpoint")
              .opt("--vpc-id", subnet.vpcId())
              .opt("--vpc-endpoint-type", "Gateway")
              .opt("--service-name", name)
              .optShell(
                  "--route-table-ids",
                  ids.stream().map(AwsCommand::quoteId).collect(Collectors.joining(" ")))
              .region(r));
      return;
    }
    if (taskGroups.isEmpty()) return;
    String var = "SG_" + service.suffix().replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    f.note(
        "Add an interface endpoint for "
            + name
            + " with private DNS, with a security group that lets the tasks "
            + "in on 443.");
    f.command(
        AwsCommand.of("ec2", "create-security-group")
            .opt("--vpc-id", subnet.vpcId())
            .opt("--group-name", "vpce-" + service.suffix().replace('.', '-'))
            .opt("--description", "HTTPS from Fargate tasks to " + name)
            .opt("--query", "GroupId")
            .opt("--output", "text")
            .captureAs(var)
            .region(r));
    f.command(
        AwsCommand.of("ec2", "authorize-security-group-ingress")
            .optShell("--group-id", "\"$" + var + "\"")
            .opt("--protocol", "tcp")
            .opt("--port", 443)
            .opt("--source-group", taskGroups.get(0))
            .region(r));
    f.command(
        AwsCommand.of("ec2", "create-vpc-endpoint")
            .opt("--vpc-id", subnet.vpcId())
            .opt("--vpc-endpoint-type", "Interface")
            .opt("--service-name", name)
            .optShell(
                "--subnet-ids",
                serviceSubnets.stream().map(AwsCommand::quoteId).collect(Collectors.joining(" ")))
            .optShell("--security-group-ids", "\"$" + var + "\"")
            .flag("--private-dns-enabled")
            .region(r));
  }

  /**
   * A route whose target is gone: the NAT gateway of the AZ, the attached internet gateway, or
   * removal.
   */
  static void deadRoute(
      FindingBuilder f, RegionView region, Reachability engine, RouteTable table, Route route) {
    String r = region.name();
    List<Subnet> routed = region.subnetsRoutedBy(table);
    if (route.natGatewayId() != null && route.destinationCidrBlock() != null && !routed.isEmpty()) {
      Subnet first =
          routed.stream()
              .filter(
                  s -> !region.servicesBySubnet().getOrDefault(s.subnetId(), List.of()).isEmpty())
              .findFirst()
              .orElse(routed.get(0));
      routeToSameAzNat(f, region, first, table, route.destinationCidrBlock(), true);
      return;
    }
    if (route.gatewayId() != null
        && route.gatewayId().startsWith("igw-")
        && route.destinationCidrBlock() != null) {
      Optional<InternetGateway> igw = engine.attachedInternetGateway(table.vpcId());
      if (igw.isPresent()) {
        f.note(
            "Point "
                + route.destinationCidrBlock()
                + " at "
                + igw.get().internetGatewayId()
                + ", the internet "
                + "gateway attached to "
                + table.vpcId()
                + ".");
        f.command(
            AwsCommand.of("ec2", "replace-route")
                .opt("--route-table-id", table.routeTableId())
                .opt("--destination-cidr-block", route.destinationCidrBlock())
                .opt("--gateway-id", igw.get().internetGatewayId())
                .region(r));
        return;
      }
    }
    f.note(
        "Remove the dead route "
            + route.destination()
            + " -> "
            + route.target()
            + " (or replace it with a live "
            + "target): traffic it matches is dropped.");
    AwsCommand delete =
        AwsCommand.of("ec2", "delete-route").opt("--route-table-id", table.routeTableId());
    if (route.destinationCidrBlock() != null)
      delete.opt("--destination-cidr-block", route.destinationCidrBlock());
    else if (route.destinationPrefixListId() != null) {
      delete.opt("--destination-prefix-list-id", route.destinationPrefixListId());
    } else if (route.destinationIpv6CidrBlock() != null) {
      delete.opt("--destination-ipv6-cidr-block", route.destinationIpv6CidrBlock());
    }
    f.command(delete.region(r));
  }
}
