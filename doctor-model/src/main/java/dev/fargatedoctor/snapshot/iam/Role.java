package dev.fargatedoctor.snapshot.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/**
 * An IAM role referenced by a task definition. Policy documents are stored decoded (IAM sends them
 * URL-encoded); a document that is not valid JSON is kept as a JSON string so a check can say so.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record Role(String roleName, String arn, String roleId, String path, JsonNode assumeRolePolicyDocument,
                   String permissionsBoundaryArn, List<AttachedPolicy> attachedPolicies,
                   List<InlinePolicy> inlinePolicies) {
  public Role {
    attachedPolicies = Lists.of(attachedPolicies);
    inlinePolicies = Lists.of(inlinePolicies);
  }

  /** A managed policy attached to the role, with its default version's document when it was readable. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record AttachedPolicy(String policyName, String policyArn, String defaultVersionId, JsonNode document) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record InlinePolicy(String policyName, JsonNode document) {}
}
