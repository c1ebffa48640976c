package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeSubnets entry. AvailableIpAddressCount is what EC2 reports now, not a derived number. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Subnet(
    String subnetId,
    String vpcId,
    String availabilityZone,
    String availabilityZoneId,
    String cidrBlock,
    Integer availableIpAddressCount,
    Boolean mapPublicIpOnLaunch,
    List<Tag> tags) {
  public Subnet {
    tags = Lists.of(tags);
  }
}
