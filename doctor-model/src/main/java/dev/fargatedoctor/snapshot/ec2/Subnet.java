package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * DescribeSubnets entry. AvailableIpAddressCount is what EC2 reports now, not a derived number: for
 * a subnet shared through AWS RAM it is the whole subnet's, whoever holds the addresses. OwnerId is
 * the account that owns the subnet; in a participant account of a shared VPC it is another one.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Subnet(
    String subnetId,
    String vpcId,
    String availabilityZone,
    String availabilityZoneId,
    String cidrBlock,
    Integer availableIpAddressCount,
    Boolean mapPublicIpOnLaunch,
    List<Tag> tags,
    String ownerId) {
  public Subnet {
    tags = Lists.of(tags);
  }

  /** A subnet whose owner is not known (a snapshot or dump from before owners were recorded). */
  public Subnet(
      String subnetId,
      String vpcId,
      String availabilityZone,
      String availabilityZoneId,
      String cidrBlock,
      Integer availableIpAddressCount,
      Boolean mapPublicIpOnLaunch,
      List<Tag> tags) {
    this(
        subnetId,
        vpcId,
        availabilityZone,
        availabilityZoneId,
        cidrBlock,
        availableIpAddressCount,
        mapPublicIpOnLaunch,
        tags,
        null);
  }

  /**
   * True when the subnet is known to belong to another account than {@code account}: shared with it
   * through AWS RAM.
   */
  public boolean ownedByAnother(String account) {
    return ownerId != null && account != null && !ownerId.equals(account);
  }
}
