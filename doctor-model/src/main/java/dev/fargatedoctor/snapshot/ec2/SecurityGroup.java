package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeSecurityGroups entry. Rules keep EC2's shape so the aws-CLI dump maps one to one. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record SecurityGroup(
    String groupId,
    String groupName,
    String vpcId,
    String description,
    List<Permission> ipPermissions,
    List<Permission> ipPermissionsEgress,
    List<Tag> tags) {
  public SecurityGroup {
    ipPermissions = Lists.of(ipPermissions);
    ipPermissionsEgress = Lists.of(ipPermissionsEgress);
    tags = Lists.of(tags);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Permission(
      String ipProtocol,
      Integer fromPort,
      Integer toPort,
      List<IpRange> ipRanges,
      List<Ipv6Range> ipv6Ranges,
      List<PrefixListId> prefixListIds,
      List<UserIdGroupPair> userIdGroupPairs) {
    public Permission {
      ipRanges = Lists.of(ipRanges);
      ipv6Ranges = Lists.of(ipv6Ranges);
      prefixListIds = Lists.of(prefixListIds);
      userIdGroupPairs = Lists.of(userIdGroupPairs);
    }
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record IpRange(String cidrIp, String description) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Ipv6Range(String cidrIpv6, String description) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record PrefixListId(String prefixListId, String description) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record UserIdGroupPair(String groupId, String userId, String description) {}

  /** How an ENI or endpoint names its groups. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record GroupIdentifier(String groupId, String groupName) {}
}
