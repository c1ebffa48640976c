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
 *
 * @param unreadPolicies what of the role's policies could not even be listed, each with why (e.g.
 *     {@code inline policies: iam:ListRolePolicies denied}): the policies shown are then not all
 *     there are
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
    JsonNode permissionsBoundaryDocument,
    List<String> unreadPolicies) {
  public Role {
    attachedPolicies = Lists.of(attachedPolicies);
    inlinePolicies = Lists.of(inlinePolicies);
    unreadPolicies = Lists.of(unreadPolicies);
  }

  /** A role whose policies were all listed. */
  public Role(
      String roleName,
      String arn,
      String roleId,
      String path,
      JsonNode assumeRolePolicyDocument,
      String permissionsBoundaryArn,
      List<AttachedPolicy> attachedPolicies,
      List<InlinePolicy> inlinePolicies,
      JsonNode permissionsBoundaryDocument) {
    this(
        roleName,
        arn,
        roleId,
        path,
        assumeRolePolicyDocument,
        permissionsBoundaryArn,
        attachedPolicies,
        inlinePolicies,
        permissionsBoundaryDocument,
        null);
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
        null,
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
