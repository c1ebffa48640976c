package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeNetworkAcls entry. Entries are evaluated by rule number, lowest first, per direction. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record NetworkAcl(
    String networkAclId,
    String vpcId,
    Boolean isDefault,
    List<Entry> entries,
    List<Association> associations,
    List<Tag> tags) {
  public NetworkAcl {
    entries = Lists.of(entries);
    associations = Lists.of(associations);
    tags = Lists.of(tags);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Entry(
      Integer ruleNumber,
      String protocol,
      String ruleAction,
      Boolean egress,
      String cidrBlock,
      String ipv6CidrBlock,
      PortRange portRange) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record PortRange(Integer from, Integer to) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Association(String networkAclAssociationId, String networkAclId, String subnetId) {}
}
