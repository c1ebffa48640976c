package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One route of a route table, with every target kind EC2 can report. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Route(
    String destinationCidrBlock,
    String destinationIpv6CidrBlock,
    String destinationPrefixListId,
    String gatewayId,
    String natGatewayId,
    String transitGatewayId,
    String vpcPeeringConnectionId,
    String networkInterfaceId,
    String instanceId,
    String egressOnlyInternetGatewayId,
    String localGatewayId,
    String carrierGatewayId,
    String coreNetworkArn,
    String state,
    String origin) {

  /**
   * An active route a route table was created with or given: a destination (an IPv4 or IPv6 CIDR,
   * or a prefix list id {@code pl-...}) to one target, named by its id and put in the field EC2
   * reports that kind of target in ({@code local}, {@code igw-}, {@code vgw-}, gateway endpoints'
   * {@code vpce-}, {@code nat-}, {@code tgw-}, {@code pcx-}, {@code eni-}, {@code i-}, {@code
   * eigw-}, {@code lgw-}, {@code cagw-}, or a Cloud WAN core network ARN).
   *
   * @param origin CreateRouteTable (the local route), CreateRoute or EnableVgwRoutePropagation
   */
  public static Route of(String destination, String target, String origin) {
    return of(destination, target, "active", origin);
  }

  /** The same, in a given state ({@code active} or {@code blackhole}). */
  public static Route of(String destination, String target, String state, String origin) {
    boolean list = destination.startsWith("pl-");
    boolean v6 = !list && destination.contains(":");
    return new Route(
        list || v6 ? null : destination,
        v6 ? destination : null,
        list ? destination : null,
        kind(target, "local", "igw-", "vgw-", "vpce-"),
        kind(target, "nat-"),
        kind(target, "tgw-"),
        kind(target, "pcx-"),
        kind(target, "eni-"),
        kind(target, "i-"),
        kind(target, "eigw-"),
        kind(target, "lgw-"),
        kind(target, "cagw-"),
        kind(target, "arn:aws:networkmanager:"),
        state,
        origin);
  }

  /** The VPC's own route to its CIDR, which every route table has. */
  public static Route local(String vpcCidr) {
    return of(vpcCidr, "local", "CreateRouteTable");
  }

  private static final String[] KINDS = {
    "local",
    "igw-",
    "vgw-",
    "vpce-",
    "nat-",
    "tgw-",
    "pcx-",
    "eni-",
    "i-",
    "eigw-",
    "lgw-",
    "cagw-",
    "arn:aws:networkmanager:"
  };

  private static String kind(String target, String... prefixes) {
    if (java.util.Arrays.stream(KINDS).noneMatch(target::startsWith))
      throw new IllegalArgumentException("not a route target id: " + target);
    for (String p : prefixes) if (target.startsWith(p)) return target;
    return null;
  }

  public boolean isBlackhole() {
    return "blackhole".equals(state);
  }

  /** The id of whatever the route sends traffic to, for evidence and display. */
  public String target() {
    for (String t :
        new String[] {
          natGatewayId,
          gatewayId,
          transitGatewayId,
          vpcPeeringConnectionId,
          networkInterfaceId,
          instanceId,
          egressOnlyInternetGatewayId,
          localGatewayId,
          carrierGatewayId,
          coreNetworkArn
        }) {
      if (t != null && !t.isEmpty()) return t;
    }
    return "-";
  }

  public String destination() {
    if (destinationCidrBlock != null) return destinationCidrBlock;
    if (destinationIpv6CidrBlock != null) return destinationIpv6CidrBlock;
    return destinationPrefixListId == null ? "-" : destinationPrefixListId;
  }
}
