package dev.fargatedoctor.snapshot.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The shapes of {@code aws iam get-account-authorization-details} that the importer reads. */
final class IamDumpRecords {
  private IamDumpRecords() {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record RoleDetail(
      String roleName,
      String arn,
      String roleId,
      String path,
      JsonNode assumeRolePolicyDocument,
      List<AttachedManagedPolicy> attachedManagedPolicies,
      List<RolePolicy> rolePolicyList,
      PermissionsBoundary permissionsBoundary) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record AttachedManagedPolicy(String policyName, String policyArn) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record RolePolicy(String policyName, JsonNode policyDocument) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record PermissionsBoundary(String permissionsBoundaryArn) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record ManagedPolicyDetail(
      String policyName,
      String arn,
      String defaultVersionId,
      List<PolicyVersion> policyVersionList) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record PolicyVersion(JsonNode document, String versionId, Boolean isDefaultVersion) {}
}
