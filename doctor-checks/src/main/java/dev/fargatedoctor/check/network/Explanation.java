package dev.fargatedoctor.check.network;

/**
 * Why a hop blocks a path, puts it at risk, or could not be evaluated. The names follow VPC
 * Reachability Analyzer's explanation codes where one exists (NO_ROUTE for NO_ROUTE_TO_DESTINATION,
 * AZ_CROSSED for AVAILABILITY_ZONE_CROSSED...).
 */
public enum Explanation {
  NO_ROUTE("the route table has no route that covers the destination"),
  BLACKHOLE_ROUTE("the matching route is a blackhole: its target no longer exists"),
  NAT_NOT_AVAILABLE("the route's NAT gateway is not available (deleted, failed, pending, or gone)"),
  NAT_NO_IGW_ROUTE("the NAT gateway's own subnet has no route to an internet gateway"),
  NAT_PRIVATE("a private NAT gateway cannot reach the internet"),
  IGW_NOT_ATTACHED("the internet gateway is not attached to the VPC"),
  NO_PUBLIC_IP(
      "the route goes to an internet gateway but the task gets no public IP (assignPublicIp DISABLED)"),
  NACL_DENY_OUTBOUND("a network ACL denies the traffic leaving a subnet"),
  NACL_DENY_INBOUND("a network ACL denies the traffic entering a subnet"),
  NACL_DENY_RETURN("a network ACL denies the return traffic (ephemeral ports 1024-65535)"),
  NACL_PARTIAL(
      "a network ACL denies part of the traffic (some ports or addresses): some connections hang"),
  SG_NO_EGRESS("no egress rule of the task's security groups allows the traffic"),
  SG_PARTIAL_EGRESS("the task's security groups allow only part of the destination's addresses"),
  ENDPOINT_SG_NO_INGRESS("the VPC endpoint's security groups do not let the task in on 443"),
  ENDPOINT_SG_PARTIAL("the VPC endpoint's security groups let in only part of the task subnet"),
  ENDPOINT_NOT_AVAILABLE("the VPC endpoint is not available"),
  ENDPOINT_NO_PRIVATE_DNS(
      "the interface endpoint has private DNS off: the service's name still resolves to public "
          + "addresses"),
  ENDPOINT_PARTLY_BLOCKED(
      "DNS returns every endpoint network interface, and some of them cannot be reached"),
  DESTINATION_SG_NO_INGRESS("the destination's security groups do not allow the traffic in"),
  AZ_CROSSED(
      "the path crosses Availability Zones (cost, latency, and a dependency on the other AZ)"),
  LEAVES_VPC("the path leaves the VPC (transit gateway, peering, VPN, appliance): not evaluated"),
  PREFIX_LIST_NOT_EVALUATED(
      "a prefix-list route may cover the address, but the list's CIDRs are not in the snapshot"),
  NOT_IN_SNAPSHOT("a resource the path needs is not in the snapshot");

  private final String meaning;

  Explanation(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
