package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small VPC to break in one way per test: 10.0.0.0/16 in us-east-1 with an attached internet
 * gateway, public subnets pub-a/pub-b (main table, default route to the internet gateway), private
 * subnets a/b each routed to the NAT gateway of its AZ (nat-a, nat-b), the default network ACL
 * (allow all, both ways) on every subnet, and a task security group sg-task that may go anywhere.
 */
final class Networks {
  static final String REGION = "us-east-1";
  static final String VPC = "vpc-1";

  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, RouteTable> tables = new LinkedHashMap<>();
  final Map<String, NatGateway> nats = new LinkedHashMap<>();
  final Map<String, NetworkAcl> acls = new LinkedHashMap<>();
  final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  final List<VpcEndpoint> endpoints = new ArrayList<>();
  final List<PrefixList> prefixLists = new ArrayList<>();
  final List<NetworkInterface> interfaces = new ArrayList<>();
  InternetGateway igw =
      new InternetGateway("igw-1", List.of(new InternetGateway.Attachment(VPC, "available")), null);

  Networks() {
    subnet("subnet-pub-a", "10.0.101.0/24", "us-east-1a");
    subnet("subnet-pub-b", "10.0.102.0/24", "us-east-1b");
    subnet("subnet-a", "10.0.1.0/24", "us-east-1a");
    subnet("subnet-b", "10.0.2.0/24", "us-east-1b");
    nat("nat-a", "subnet-pub-a", "available", "public");
    nat("nat-b", "subnet-pub-b", "available", "public");
    tables.put(
        "rtb-public",
        new RouteTable(
            "rtb-public",
            VPC,
            List.of(local(), cidr("0.0.0.0/0", "igw-1")),
            List.of(new RouteTable.Association("rtbassoc-main", "rtb-public", null, null, true)),
            null));
    table("rtb-a", "subnet-a", cidr("0.0.0.0/0", "nat-a"));
    table("rtb-b", "subnet-b", cidr("0.0.0.0/0", "nat-b"));
    acl(
        "acl-default",
        true,
        List.of(allowAll(false), allowAll(true)),
        "subnet-pub-a",
        "subnet-pub-b",
        "subnet-a",
        "subnet-b");
    group("sg-task", List.of(), List.of(egress("-1", null, null, "0.0.0.0/0")));
  }

  // ----- building blocks -----

  Networks subnet(String id, String cidr, String az) {
    subnets.put(id, new Subnet(id, VPC, az, null, cidr, 200, false, null));
    return this;
  }

  Networks nat(String id, String subnet, String state, String connectivity) {
    nats.put(id, new NatGateway(id, subnet, VPC, state, connectivity, null, null, null, null));
    return this;
  }

  Networks table(String id, String subnet, Route... routes) {
    List<Route> all = new ArrayList<>();
    all.add(local());
    all.addAll(List.of(routes));
    tables.put(
        id,
        new RouteTable(
            id,
            VPC,
            all,
            subnet == null
                ? List.of()
                : List.of(new RouteTable.Association("rtbassoc-" + id, id, subnet, null, false)),
            null));
    return this;
  }

  /** Replaces a table's routes (the local route stays). */
  Networks routes(String table, Route... routes) {
    RouteTable t = tables.get(table);
    List<Route> all = new ArrayList<>();
    all.add(local());
    all.addAll(List.of(routes));
    tables.put(table, new RouteTable(t.routeTableId(), t.vpcId(), all, t.associations(), null));
    return this;
  }

  /** Drops a subnet's explicit association, so the VPC's main table routes it. */
  Networks unassociate(String table) {
    RouteTable t = tables.get(table);
    tables.put(table, new RouteTable(t.routeTableId(), t.vpcId(), t.routes(), List.of(), null));
    return this;
  }

  static Route local() {
    return Route.local("10.0.0.0/16");
  }

  /** A route to a target by id: nat-, igw-, vpce-, tgw-, pcx-, eni-... */
  static Route cidr(String destination, String target) {
    return route(destination, null, target, "active");
  }

  static Route route(String destination, String prefixList, String target, String state) {
    return Route.of(prefixList != null ? prefixList : destination, target, state, "CreateRoute");
  }

  Networks acl(String id, boolean isDefault, List<NetworkAcl.Entry> entries, String... subnetIds) {
    List<NetworkAcl.Association> assoc = new ArrayList<>();
    for (String s : subnetIds) {
      // a subnet has one ACL: move it
      acls.replaceAll(
          (k, a) ->
              new NetworkAcl(
                  a.networkAclId(),
                  a.vpcId(),
                  a.isDefault(),
                  a.entries(),
                  a.associations().stream().filter(x -> !s.equals(x.subnetId())).toList(),
                  null));
      assoc.add(new NetworkAcl.Association("aclassoc-" + id + "-" + s, id, s));
    }
    acls.put(id, new NetworkAcl(id, VPC, isDefault, entries, assoc, null));
    return this;
  }

  static NetworkAcl.Entry allowAll(boolean egress) {
    return new NetworkAcl.Entry(100, "-1", "allow", egress, "0.0.0.0/0", null, null);
  }

  static NetworkAcl.Entry entry(
      int number, String action, boolean egress, String cidr, Integer from, Integer to) {
    return new NetworkAcl.Entry(
        number,
        from == null ? "-1" : "6",
        action,
        egress,
        cidr,
        null,
        from == null ? null : new NetworkAcl.PortRange(from, to));
  }

  Networks group(
      String id, List<SecurityGroup.Permission> ingress, List<SecurityGroup.Permission> egress) {
    groups.put(id, new SecurityGroup(id, id, VPC, id, ingress, egress, null));
    return this;
  }

  static SecurityGroup.Permission egress(String protocol, Integer from, Integer to, String cidr) {
    return new SecurityGroup.Permission(
        protocol, from, to, List.of(new SecurityGroup.IpRange(cidr, null)), null, null, null);
  }

  static SecurityGroup.Permission fromGroup(int port, String group) {
    return new SecurityGroup.Permission(
        "tcp",
        port,
        port,
        null,
        null,
        null,
        List.of(new SecurityGroup.UserIdGroupPair(group, null, null)));
  }

  static SecurityGroup.Permission toPrefixList(int port, String prefixList) {
    return new SecurityGroup.Permission(
        "tcp",
        port,
        port,
        null,
        null,
        List.of(new SecurityGroup.PrefixListId(prefixList, null)),
        null);
  }

  Networks interfaceEndpoint(
      String id, String service, boolean privateDns, List<String> groupIds, String... subnetIds) {
    endpoints.add(
        new VpcEndpoint(
            id,
            VPC,
            "com.amazonaws." + REGION + "." + service,
            "Interface",
            "available",
            List.of(subnetIds),
            null,
            privateDns,
            groupIds.stream().map(g -> new SecurityGroup.GroupIdentifier(g, g)).toList(),
            null));
    return this;
  }

  /** An S3 gateway endpoint on the given tables: each gets a prefix-list route to it. */
  Networks s3GatewayEndpoint(String id, String prefixList, String... tableIds) {
    endpoints.add(
        new VpcEndpoint(
            id,
            VPC,
            "com.amazonaws." + REGION + ".s3",
            "Gateway",
            "available",
            null,
            List.of(tableIds),
            null,
            null,
            null));
    for (String t : tableIds) {
      RouteTable table = tables.get(t);
      List<Route> routes = new ArrayList<>(table.routes());
      routes.add(route(null, prefixList, id, "active"));
      tables.put(
          t,
          new RouteTable(table.routeTableId(), table.vpcId(), routes, table.associations(), null));
    }
    return this;
  }

  Networks prefixList(String id, String name, String... cidrs) {
    prefixLists.add(new PrefixList(id, name, List.of(cidrs)));
    return this;
  }

  Networks networkInterface(String id, String subnet, String ip, String... groupIds) {
    interfaces.add(
        new NetworkInterface(
            id,
            subnet,
            VPC,
            subnets.get(subnet).availabilityZone(),
            "",
            "interface",
            null,
            false,
            "in-use",
            ip,
            null,
            null,
            List.of(groupIds).stream().map(g -> new SecurityGroup.GroupIdentifier(g, g)).toList(),
            null));
    return this;
  }

  Networks detachInternetGateway() {
    igw = new InternetGateway("igw-1", List.of(), null);
    return this;
  }

  // ----- results -----

  Snapshot snapshot() {
    Ec2Data ec2 =
        new Ec2Data(
            List.of(new Vpc(VPC, "10.0.0.0/16", null, false, null)),
            List.copyOf(subnets.values()),
            List.copyOf(tables.values()),
            List.copyOf(nats.values()),
            List.of(igw),
            endpoints,
            List.copyOf(acls.values()),
            List.copyOf(groups.values()),
            interfaces,
            null,
            prefixLists);
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor", "test", null, "test", "123456789012", null, List.of(REGION), null),
        List.of(new RegionSnapshot(REGION, ec2, null, null)),
        null,
        null);
  }

  Reachability engine() {
    Snapshot s = snapshot();
    return Reachability.of(new RegionView(s, s.regions().get(0)));
  }

  PathResult path(String subnet, boolean publicIp, Destination to) {
    return engine().evaluate(new TaskNetwork(subnet, List.of("sg-task"), publicIp), to);
  }

  PathResult path(String subnet, Destination to) {
    return path(subnet, false, to);
  }
}
