package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * DescribeNetworkInterfaces entry. Description, RequesterId, RequesterManaged and the attachment
 * together say who owns an interface; InterfaceType alone does not (AWS labels many kinds
 * "interface").
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record NetworkInterface(
    String networkInterfaceId,
    String subnetId,
    String vpcId,
    String availabilityZone,
    String description,
    String interfaceType,
    String requesterId,
    Boolean requesterManaged,
    String status,
    String privateIpAddress,
    Attachment attachment,
    Association association,
    List<SecurityGroup.GroupIdentifier> groups,
    String ownerId) {
  public NetworkInterface {
    groups = Lists.of(groups);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Attachment(
      String attachmentId,
      String instanceId,
      String instanceOwnerId,
      String status,
      Integer deviceIndex) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Association(String publicIp, String ipOwnerId) {}

  public boolean isRequesterManaged() {
    return Boolean.TRUE.equals(requesterManaged);
  }
}
