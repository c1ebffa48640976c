package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the flow checks ask of the network engine about one recorded flow: which rule dropped a
 * rejected packet (a network ACL entry of the interface's subnet, or the interface's security
 * groups), where a subnet routes an address, and the fixes the network checks already print. The
 * engine's rules, applied to concrete addresses and ports instead of a configured path.
 */
public final class FlowRules {
  private FlowRules() {}

  /**
   * The rule that explains a rejected packet at an interface.
   *
   * @param component "network ACL" or "security group"
   * @param id the ACL or the interface's groups
   * @param rule the entry or the missing rule, as the console lists it
   * @param ports the port range the packet arrived on (for a fix)
   */
  public record Cause(
      String component, String id, String rule, boolean networkAcl, boolean egress, Ports ports) {}

  /**
   * Why the interface's subnet or groups drop a packet: the ACL entry that denies it in its
   * direction, else (for a request, never a reply: security groups are stateful) the security
   * groups that allow nothing of it. Empty when the snapshot's rules would let it through: the rule
   * has changed since, or the packet was dropped somewhere the snapshot does not show.
   *
   * @param inbound the packet was arriving at the interface
   * @param reply the packet was a reply (server to client)
   * @param localPorts the interface's port(s) on this flow
   * @param remotePorts the peer's port(s)
   */
  public static Optional<Cause> rejection(
      RegionView region,
      NetworkInterface eni,
      String subnetId,
      String remote,
      int protocol,
      Ports localPorts,
      Ports remotePorts,
      boolean inbound,
      boolean reply) {
    Reachability engine = Reachability.of(region);
    Optional<Cidr> peer = Cidr.tryParse(remote);
    if (peer.isEmpty()) return Optional.empty();
    Addresses addresses = Addresses.of(peer.get());
    Ports ports = inbound ? localPorts : remotePorts;
    Optional<NetworkAcl> acl = subnetId == null ? Optional.empty() : engine.networkAclFor(subnetId);
    if (acl.isPresent()) {
      NetworkAclRules.Decision d =
          NetworkAclRules.evaluate(acl.get(), !inbound, addresses, ports, protocol);
      if (d.outcome() != NetworkAclRules.Outcome.ALLOW && !d.denying().isEmpty()) {
        NetworkAcl.Entry e = d.denying().get(0);
        return Optional.of(
            new Cause(
                "network ACL",
                acl.get().networkAclId(),
                NetworkAclRules.describe(e),
                true,
                !inbound,
                ports));
      }
    }
    if (reply || eni == null || eni.groups().isEmpty()) return Optional.empty();
    List<String> ids = eni.groups().stream().map(SecurityGroup.GroupIdentifier::groupId).toList();
    SecurityGroupRules.Decision d =
        SecurityGroupRules.evaluate(
            ids,
            engine.securityGroups(),
            addresses,
            inbound ? localPorts.from() : remotePorts.from(),
            Set.of(),
            !inbound,
            protocol);
    if (d.match() == Match.FULL || !d.missing().isEmpty()) return Optional.empty();
    String proto = protocol == 6 ? "tcp/" : protocol == 17 ? "udp/" : "protocol " + protocol + " ";
    return Optional.of(
        new Cause(
            "security group",
            String.join(", ", ids),
            "no "
                + (inbound ? "inbound" : "outbound")
                + " rule of "
                + String.join(", ", ids)
                + " allows "
                + proto
                + (inbound ? localPorts : remotePorts)
                + (inbound ? " from " : " to ")
                + remote,
            false,
            !inbound,
            ports));
  }

  /** The fix of a cause: the ACL entries to remove or add, as the network checks print them. */
  public static void fix(
      FindingBuilder f, RegionView region, Cause cause, String subnetId, String remote) {
    if (!cause.networkAcl()) {
      f.note(
          "The security groups "
              + cause.id()
              + " allow none of this traffic: if it is wanted, add a rule for it;"
              + " if not, whatever sends it should stop.");
      return;
    }
    Hop hop =
        Hop.blocked("network ACL", cause.id(), cause.rule(), Explanation.NACL_DENY_RETURN)
            .with(
                Map.of(
                    "subnet",
                    subnetId,
                    "direction",
                    cause.egress() ? "outbound" : "inbound",
                    "ports",
                    cause.ports().toString(),
                    "peer",
                    remote.contains("/") ? remote : remote + "/32"));
    NetworkFixes.naclEntries(f, region, List.of(hop));
  }

  /** The route a subnet's table uses for an address, by longest prefix match. */
  public static Optional<Route> route(RegionView region, String subnetId, String address) {
    Optional<RouteTable> table = region.routeTableFor(subnetId);
    Optional<Cidr> ip = Cidr.tryParse(address);
    if (table.isEmpty() || ip.isEmpty()) return Optional.empty();
    return Reachability.of(region).route(table.get(), Addresses.of(ip.get())).chosen();
  }

  /** The route a subnet's table uses for a prefix list's addresses (a gateway endpoint's). */
  public static Optional<Route> routeToPrefixList(
      RegionView region, String subnetId, String prefixListId) {
    Optional<RouteTable> table = region.routeTableFor(subnetId);
    if (table.isEmpty()) return Optional.empty();
    Reachability engine = Reachability.of(region);
    Addresses to =
        region.data().ec2().prefixLists().stream()
            .filter(p -> p.prefixListId().equals(prefixListId))
            .findFirst()
            .map(
                p ->
                    Addresses.prefixList(
                        p.prefixListId(),
                        p.prefixListName(),
                        p.cidrs().stream().map(Cidr::tryParse).flatMap(Optional::stream).toList()))
            .orElse(Addresses.prefixList(prefixListId, null, List.of()));
    return engine.route(table.get(), to).chosen();
  }

  /** The route a subnet uses for the internet at large. */
  public static Optional<Route> routeToInternet(RegionView region, String subnetId) {
    Optional<RouteTable> table = region.routeTableFor(subnetId);
    if (table.isEmpty()) return Optional.empty();
    return Reachability.of(region)
        .route(table.get(), Addresses.publicInternet("the internet"))
        .chosen();
  }

  /** Points a subnet's default route at the NAT gateway of its own AZ (the route check's fix). */
  public static void routeToSameAzNat(FindingBuilder f, RegionView region, Subnet subnet) {
    region
        .routeTableFor(subnet.subnetId())
        .ifPresent(
            t -> {
              String destination =
                  routeToInternet(region, subnet.subnetId())
                      .map(Route::destination)
                      .orElse("0.0.0.0/0");
              NetworkFixes.routeToSameAzNat(f, region, subnet, t, destination, true);
            });
  }

  /** The NAT gateway of the subnet's AZ, if there is an available one. */
  public static Optional<NatGateway> sameAzNat(RegionView region, Subnet subnet) {
    return NetworkFixes.sameAzNat(region, subnet);
  }

  /**
   * An endpoint that carries a service's traffic instead of a NAT gateway: an S3 gateway endpoint
   * on the tables, else an interface endpoint with private DNS in the subnets.
   */
  public static void createEndpoint(
      FindingBuilder f,
      RegionView region,
      AwsService service,
      Subnet subnet,
      List<RouteTable> tables,
      List<String> subnets,
      List<String> taskGroups) {
    NetworkFixes.createEndpoint(f, region, service, subnet, tables, subnets, taskGroups);
  }

  /** An interface endpoint of the VPC for a service, available and with private DNS. */
  public static boolean hasPrivateEndpoint(RegionView region, String vpcId, AwsService service) {
    return Reachability.of(region)
        .interfaceEndpoint(vpcId, service)
        .map(
            e ->
                "available".equalsIgnoreCase(e.state())
                    && Boolean.TRUE.equals(e.privateDnsEnabled()))
        .orElse(false);
  }
}
