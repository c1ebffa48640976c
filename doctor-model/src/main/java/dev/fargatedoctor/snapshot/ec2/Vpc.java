package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * DescribeVpcs entry: only what the checks read, in EC2's own field names. OwnerId is the owning
 * account, another one than the scanned account when the VPC is shared with it.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Vpc(
    String vpcId,
    String cidrBlock,
    List<CidrBlockAssociation> cidrBlockAssociationSet,
    Boolean isDefault,
    List<Tag> tags,
    String ownerId) {
  public Vpc {
    cidrBlockAssociationSet = Lists.of(cidrBlockAssociationSet);
    tags = Lists.of(tags);
  }

  /** A VPC whose owner is not known (a snapshot or dump from before owners were recorded). */
  public Vpc(
      String vpcId,
      String cidrBlock,
      List<CidrBlockAssociation> cidrBlockAssociationSet,
      Boolean isDefault,
      List<Tag> tags) {
    this(vpcId, cidrBlock, cidrBlockAssociationSet, isDefault, tags, null);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record CidrBlockAssociation(String cidrBlock) {}

  /** Every IPv4 CIDR of the VPC: the primary block and any secondary associations. */
  public List<String> cidrBlocks() {
    var all = new java.util.LinkedHashSet<String>();
    if (cidrBlock != null) all.add(cidrBlock);
    cidrBlockAssociationSet.forEach(
        a -> {
          if (a.cidrBlock() != null) all.add(a.cidrBlock());
        });
    return List.copyOf(all);
  }
}
