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
