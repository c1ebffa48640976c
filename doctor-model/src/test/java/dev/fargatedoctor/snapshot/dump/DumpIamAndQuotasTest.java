package dev.fargatedoctor.snapshot.dump;

import static dev.fargatedoctor.snapshot.dump.DumpDirs.IMPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.iam.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM and Service Quotas dumps: documents as IAM's API sends them, policy versions, and which quota
 * wins.
 */
class DumpIamAndQuotasTest {

  /**
   * {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},
   * "Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:ecs:us-east-1:123456789012:*"}}}]}
   */
  private static final String ENCODED_TRUST =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B"
          + "%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ecs-tasks.amazonaws.com%22%7D%2C"
          + "%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Condition%22%3A%7B%22StringLike%22%3A%7B%22aws%3ASourceArn"
          + "%22%3A%22arn%3Aaws%3Aecs%3Aus-east-1%3A123456789012%3A%2A%22%7D%7D%7D%5D%7D";

  /**
   * {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
   * "Condition":{"StringEquals":{"s3:prefix":"orders+returns"}}}]}
   */
  private static final String ENCODED_INLINE =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B"
          + "%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%2C"
          + "%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22s3%3Aprefix%22%3A%22orders%2Breturns%22%7D%7D%7D%5D%7D";

  @TempDir Path dir;

  @Test
  void urlEncodedDocumentsInTheAuthorizationDetailsAreDecoded() {
    // The CLI decodes documents; the raw API response (and SDK output saved as JSON) keeps them
    // encoded.
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-account-authorization-details.json",
                """
        {"RoleDetailList": [{
           "RoleName": "shop-task", "Arn": "arn:aws:iam::123456789012:role/shop-task", "RoleId": "AROA1", "Path": "/",
           "AssumeRolePolicyDocument": "%s",
           "RolePolicyList": [{"PolicyName": "read-orders", "PolicyDocument": "%s"}],
           "AttachedManagedPolicies": [{"PolicyName": "pull", "PolicyArn": "arn:aws:iam::123456789012:policy/pull"}]}],
         "Policies": [{"PolicyName": "pull", "Arn": "arn:aws:iam::123456789012:policy/pull", "DefaultVersionId": "v1",
           "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
             "Document": "%%7B%%22Statement%%22%%3A%%5B%%7B%%22Action%%22%%3A%%22ecr%%3ABatchGetImage%%22%%7D%%5D%%7D"}]}]}
        """
                    .formatted(ENCODED_TRUST, ENCODED_INLINE))
            .getParent();

    Role role = importIam(d).iam().role("shop-task").orElseThrow();

    assertThat(
            role.assumeRolePolicyDocument()
                .at("/Statement/0/Condition/StringLike/aws:SourceArn")
                .asText())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:*");
    assertThat(
            role.inlinePolicies()
                .get(0)
                .document()
                .at("/Statement/0/Condition/StringEquals/s3:prefix")
                .asText())
        .isEqualTo("orders+returns");
    assertThat(role.attachedPolicies().get(0).document().at("/Statement/0/Action").asText())
        .isEqualTo("ecr:BatchGetImage");
  }

  @Test
  void theDefaultVersionOfAManagedPolicyIsTheOneKept() {
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-account-authorization-details.json",
                """
        {"RoleDetailList": [{"RoleName": "exec", "Arn": "arn:aws:iam::123456789012:role/exec",
           "AttachedManagedPolicies": [
             {"PolicyName": "flagged", "PolicyArn": "arn:aws:iam::123456789012:policy/flagged"},
             {"PolicyName": "by-id", "PolicyArn": "arn:aws:iam::123456789012:policy/by-id"}]}],
         "Policies": [
           {"PolicyName": "flagged", "Arn": "arn:aws:iam::123456789012:policy/flagged", "DefaultVersionId": "v2",
            "PolicyVersionList": [
              {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Sid": "old"}},
              {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Sid": "current"}}]},
           {"PolicyName": "by-id", "Arn": "arn:aws:iam::123456789012:policy/by-id", "DefaultVersionId": "v3",
            "PolicyVersionList": [
              {"VersionId": "v1", "Document": {"Sid": "old"}},
              {"VersionId": "v3", "Document": {"Sid": "current"}}]}]}
        """)
            .getParent();

    Role role = importIam(d).iam().role("exec").orElseThrow();

    assertThat(role.attachedPolicies())
        .extracting(
            p ->
                p.policyName()
                    + " "
                    + p.defaultVersionId()
                    + " "
                    + p.document().get("Sid").asText())
        .containsExactly("flagged v2 current", "by-id v3 current");
  }

  @Test
  void anAttachedPolicyMissingFromThePoliciesIsKeptWithoutItsDocument() {
    // --filter Role LocalManagedPolicy: AWS managed policies are attached but not listed.
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-account-authorization-details.json",
                """
        {"RoleDetailList": [{"RoleName": "exec", "Arn": "arn:aws:iam::123456789012:role/exec",
           "AttachedManagedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy",
             "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}]}],
         "Policies": []}
        """)
            .getParent();

    Role.AttachedPolicy p = importIam(d).iam().role("exec").orElseThrow().attachedPolicies().get(0);

    assertThat(p)
        .isEqualTo(
            new Role.AttachedPolicy(
                "AmazonECSTaskExecutionRolePolicy",
                "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                null,
                null));
  }

  @Test
  void aPermissionsBoundaryIsReadFromTheAuthorizationDetails() {
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-account-authorization-details.json",
                """
        {"RoleDetailList": [{"RoleName": "bounded", "Arn": "arn:aws:iam::123456789012:role/bounded",
           "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
             "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/boundary"}}]}
        """)
            .getParent();

    assertThat(importIam(d).iam().role("bounded").orElseThrow().permissionsBoundaryArn())
        .isEqualTo("arn:aws:iam::123456789012:policy/boundary");
    assertThat(importIam(d).iam().role("bounded").orElseThrow().permissionsBoundaryDocument())
        .isNull();
  }

  @Test
  void theBoundarysDocumentComesFromThePoliciesOfTheSameDump() {
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-account-authorization-details.json",
                """
        {"RoleDetailList": [{"RoleName": "bounded", "Arn": "arn:aws:iam::123456789012:role/bounded",
           "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
             "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/boundary"}}],
         "Policies": [{"PolicyName": "boundary", "Arn": "arn:aws:iam::123456789012:policy/boundary",
           "DefaultVersionId": "v2", "PolicyVersionList": [
             {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Statement": []}},
             {"VersionId": "v2", "IsDefaultVersion": true,
              "Document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22logs%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}]}]}
        """)
            .getParent();

    assertThat(
            importIam(d)
                .iam()
                .role("bounded")
                .orElseThrow()
                .permissionsBoundaryDocument()
                .at("/Statement/0/Action")
                .asText())
        .isEqualTo("logs:*");
  }

  @Test
  void aPermissionsBoundaryIsReadFromAGetRoleDump() {
    // As `aws iam get-role --role-name bounded --output json` prints it (moto).
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-role.bounded.json",
                """
        {
            "Role": {
                "Path": "/",
                "RoleName": "bounded",
                "RoleId": "AROARZPUZDIKGQ5DJ4U6N",
                "Arn": "arn:aws:iam::123456789012:role/bounded",
                "CreateDate": "2026-11-26T06:02:53.942530Z",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                   "Action": "sts:AssumeRole"}]
                },
                "MaxSessionDuration": 3600,
                "PermissionsBoundary": {
                    "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                    "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/shop-pull-and-log"
                },
                "RoleLastUsed": {}
            }
        }
        """)
            .getParent();

    Role role = importIam(d).iam().role("bounded").orElseThrow();

    assertThat(role.permissionsBoundaryArn())
        .isEqualTo("arn:aws:iam::123456789012:policy/shop-pull-and-log");
    assertThat(role.assumeRolePolicyDocument().at("/Statement/0/Principal/Service").asText())
        .isEqualTo("ecs-tasks.amazonaws.com");
  }

  @Test
  void aUrlEncodedTrustPolicyInAGetRoleDumpIsDecoded() {
    Path d =
        DumpDirs.write(
                dir,
                "iam-get-role.shop-task.json",
                """
        {"Role": {"RoleName": "shop-task", "Arn": "arn:aws:iam::123456789012:role/shop-task",
                  "AssumeRolePolicyDocument": "%s"}}
        """
                    .formatted(ENCODED_TRUST))
            .getParent();

    assertThat(
            importIam(d)
                .iam()
                .role("shop-task")
                .orElseThrow()
                .assumeRolePolicyDocument()
                .at("/Statement/0/Action")
                .asText())
        .isEqualTo("sts:AssumeRole");
  }

  @Test
  void theAuthorizationDetailsWinOverAGetRoleDumpOfTheSameRole() {
    Path d =
        DumpDirs.copy(
            "single-region", dir.resolve("both"), "iam-get-account-authorization-details.json");
    DumpDirs.copy("labelled", d, "iam-get-role.shop-task.json");
    DumpDirs.write(
        d,
        "iam-get-role.other.json",
        """
        {"Role": {"RoleName": "other", "Arn": "arn:aws:iam::123456789012:role/other"}}
        """);

    Snapshot s = importIam(d);

    assertThat(s.iam().roles())
        .extracting(Role::roleName)
        .containsExactly("shop-task", "ecsTaskExecutionRole", "other");
    assertThat(s.iam().role("shop-task").orElseThrow().inlinePolicies()).hasSize(1);
  }

  @Test
  void anAppliedQuotaWinsOverTheAwsDefault() {
    Path d = dir.resolve("quotas");
    DumpDirs.write(
        d,
        "service-quotas-list-aws-default-service-quotas.fargate.json",
        """
        {"Quotas": [
          {"ServiceCode": "fargate", "QuotaCode": "L-3032A538", "QuotaName": "Fargate On-Demand vCPU resource count",
           "Value": 6.0},
          {"ServiceCode": "fargate", "QuotaCode": "L-36FBB829", "QuotaName": "Fargate Spot vCPU resource count",
           "Value": 6.0}]}
        """);
    DumpDirs.write(
        d,
        "service-quotas-list-service-quotas.fargate.json",
        """
        {"Quotas": [
          {"ServiceCode": "fargate", "QuotaCode": "L-3032A538", "QuotaName": "Fargate On-Demand vCPU resource count",
           "Value": 256.0, "Adjustable": true}]}
        """);

    assertThat(importQuotas(d))
        .containsExactly(
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                256.0,
                ServiceQuota.SOURCE_APPLIED),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_SPOT_VCPU_CODE,
                ServiceQuota.FARGATE_SPOT_VCPU_NAME,
                6.0,
                ServiceQuota.SOURCE_AWS_DEFAULT));
  }

  @Test
  void getServiceQuotaWinsOverBothLists() {
    Path d = dir.resolve("quotas");
    DumpDirs.write(
        d,
        "service-quotas-list-aws-default-service-quotas.json",
        """
        {"Quotas": [{"ServiceCode": "vpc", "QuotaCode": "L-DF5E4CA3", "QuotaName": "Network interfaces per Region",
                     "Value": 5000.0}]}
        """);
    DumpDirs.write(
        d,
        "service-quotas-list-service-quotas.json",
        """
        {"Quotas": [{"ServiceCode": "vpc", "QuotaCode": "L-DF5E4CA3", "QuotaName": "Network interfaces per Region",
                     "Value": 6000.0}]}
        """);
    DumpDirs.write(
        d,
        "service-quotas-get-service-quota.eni.json",
        """
        {"Quota": {"ServiceCode": "vpc", "QuotaCode": "L-DF5E4CA3", "QuotaName": "Network interfaces per Region",
                   "Value": 8000.0}}
        """);
    DumpDirs.write(
        d,
        "service-quotas-get-service-quota.vpcs.json",
        """
        {"Quota": {"ServiceCode": "vpc", "QuotaCode": "L-F678F1CE", "QuotaName": "VPCs per Region", "Value": 20.0}}
        """);

    assertThat(importQuotas(d))
        .extracting(q -> q.quotaCode() + " " + q.value() + " " + q.source())
        .containsExactly("L-DF5E4CA3 8000.0 applied", "L-F678F1CE 20.0 applied");
  }

  @Test
  void theSameQuotaCodeOfTwoServicesIsTwoQuotas() {
    Path d = dir.resolve("quotas");
    DumpDirs.write(
        d,
        "service-quotas-list-aws-default-service-quotas.json",
        """
        {"Quotas": [{"ServiceCode": "vpc", "QuotaCode": "L-1", "Value": 1.0},
                    {"ServiceCode": "ecs", "QuotaCode": "L-1", "Value": 2.0}]}
        """);

    assertThat(importQuotas(d)).extracting(ServiceQuota::serviceCode).containsExactly("vpc", "ecs");
  }

  private static Snapshot importIam(Path d) {
    return IMPORTER.importDirectory(d, "us-east-1");
  }

  private static java.util.List<ServiceQuota> importQuotas(Path d) {
    return IMPORTER.importDirectory(d, "us-east-1").regions().get(0).quotas();
  }
}
