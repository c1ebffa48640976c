package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The reachability engine: from a task's subnet and security groups to a destination, it follows
 * the configuration the way VPC Reachability Analyzer does, offline and without a packet: security
 * group egress, the subnet's route table (longest prefix match, prefix-list routes of gateway
 * endpoints, blackholes), the target (local, internet gateway, NAT gateway and its own route to an
 * internet gateway, gateway and interface VPC endpoints with private DNS), and the network ACLs of
 * every subnet the traffic enters or leaves, in both directions, return traffic on ephemeral ports
 * included. What leaves the VPC (transit gateway, peering, VPN) is named and not evaluated.
 *
 * <p>It evaluates every hop it can reach rather than stopping at the first that blocks, so one run
 * shows every fault of a path; the first blocking hop is what a check names.
 */
public final class Reachability {
  private final RegionView view;
  private final Map<String, NetworkAcl> aclBySubnet = new HashMap<>();
  private final Map<String, NetworkAcl> defaultAclByVpc = new HashMap<>();
  private final Map<String, SecurityGroup> groups;
  private final Map<String, List<VpcEndpoint>> endpointsByVpc = new HashMap<>();
  private final Map<String, VpcEndpoint> endpoints;
  private final Map<String, InternetGateway> internetGateways;
  private final Map<String, PrefixList> prefixLists;
  private final Map<String, NetworkInterface> interfacesById;
  private final Map<String, NetworkInterface> interfacesByIp = new HashMap<>();
  private final Map<String, String> s3PrefixListByVpc = new HashMap<>();
  private final Map<String, List<Subnet>> subnetsByVpc = new HashMap<>();
  // What the walks of a region share, decided once: a big account has thousands of services over a
  // few hundred subnets, and most of their paths cross the same ACLs and route tables.
  private final Map<PathKey, PathResult> paths = new ConcurrentHashMap<>();
  private final Map<NaclKey, Hop> naclHops = new ConcurrentHashMap<>();
  private final Map<RouteKey, RouteChoice> routeChoices = new ConcurrentHashMap<>();
  private final Map<String, Optional<VpcEndpoint>> interfaceEndpoints = new ConcurrentHashMap<>();

  private record PathKey(TaskNetwork source, Destination destination, boolean securityGroups) {}

  private record NaclKey(
      String subnetId,
      boolean egress,
      Addresses peer,
      Ports ports,
      Explanation denied,
      String flow) {}

  /** A route table by identity (a record's equality would compare every route) and addresses. */
  private static final class RouteKey {
    private final RouteTable table;
    private final Addresses to;

    RouteKey(RouteTable table, Addresses to) {
      this.table = table;
      this.to = to;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RouteKey k && k.table == table && k.to.equals(to);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(table) + to.hashCode();
    }
  }

  private Reachability(RegionView view) {
    this.view = view;
    var ec2 = view.data().ec2();
    for (NetworkAcl acl : ec2.networkAcls()) {
      for (NetworkAcl.Association a : acl.associations()) {
        if (a.subnetId() != null) aclBySubnet.put(a.subnetId(), acl);
      }
      if (Boolean.TRUE.equals(acl.isDefault())) defaultAclByVpc.put(acl.vpcId(), acl);
    }
    groups = index(ec2.securityGroups(), SecurityGroup::groupId);
    endpoints = index(ec2.vpcEndpoints(), VpcEndpoint::vpcEndpointId);
    for (VpcEndpoint e : ec2.vpcEndpoints())
      endpointsByVpc.computeIfAbsent(e.vpcId(), k -> new ArrayList<>()).add(e);
    internetGateways = index(ec2.internetGateways(), InternetGateway::internetGatewayId);
    prefixLists = index(ec2.prefixLists(), PrefixList::prefixListId);
    interfacesById = index(ec2.networkInterfaces(), NetworkInterface::networkInterfaceId);
    for (Subnet s : ec2.subnets()) {
      if (s.vpcId() != null) subnetsByVpc.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s);
    }
    for (NetworkInterface n : ec2.networkInterfaces()) {
      if (n.privateIpAddress() != null)
        interfacesByIp.put(n.vpcId() + "/" + n.privateIpAddress(), n);
    }
    // The S3 prefix list a VPC routes to: the route of its S3 gateway endpoint names it.
    for (RouteTable t : ec2.routeTables()) {
      for (Route r : t.routes()) {
        VpcEndpoint e = r.gatewayId() == null ? null : endpoints.get(r.gatewayId());
        if (e != null
            && r.destinationPrefixListId() != null
            && AwsService.forEndpointServiceName(e.serviceName()).orElse(null) == AwsService.S3) {
          s3PrefixListByVpc.putIfAbsent(t.vpcId(), r.destinationPrefixListId());
        }
      }
    }
  }

  /** The engine of a region, built once and shared by every check and command that asks. */
  public static Reachability of(RegionView view) {
    return view.derived(Reachability.class, Reachability::new);
  }

  private static <T> Map<String, T> index(
      List<T> items, java.util.function.Function<T, String> key) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T t : items) {
      String k = key.apply(t);
      if (k != null) out.putIfAbsent(k, t);
    }
    return out;
  }

  public RegionView view() {
    return view;
  }

  /** The region's security groups by id. */
  Map<String, SecurityGroup> securityGroups() {
    return groups;
  }

  /** The full path: security groups, routes, gateways, endpoints and network ACLs. */
  public PathResult evaluate(TaskNetwork source, Destination destination) {
    return paths.computeIfAbsent(
        new PathKey(source, destination, true), k -> new Walk(source, destination, true).run());
  }

  /**
   * The path as routing and network ACLs see it, without a task's security groups: for questions
   * about a subnet (where its default route goes) rather than about a service.
   */
  public PathResult evaluateSubnet(String subnetId, Destination destination) {
    TaskNetwork source = new TaskNetwork(subnetId, List.of(), false);
    return paths.computeIfAbsent(
        new PathKey(source, destination, false), k -> new Walk(source, destination, false).run());
  }

  /** The route a table uses for some addresses, by longest prefix match; CIDR routes win ties. */
  public RouteChoice route(RouteTable table, Addresses to) {
    return routeChoices.computeIfAbsent(new RouteKey(table, to), k -> chooseRoute(table, to));
  }

  private RouteChoice chooseRoute(RouteTable table, Addresses to) {
    record Candidate(Route route, int length, boolean prefixList, int order) {}
    List<Candidate> candidates = new ArrayList<>();
    List<Route> unresolved = new ArrayList<>();
    int order = 0;
    for (Route r : table.routes()) {
      order++;
      if (r.destinationCidrBlock() != null) {
        Optional<Cidr> c = Cidr.tryParse(r.destinationCidrBlock());
        if (c.isPresent() && to.matchedBy(c.get()) == Match.FULL) {
          candidates.add(new Candidate(r, c.get().prefix(), false, order));
        }
      } else if (r.destinationPrefixListId() != null) {
        String pl = r.destinationPrefixListId();
        if (to.matchedByPrefixList(pl) == Match.FULL) {
          candidates.add(new Candidate(r, to.specificity(), true, order));
          continue;
        }
        PrefixList list = prefixLists.get(pl);
        if (list == null || list.cidrs().isEmpty()) {
          // Which addresses the list holds is unknown: only a concrete public address may be among
          // them.
          if (!to.isPublicUnknown() && !to.isPrivate() && to.prefixListId() == null)
            unresolved.add(r);
          continue;
        }
        int best = -1;
        for (String cidr : list.cidrs()) {
          Optional<Cidr> c = Cidr.tryParse(cidr);
          if (c.isPresent() && to.matchedBy(c.get()) == Match.FULL)
            best = Math.max(best, c.get().prefix());
        }
        if (best >= 0) candidates.add(new Candidate(r, best, true, order));
      }
      // IPv6 routes (DestinationIpv6CidrBlock) never carry IPv4 traffic.
    }
    Optional<Candidate> chosen =
        candidates.stream()
            .min(
                Comparator.comparingInt((Candidate c) -> -c.length())
                    .thenComparing(Candidate::prefixList)
                    .thenComparingInt(Candidate::order));
    return new RouteChoice(table, chosen.map(Candidate::route).orElse(null), unresolved);
  }

  /**
   * The route a table chose (null when none covers the addresses), and prefix-list routes it could
   * not judge.
   */
  public record RouteChoice(RouteTable table, Route route, List<Route> unresolvedPrefixLists) {
    public Optional<Route> chosen() {
      return Optional.ofNullable(route);
    }
  }

  /** The addresses a destination stands for, seen from a VPC. */
  public Addresses addresses(Destination d, String vpcId) {
    if (d.address() != null) return Addresses.of(d.address());
    if (d.service() == AwsService.S3) {
      String pl = s3PrefixListByVpc.get(vpcId);
      if (pl == null) {
        pl =
            prefixLists.values().stream()
                .filter(
                    l ->
                        AwsService.forEndpointServiceName(l.prefixListName()).orElse(null)
                            == AwsService.S3)
                .map(PrefixList::prefixListId)
                .findFirst()
                .orElse(null);
      }
      if (pl != null) {
        PrefixList list = prefixLists.get(pl);
        List<Cidr> cidrs =
            list == null
                ? List.of()
                : list.cidrs().stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
        return Addresses.prefixList(pl, list == null ? "S3" : list.prefixListName(), cidrs);
      }
      return Addresses.publicInternet("S3's public addresses");
    }
    if (d.service() != null)
      return Addresses.publicInternet(d.service().suffix() + "'s public addresses");
    return Addresses.publicInternet("0.0.0.0/0 (the internet)");
  }

  /** The interface endpoint of a service in a VPC, an available one with private DNS first. */
  public Optional<VpcEndpoint> interfaceEndpoint(String vpcId, AwsService service) {
    return interfaceEndpoints.computeIfAbsent(
        vpcId + "|" + service, k -> findInterfaceEndpoint(vpcId, service));
  }

  private Optional<VpcEndpoint> findInterfaceEndpoint(String vpcId, AwsService service) {
    return endpointsByVpc.getOrDefault(vpcId, List.of()).stream()
        .filter(e -> "Interface".equalsIgnoreCase(e.vpcEndpointType()))
        .filter(e -> AwsService.forEndpointServiceName(e.serviceName()).orElse(null) == service)
        .min(
            Comparator.comparing((VpcEndpoint e) -> !"available".equalsIgnoreCase(e.state()))
                .thenComparing(e -> !Boolean.TRUE.equals(e.privateDnsEnabled())));
  }

  /** The network ACL of a subnet: its association, else its VPC's default ACL. */
  public Optional<NetworkAcl> networkAclFor(String subnetId) {
    NetworkAcl acl = aclBySubnet.get(subnetId);
    if (acl != null) return Optional.of(acl);
    return view.subnet(subnetId).map(s -> defaultAclByVpc.get(s.vpcId()));
  }

  public Optional<InternetGateway> internetGateway(String id) {
    return Optional.ofNullable(internetGateways.get(id));
  }

  /** An internet gateway attached to the VPC, if there is one. */
  public Optional<InternetGateway> attachedInternetGateway(String vpcId) {
    return internetGateways.values().stream().filter(g -> isAttached(g, vpcId)).findFirst();
  }

  static boolean isAttached(InternetGateway g, String vpcId) {
    return g.attachments().stream()
        .anyMatch(
            a ->
                vpcId.equals(a.vpcId())
                    && (a.state() == null
                        || "available".equalsIgnoreCase(a.state())
                        || "attached".equalsIgnoreCase(a.state())));
  }

  /** One evaluation: the hops found so far and the rules for each kind of target. */
  private final class Walk {
    private final TaskNetwork source;
    private final Destination destination;
    private final boolean securityGroups;
    private final List<Hop> hops = new ArrayList<>();
    private Subnet subnet;
    private Cidr subnetCidr;

    Walk(TaskNetwork source, Destination destination, boolean securityGroups) {
      this.source = source;
      this.destination = destination;
      this.securityGroups = securityGroups;
    }

    PathResult run() {
      Optional<Subnet> found = view.subnet(source.subnetId());
      if (found.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "subnet", source.subnetId(), "not in the snapshot", Explanation.NOT_IN_SNAPSHOT));
        return done();
      }
      subnet = found.get();
      subnetCidr = Cidr.tryParse(subnet.cidrBlock()).orElse(null);
      hops.add(
          Hop.ok(
              "subnet",
              subnet.subnetId(),
              subnet.availabilityZone()
                  + ", "
                  + subnet.cidrBlock()
                  + (securityGroups
                      ? ", " + (source.publicIp() ? "tasks get a public IP" : "no public IP")
                      : "")));
      if (subnetCidr == null) {
        hops.add(
            Hop.notEvaluated(
                "subnet",
                subnet.subnetId(),
                "has no IPv4 CIDR in the snapshot",
                Explanation.NOT_IN_SNAPSHOT));
        return done();
      }
      if (destination.service() != null) {
        Optional<VpcEndpoint> endpoint = interfaceEndpoint(subnet.vpcId(), destination.service());
        if (endpoint.isPresent()) {
          VpcEndpoint e = endpoint.get();
          if (!"available".equalsIgnoreCase(e.state())) {
            hops.add(
                Hop.risk(
                    "VPC endpoint",
                    e.vpcEndpointId(),
                    "interface endpoint for "
                        + e.serviceName()
                        + " is "
                        + e.state()
                        + ": the service is reached through its public addresses",
                    Explanation.ENDPOINT_NOT_AVAILABLE));
          } else if (Boolean.TRUE.equals(e.privateDnsEnabled())) {
            viaInterfaceEndpoint(e);
            return done();
          } else {
            hops.add(
                Hop.risk(
                    "VPC endpoint",
                    e.vpcEndpointId(),
                    "interface endpoint for "
                        + e.serviceName()
                        + " has private DNS off: "
                        + destination.service().suffix()
                        + "'s default name resolves to its public "
                        + "addresses, so tasks do not use the endpoint",
                    Explanation.ENDPOINT_NO_PRIVATE_DNS));
          }
        }
      }
      Addresses to = addresses(destination, subnet.vpcId());
      if (securityGroups) egress(to, Set.of());
      Optional<RouteTable> table = view.routeTableFor(subnet.subnetId());
      if (table.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "route table",
                null,
                "no route table for "
                    + subnet.subnetId()
                    + " (no association, no main table of "
                    + subnet.vpcId()
                    + ")",
                Explanation.NOT_IN_SNAPSHOT));
        return done();
      }
      RouteChoice choice = route(table.get(), to);
      String tableLabel =
          table.get().routeTableId()
              + (table.get().associationFor(subnet.subnetId()).isEmpty()
                  ? " (VPC main table)"
                  : "");
      for (Route r : choice.unresolvedPrefixLists()) {
        hops.add(
            Hop.risk(
                "route table",
                table.get().routeTableId(),
                "route "
                    + r.destinationPrefixListId()
                    + " -> "
                    + r.target()
                    + " may cover "
                    + to.label()
                    + ", but the prefix list's CIDRs are not in the snapshot",
                Explanation.PREFIX_LIST_NOT_EVALUATED));
      }
      Map<String, String> routeFacts =
          Map.of("routeTable", table.get().routeTableId(), "addresses", to.label());
      if (choice.route() == null) {
        hops.add(
            Hop.blocked(
                    "route table",
                    tableLabel,
                    "no route covers " + to.label(),
                    Explanation.NO_ROUTE)
                .with(routeFacts));
        return done();
      }
      Route r = choice.route();
      Map<String, String> facts = new LinkedHashMap<>(routeFacts);
      facts.put("destination", r.destination());
      facts.put("target", r.target());
      String routeText =
          r.destination()
              + " -> "
              + r.target()
              + " ("
              + (r.state() == null ? "active" : r.state())
              + ")";
      if (r.isBlackhole()) {
        hops.add(
            Hop.blocked("route table", tableLabel, routeText, Explanation.BLACKHOLE_ROUTE)
                .with(facts));
        return done();
      }
      hops.add(Hop.ok("route table", tableLabel, routeText).with(facts));
      String target = r.target();
      if ("local".equals(r.gatewayId())) {
        viaLocal(to);
      } else if (r.natGatewayId() != null) {
        viaNat(r.natGatewayId(), to);
      } else if (target.startsWith("igw-")) {
        viaInternetGateway(target, to);
      } else if (target.startsWith("vpce-")) {
        viaGatewayEndpoint(target, to);
      } else {
        leaveVpc(r, to);
      }
      return done();
    }

    private PathResult done() {
      return new PathResult(source, destination, hops);
    }

    // Security groups are stateful: an allowed request's reply is allowed, so only egress matters
    // here.
    private void egress(Addresses to, Set<String> peerGroups) {
      SecurityGroupRules.Decision d =
          SecurityGroupRules.egress(
              source.securityGroups(), groups, to, destination.port(), peerGroups);
      String ids = String.join(", ", source.securityGroups());
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("securityGroups", ids);
      facts.put("port", Integer.toString(destination.port()));
      facts.put("addresses", to.label());
      if (to.prefixListId() != null) facts.put("prefixList", to.prefixListId());
      if (!peerGroups.isEmpty()) facts.put("peerGroups", String.join(",", peerGroups));
      if (source.securityGroups().isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "security group",
                null,
                "the service names no security groups",
                Explanation.NOT_IN_SNAPSHOT));
      } else if (d.match() == Match.FULL) {
        hops.add(Hop.ok("security group", ids, "egress: " + d.rule()).with(facts));
      } else if (!d.missing().isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "security group",
                String.join(", ", d.missing()),
                "not in the snapshot",
                Explanation.NOT_IN_SNAPSHOT));
      } else if (d.match() == Match.PARTIAL) {
        hops.add(
            Hop.risk(
                    "security group",
                    ids,
                    "egress allows only part of "
                        + to.label()
                        + " on tcp/"
                        + destination.port()
                        + ": "
                        + d.rule(),
                    Explanation.SG_PARTIAL_EGRESS)
                .with(facts));
      } else {
        hops.add(
            Hop.blocked(
                    "security group",
                    ids,
                    "no egress rule allows tcp/" + destination.port() + " to " + to.label(),
                    Explanation.SG_NO_EGRESS)
                .with(facts));
      }
    }

    /**
     * Crosses a subnet boundary: the subnet's network ACL in one direction. Traffic that stays
     * inside a subnet never meets its ACL, so callers skip same-subnet legs.
     */
    private void nacl(
        List<Hop> into,
        String subnetId,
        boolean egress,
        Addresses peer,
        Ports ports,
        Explanation denied,
        String flow) {
      into.add(
          naclHops.computeIfAbsent(
              new NaclKey(subnetId, egress, peer, ports, denied, flow),
              k -> naclHop(subnetId, egress, peer, ports, denied, flow)));
    }

    private Hop naclHop(
        String subnetId,
        boolean egress,
        Addresses peer,
        Ports ports,
        Explanation denied,
        String flow) {
      Optional<NetworkAcl> acl = networkAclFor(subnetId);
      String text =
          (egress ? "outbound" : "inbound")
              + " tcp/"
              + ports
              + (egress ? " to " : " from ")
              + peer.label()
              + (flow == null ? "" : " (" + flow + ")")
              + " at "
              + subnetId;
      if (acl.isEmpty()) {
        return Hop.notEvaluated(
            "network ACL",
            null,
            text + ": no network ACL in the snapshot",
            Explanation.NOT_IN_SNAPSHOT);
      }
      NetworkAclRules.Decision d = NetworkAclRules.evaluate(acl.get(), egress, peer, ports);
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("subnet", subnetId);
      facts.put("direction", egress ? "outbound" : "inbound");
      facts.put("ports", ports.toString());
      facts.put("peer", peerCidr(peer));
      facts.put(
          "rules",
          d.denying().stream()
              .map(e -> e.ruleNumber().toString())
              .collect(Collectors.joining(",")));
      String id = acl.get().networkAclId();
      return switch (d.outcome()) {
        case ALLOW ->
            Hop.ok("network ACL", id, text + ": " + NetworkAclRules.describe(d.deciding()))
                .with(facts);
        case DENY ->
            Hop.blocked(
                    "network ACL", id, text + ": " + NetworkAclRules.describe(d.deciding()), denied)
                .with(facts);
        case PARTIAL ->
            Hop.risk(
                    "network ACL",
                    id,
                    text
                        + ": only part is allowed: "
                        + d.partial().stream()
                            .map(NetworkAclRules::describe)
                            .collect(Collectors.joining(", "))
                        + ", then "
                        + NetworkAclRules.describe(d.deciding()),
                    Explanation.NACL_PARTIAL)
                .with(facts);
      };
    }

    // What an allow entry for these addresses would name: ACL entries take one CIDR, never a prefix
    // list.
    private String peerCidr(Addresses peer) {
      return peer.ranges().size() == 1 ? peer.ranges().get(0).toString() : "0.0.0.0/0";
    }

    /** Leaving the task's subnet toward a peer, and the reply coming back on an ephemeral port. */
    private void sourceOutbound(List<Hop> into, Addresses to) {
      nacl(
          into,
          subnet.subnetId(),
          true,
          to,
          Ports.single(destination.port()),
          Explanation.NACL_DENY_OUTBOUND,
          null);
    }

    private void sourceReturn(List<Hop> into, Addresses from) {
      nacl(
          into,
          subnet.subnetId(),
          false,
          from,
          Ports.EPHEMERAL,
          Explanation.NACL_DENY_RETURN,
          "return traffic");
    }

    private void viaNat(String natId, Addresses to) {
      sourceOutbound(hops, to);
      Optional<NatGateway> found = view.natGateway(natId);
      if (found.isEmpty()) {
        hops.add(
            Hop.blocked(
                    "NAT gateway",
                    natId,
                    "not in the snapshot: deleted (AWS then shows the route as a " + "blackhole)",
                    Explanation.NAT_NOT_AVAILABLE)
                .with(Map.of("natGateway", natId)));
        return;
      }
      NatGateway nat = found.get();
      if (!nat.isAvailable()) {
        hops.add(
            Hop.blocked(
                    "NAT gateway",
                    natId,
                    "state "
                        + nat.state()
                        + (nat.failureMessage() == null ? "" : ": " + nat.failureMessage()),
                    Explanation.NAT_NOT_AVAILABLE)
                .with(Map.of("natGateway", natId, "state", String.valueOf(nat.state()))));
        return;
      }
      Optional<String> natAz = view.availabilityZoneOf(nat);
      Map<String, String> natFacts =
          Map.of("natGateway", natId, "natSubnet", String.valueOf(nat.subnetId()));
      if (natAz.isPresent() && !natAz.get().equals(subnet.availabilityZone())) {
        hops.add(
            Hop.risk(
                    "NAT gateway",
                    natId,
                    "available, in "
                        + natAz.get()
                        + " while the subnet is in "
                        + subnet.availabilityZone(),
                    Explanation.AZ_CROSSED)
                .with(natFacts)
                .with(Map.of("natAz", natAz.get())));
      } else {
        hops.add(
            Hop.ok("NAT gateway", natId, "available" + natAz.map(az -> ", in " + az).orElse(""))
                .with(natFacts));
      }
      Optional<Subnet> natSubnet = view.subnet(nat.subnetId());
      if (natSubnet.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "subnet",
                nat.subnetId(),
                "the NAT gateway's subnet is not in the snapshot",
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      Addresses tasks = Addresses.of(subnetCidr);
      boolean sameSubnet = nat.subnetId().equals(subnet.subnetId());
      if (!sameSubnet) {
        nacl(
            hops,
            nat.subnetId(),
            false,
            tasks,
            Ports.single(destination.port()),
            Explanation.NACL_DENY_INBOUND,
            "into the NAT gateway's subnet");
      }
      Optional<RouteTable> natTable = view.routeTableFor(nat.subnetId());
      if (natTable.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "route table",
                null,
                "no route table for the NAT gateway's subnet " + nat.subnetId(),
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      RouteChoice choice = route(natTable.get(), to);
      Map<String, String> facts =
          Map.of(
              "routeTable",
              natTable.get().routeTableId(),
              "natGateway",
              natId,
              "natSubnet",
              nat.subnetId());
      String label =
          natTable.get().routeTableId() + " (NAT gateway's subnet " + nat.subnetId() + ")";
      Route r = choice.route();
      if (r == null || r.isBlackhole()) {
        hops.add(
            Hop.blocked(
                    "route table",
                    label,
                    r == null
                        ? "no route covers " + to.label()
                        : r.destination() + " -> " + r.target() + " (blackhole)",
                    Explanation.NAT_NO_IGW_ROUTE)
                .with(facts));
        return;
      }
      String text =
          r.destination()
              + " -> "
              + r.target()
              + " ("
              + (r.state() == null ? "active" : r.state())
              + ")";
      if (r.target().startsWith("igw-")) {
        if (!nat.isPublic()) {
          hops.add(
              Hop.blocked(
                      "NAT gateway",
                      natId,
                      "a private NAT gateway has no public address: it cannot use " + r.target(),
                      Explanation.NAT_PRIVATE)
                  .with(facts));
          return;
        }
        Optional<InternetGateway> igw = internetGateway(r.target());
        if (igw.isEmpty() || !isAttached(igw.get(), natSubnet.get().vpcId())) {
          hops.add(
              Hop.blocked(
                      "route table",
                      label,
                      text
                          + ", but "
                          + r.target()
                          + " is not attached to "
                          + natSubnet.get().vpcId(),
                      Explanation.IGW_NOT_ATTACHED)
                  .with(facts));
          return;
        }
        hops.add(Hop.ok("route table", label, text).with(facts));
        nacl(
            hops,
            nat.subnetId(),
            true,
            to,
            Ports.single(destination.port()),
            Explanation.NACL_DENY_OUTBOUND,
            "from the NAT gateway");
        nacl(
            hops,
            nat.subnetId(),
            false,
            to,
            Ports.EPHEMERAL,
            Explanation.NACL_DENY_RETURN,
            "return traffic to the NAT gateway");
        hops.add(Hop.ok("internet gateway", r.target(), "attached to " + natSubnet.get().vpcId()));
        if (!sameSubnet) {
          nacl(
              hops,
              nat.subnetId(),
              true,
              tasks,
              Ports.EPHEMERAL,
              Explanation.NACL_DENY_RETURN,
              "return traffic from the NAT gateway");
        }
        sourceReturn(hops, to);
      } else if (isOutsideVpc(r)) {
        hops.add(Hop.ok("route table", label, text).with(facts));
        hops.add(
            Hop.notEvaluated(
                kind(r),
                r.target(),
                "the NAT gateway's traffic leaves the VPC here: not evaluated",
                Explanation.LEAVES_VPC));
      } else {
        hops.add(
            Hop.blocked(
                    "route table",
                    label,
                    text + ": not an internet gateway",
                    Explanation.NAT_NO_IGW_ROUTE)
                .with(facts));
      }
    }

    private void viaInternetGateway(String igwId, Addresses to) {
      sourceOutbound(hops, to);
      Optional<InternetGateway> igw = internetGateway(igwId);
      if (igw.isEmpty() || !isAttached(igw.get(), subnet.vpcId())) {
        hops.add(
            Hop.blocked(
                "internet gateway",
                igwId,
                "not attached to " + subnet.vpcId(),
                Explanation.IGW_NOT_ATTACHED));
        return;
      }
      if (securityGroups && !source.publicIp()) {
        hops.add(
            Hop.blocked(
                    "internet gateway",
                    igwId,
                    "the subnet routes to the internet gateway, but the tasks "
                        + "get no public IP (assignPublicIp DISABLED): their traffic is dropped",
                    Explanation.NO_PUBLIC_IP)
                .with(Map.of("subnet", subnet.subnetId())));
        return;
      }
      hops.add(Hop.ok("internet gateway", igwId, "attached to " + subnet.vpcId()));
      sourceReturn(hops, to);
    }

    private void viaGatewayEndpoint(String endpointId, Addresses to) {
      sourceOutbound(hops, to);
      VpcEndpoint e = endpoints.get(endpointId);
      if (e == null) {
        hops.add(
            Hop.notEvaluated(
                "gateway endpoint",
                endpointId,
                "not in the snapshot",
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      if (!"available".equalsIgnoreCase(e.state())) {
        hops.add(
            Hop.blocked(
                "gateway endpoint",
                endpointId,
                e.serviceName() + " is " + e.state(),
                Explanation.ENDPOINT_NOT_AVAILABLE));
        return;
      }
      hops.add(
          Hop.ok(
              "gateway endpoint",
              endpointId,
              e.serviceName() + " (its endpoint policy is not evaluated)"));
      sourceReturn(hops, to);
    }

    private void viaLocal(Addresses to) {
      if (to.ranges().size() != 1) {
        hops.add(Hop.ok("destination", to.label(), "inside the VPC"));
        return;
      }
      Cidr address = to.ranges().get(0);
      Optional<Subnet> target =
          subnetsByVpc.getOrDefault(subnet.vpcId(), List.of()).stream()
              .filter(s -> Cidr.tryParse(s.cidrBlock()).map(c -> c.contains(address)).orElse(false))
              .findFirst();
      if (target.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "destination",
                to.label(),
                "no subnet of " + subnet.vpcId() + " holds this address",
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      Addresses tasks = Addresses.of(subnetCidr);
      boolean sameSubnet = target.get().subnetId().equals(subnet.subnetId());
      if (!sameSubnet) {
        sourceOutbound(hops, to);
        nacl(
            hops,
            target.get().subnetId(),
            false,
            tasks,
            Ports.single(destination.port()),
            Explanation.NACL_DENY_INBOUND,
            "into the destination's subnet");
      }
      NetworkInterface eni =
          address.prefix() == 32
              ? interfacesByIp.get(subnet.vpcId() + "/" + address.address())
              : null;
      if (eni == null) {
        hops.add(
            Hop.notEvaluated(
                "destination",
                to.label(),
                "in "
                    + target.get().subnetId()
                    + "; no network interface "
                    + "with this address in the snapshot, so its security groups are not evaluated",
                Explanation.NOT_IN_SNAPSHOT));
      } else {
        List<String> ids =
            eni.groups().stream().map(SecurityGroup.GroupIdentifier::groupId).toList();
        SecurityGroupRules.Decision d =
            SecurityGroupRules.ingress(
                ids, groups, tasks, destination.port(), Set.copyOf(source.securityGroups()));
        if (d.match() == Match.FULL) {
          hops.add(Hop.ok("destination", eni.networkInterfaceId(), "ingress: " + d.rule()));
        } else if (!d.missing().isEmpty()) {
          hops.add(
              Hop.notEvaluated(
                  "destination",
                  eni.networkInterfaceId(),
                  "security groups " + String.join(", ", d.missing()) + " are not in the snapshot",
                  Explanation.NOT_IN_SNAPSHOT));
        } else {
          hops.add(
              Hop.blocked(
                  "destination",
                  eni.networkInterfaceId(),
                  "its security groups "
                      + String.join(", ", ids)
                      + " allow no tcp/"
                      + destination.port()
                      + " from the task",
                  Explanation.DESTINATION_SG_NO_INGRESS));
        }
      }
      if (!sameSubnet) {
        nacl(
            hops,
            target.get().subnetId(),
            true,
            tasks,
            Ports.EPHEMERAL,
            Explanation.NACL_DENY_RETURN,
            "return traffic from the destination's subnet");
        sourceReturn(hops, to);
      }
    }

    private void leaveVpc(Route r, Addresses to) {
      sourceOutbound(hops, to);
      hops.add(
          Hop.notEvaluated(
              kind(r),
              r.target(),
              "the path leaves " + subnet.vpcId() + " here: not evaluated",
              Explanation.LEAVES_VPC));
    }

    /**
     * With private DNS, the service's name resolves to the endpoint's network interfaces, one per
     * endpoint subnet, and a client may use any of them: each is a path of its own. When only some
     * can be reached, some connections hang: that is a risk on a path that still works.
     */
    private void viaInterfaceEndpoint(VpcEndpoint e) {
      List<String> endpointGroups =
          e.groups().stream().map(SecurityGroup.GroupIdentifier::groupId).toList();
      Map<String, Addresses> targets = new LinkedHashMap<>();
      for (String s : e.subnetIds()) targets.put(s, endpointAddress(e, s));
      hops.add(
          Hop.ok(
              "VPC endpoint",
              e.vpcEndpointId(),
              "interface endpoint for "
                  + e.serviceName()
                  + " with private DNS: the name resolves to its network interfaces in "
                  + String.join(", ", e.subnetIds())));
      List<Cidr> all = targets.values().stream().flatMap(a -> a.ranges().stream()).toList();
      Addresses endpointAddresses =
          all.isEmpty()
              ? Addresses.publicInternet("the endpoint")
              : all.size() == 1
                  ? Addresses.of(all.get(0))
                  : Addresses.ranges("the endpoint's network interfaces", all);
      if (securityGroups) egress(endpointAddresses, Set.copyOf(endpointGroups));
      endpointIngress(e, endpointGroups);
      if (targets.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "VPC endpoint",
                e.vpcEndpointId(),
                "lists no subnets",
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      List<String> order = new ArrayList<>(targets.keySet());
      order.sort(
          Comparator.comparing(
              (String s) ->
                  !view.subnet(s)
                      .map(Subnet::availabilityZone)
                      .map(subnet.availabilityZone()::equals)
                      .orElse(false)));
      Map<String, List<Hop>> legs = new LinkedHashMap<>();
      for (String s : order) legs.put(s, leg(s, targets.get(s)));
      Set<String> blocked = new LinkedHashSet<>();
      legs.forEach(
          (s, hs) -> {
            if (hs.stream().anyMatch(h -> h.status() == Hop.Status.BLOCKED)) blocked.add(s);
          });
      if (blocked.size() == legs.size() || blocked.isEmpty()) {
        hops.addAll(legs.get(order.get(0)));
        return;
      }
      String reachable = order.stream().filter(s -> !blocked.contains(s)).findFirst().orElseThrow();
      hops.addAll(legs.get(reachable));
      hops.add(
          Hop.risk(
              "VPC endpoint",
              e.vpcEndpointId(),
              "its network interfaces in "
                  + String.join(", ", blocked)
                  + " cannot be reached from "
                  + subnet.subnetId()
                  + ": connections that DNS sends there hang",
              Explanation.ENDPOINT_PARTLY_BLOCKED));
      for (String s : blocked) {
        for (Hop h : legs.get(s)) {
          if (h.status() == Hop.Status.BLOCKED) hops.add(h.as(Hop.Status.RISK));
        }
      }
    }

    // One endpoint interface: the local route to it, and the ACLs of both subnets when they differ.
    private List<Hop> leg(String endpointSubnet, Addresses target) {
      List<Hop> leg = new ArrayList<>();
      Optional<RouteTable> table = view.routeTableFor(subnet.subnetId());
      if (table.isPresent()) {
        Route r = route(table.get(), target).route();
        if (r == null) {
          leg.add(
              Hop.blocked(
                  "route table",
                  table.get().routeTableId(),
                  "no route covers " + target.label(),
                  Explanation.NO_ROUTE));
          return leg;
        }
        if (!"local".equals(r.gatewayId())) {
          leg.add(
              Hop.notEvaluated(
                  "route table",
                  table.get().routeTableId(),
                  r.destination()
                      + " -> "
                      + r.target()
                      + " overrides the local route to the endpoint: not evaluated",
                  Explanation.LEAVES_VPC));
          return leg;
        }
      }
      if (endpointSubnet.equals(subnet.subnetId())) return leg;
      Addresses tasks = Addresses.of(subnetCidr);
      nacl(
          leg,
          subnet.subnetId(),
          true,
          target,
          Ports.single(destination.port()),
          Explanation.NACL_DENY_OUTBOUND,
          "to the endpoint");
      nacl(
          leg,
          endpointSubnet,
          false,
          tasks,
          Ports.single(destination.port()),
          Explanation.NACL_DENY_INBOUND,
          "into the endpoint's subnet");
      nacl(
          leg,
          endpointSubnet,
          true,
          tasks,
          Ports.EPHEMERAL,
          Explanation.NACL_DENY_RETURN,
          "return traffic from the endpoint");
      nacl(
          leg,
          subnet.subnetId(),
          false,
          target,
          Ports.EPHEMERAL,
          Explanation.NACL_DENY_RETURN,
          "return traffic from the endpoint");
      return leg;
    }

    private Addresses endpointAddress(VpcEndpoint e, String endpointSubnet) {
      for (String eniId : e.networkInterfaceIds()) {
        NetworkInterface eni = interfacesById.get(eniId);
        if (eni != null
            && endpointSubnet.equals(eni.subnetId())
            && eni.privateIpAddress() != null) {
          Optional<Cidr> ip = Cidr.tryParse(eni.privateIpAddress());
          if (ip.isPresent()) return Addresses.of(ip.get());
        }
      }
      return view.subnet(endpointSubnet)
          .flatMap(s -> Cidr.tryParse(s.cidrBlock()))
          .map(Addresses::of)
          .orElse(Addresses.publicInternet(endpointSubnet));
    }

    private void endpointIngress(VpcEndpoint e, List<String> endpointGroups) {
      Map<String, String> facts =
          Map.of(
              "endpointGroups",
              String.join(",", endpointGroups),
              "sourceGroups",
              String.join(",", source.securityGroups()),
              "sourceCidr",
              subnetCidr.toString());
      if (endpointGroups.isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "VPC endpoint",
                e.vpcEndpointId(),
                "lists no security groups",
                Explanation.NOT_IN_SNAPSHOT));
        return;
      }
      SecurityGroupRules.Decision d =
          SecurityGroupRules.ingress(
              endpointGroups,
              groups,
              Addresses.of(subnetCidr),
              destination.port(),
              securityGroups ? Set.copyOf(source.securityGroups()) : Set.of());
      String ids = String.join(", ", endpointGroups);
      if (d.match() == Match.FULL) {
        hops.add(Hop.ok("VPC endpoint", e.vpcEndpointId(), "ingress: " + d.rule()));
      } else if (!d.missing().isEmpty()) {
        hops.add(
            Hop.notEvaluated(
                "VPC endpoint",
                e.vpcEndpointId(),
                "security groups " + String.join(", ", d.missing()) + " are not in the snapshot",
                Explanation.NOT_IN_SNAPSHOT));
      } else if (d.match() == Match.PARTIAL) {
        hops.add(
            Hop.risk(
                    "VPC endpoint",
                    e.vpcEndpointId(),
                    "its security groups "
                        + ids
                        + " let in only part of "
                        + subnetCidr
                        + " on tcp/443: "
                        + d.rule(),
                    Explanation.ENDPOINT_SG_PARTIAL)
                .with(facts));
      } else {
        hops.add(
            Hop.blocked(
                    "VPC endpoint",
                    e.vpcEndpointId(),
                    "its security groups "
                        + ids
                        + " allow no tcp/443 from "
                        + subnetCidr
                        + (securityGroups ? " or the task's groups" : ""),
                    Explanation.ENDPOINT_SG_NO_INGRESS)
                .with(facts));
      }
    }
  }

  private static boolean isOutsideVpc(Route r) {
    String t = r.target();
    return r.transitGatewayId() != null
        || r.vpcPeeringConnectionId() != null
        || t.startsWith("vgw-")
        || r.networkInterfaceId() != null
        || r.instanceId() != null
        || r.localGatewayId() != null
        || r.carrierGatewayId() != null
        || r.coreNetworkArn() != null;
  }

  private static String kind(Route r) {
    if (r.transitGatewayId() != null) return "transit gateway";
    if (r.vpcPeeringConnectionId() != null) return "peering connection";
    if (r.target().startsWith("vgw-")) return "virtual private gateway";
    if (r.networkInterfaceId() != null || r.instanceId() != null) return "network appliance";
    if (r.localGatewayId() != null) return "local gateway";
    if (r.carrierGatewayId() != null) return "carrier gateway";
    if (r.coreNetworkArn() != null) return "core network";
    return "gateway";
  }
}
