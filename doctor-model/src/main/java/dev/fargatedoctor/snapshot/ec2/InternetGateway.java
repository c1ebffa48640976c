package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeInternetGateways entry. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record InternetGateway(
    String internetGatewayId, List<Attachment> attachments, List<Tag> tags) {
  public InternetGateway {
    attachments = Lists.of(attachments);
    tags = Lists.of(tags);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Attachment(String vpcId, String state) {}
}
