package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeVpcEndpoints entry (interface and gateway endpoints). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record VpcEndpoint(
    String vpcEndpointId,
    String vpcId,
    String serviceName,
    String vpcEndpointType,
    String state,
    List<String> subnetIds,
    List<String> routeTableIds,
    Boolean privateDnsEnabled,
    List<SecurityGroup.GroupIdentifier> groups,
    List<String> networkInterfaceIds) {
  public VpcEndpoint {
    subnetIds = Lists.of(subnetIds);
    routeTableIds = Lists.of(routeTableIds);
    groups = Lists.of(groups);
    networkInterfaceIds = Lists.of(networkInterfaceIds);
  }
}
