package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeNatGateways entry. The AZ is not in the API: join SubnetId with the subnet. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record NatGateway(
    String natGatewayId,
    String subnetId,
    String vpcId,
    String state,
    String connectivityType,
    List<Address> natGatewayAddresses,
    String failureCode,
    String failureMessage,
    List<Tag> tags) {
  public NatGateway {
    natGatewayAddresses = Lists.of(natGatewayAddresses);
    tags = Lists.of(tags);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Address(
      String allocationId, String networkInterfaceId, String privateIp, String publicIp) {}

  public boolean isAvailable() {
    return "available".equals(state);
  }

  public boolean isPublic() {
    return connectivityType == null || "public".equals(connectivityType);
  }
}
