package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * DescribePrefixLists entry: an AWS-managed prefix list (S3, DynamoDB) with its CIDRs. Gateway VPC
 * endpoints add routes whose destination is such a list, so matching an IP address against those
 * routes needs the CIDRs; some sources (emulators, older dumps) give only the id and name.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PrefixList(String prefixListId, String prefixListName, List<String> cidrs) {
  public PrefixList {
    cidrs = Lists.of(cidrs);
  }
}
