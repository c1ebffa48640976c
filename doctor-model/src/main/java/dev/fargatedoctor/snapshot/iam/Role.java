package dev.fargatedoctor.snapshot.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * An IAM role referenced by a task definition. Policy documents are stored decoded (IAM sends them
 * URL-encoded); a document that is not valid JSON is kept as a JSON string so a check can say so.
 * The permissions boundary's document is there when it could be read (it is a managed policy).
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Role(
    String roleName,
    String arn,
    String roleId,
    String path,
    JsonNode assumeRolePolicyDocument,
    String permissionsBoundaryArn,
    List<AttachedPolicy> attachedPolicies,
    List<InlinePolicy> inlinePolicies,
    JsonNode permissionsBoundaryDocument) {
  public Role {
    attachedPolicies = Lists.of(attachedPolicies);
    inlinePolicies = Lists.of(inlinePolicies);
  }

  /** A role whose permissions boundary, if it has one, was not read. */
  public Role(
      String roleName,
      String arn,
      String roleId,
      String path,
      JsonNode assumeRolePolicyDocument,
      String permissionsBoundaryArn,
      List<AttachedPolicy> attachedPolicies,
      List<InlinePolicy> inlinePolicies) {
    this(
        roleName,
        arn,
        roleId,
        path,
        assumeRolePolicyDocument,
        permissionsBoundaryArn,
        attachedPolicies,
        inlinePolicies,
        null);
  }

  /**
   * A managed policy attached to the role, with its default version's document when it was
   * readable.
   */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record AttachedPolicy(
      String policyName, String policyArn, String defaultVersionId, JsonNode document) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record InlinePolicy(String policyName, JsonNode document) {}
}
