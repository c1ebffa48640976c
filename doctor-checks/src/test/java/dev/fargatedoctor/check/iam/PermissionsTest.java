package dev.fargatedoctor.check.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.iam.Permissions.Decision;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluating identity policies: wildcards, NotAction/NotResource, explicit Deny, conditions, what
 * is not visible.
 */
class PermissionsTest {
  private static JsonNode json(String text) {
    try {
      return SnapshotJson.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Role role(String boundary, String... statements) {
    return new Role(
        "r",
        "arn:aws:iam::123456789012:role/r",
        null,
        "/",
        null,
        boundary,
        List.of(),
        List.of(
            new Role.InlinePolicy(
                "p",
                json(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + String.join(",", statements)
                        + "]}"))));
  }

  private static Decision decide(Role role, String action, String resource) {
    return Permissions.of(role).evaluate(action, List.of(resource)).decision();
  }

  @Test
  void actionAndResourceWildcardsMatchAndActionsIgnoreCase() {
    Role r =
        role(
            null,
            "{\"Effect\":\"Allow\",\"Action\":\"ECR:Get*\",\"Resource\":\"arn:aws:ecr:*:123456789012:repository/api?\"}");
    assertThat(
            decide(
                r,
                "ecr:GetDownloadUrlForLayer",
                "arn:aws:ecr:us-east-1:123456789012:repository/api1"))
        .isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/api1"))
        .isEqualTo(Decision.NOT_ALLOWED);
    assertThat(
            decide(
                r,
                "ecr:GetDownloadUrlForLayer",
                "arn:aws:ecr:us-east-1:123456789012:repository/api12"))
        .isEqualTo(Decision.NOT_ALLOWED);
  }

  @Test
  void notActionAndNotResourceAllowEverythingElse() {
    Role r =
        role(
            null,
            "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"NotResource\":\"arn:aws:s3:::secret-bucket/*\"}");
    assertThat(decide(r, "logs:CreateLogGroup", "arn:aws:logs:us-east-1:1:log-group:/x"))
        .isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "iam:PassRole", "*")).isEqualTo(Decision.NOT_ALLOWED);
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::secret-bucket/key"))
        .isEqualTo(Decision.NOT_ALLOWED);
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() {
    Role r =
        role(
            null,
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
            "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"}");
    Permissions.Verdict v =
        Permissions.of(r).evaluate("secretsmanager:GetSecretValue", List.of("arn:x"));
    assertThat(v.decision()).isEqualTo(Decision.DENIED);
    assertThat(v.because()).isEqualTo("denied by inline policy p (NoSecrets)");
  }

  @Test
  void aConditionMakesTheAnswerConditionalNotAGuess() {
    Role allow =
        role(
            null,
            "{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}}}");
    assertThat(decide(allow, "ssm:GetParameters", "arn:aws:ssm:us-east-1:1:parameter/x"))
        .isEqualTo(Decision.CONDITIONAL);
    Role deny =
        role(
            null,
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
            "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
    assertThat(decide(deny, "ecr:BatchGetImage", "arn:x")).isEqualTo(Decision.CONDITIONAL);
  }

  @Test
  void aPermissionsBoundaryKeepsAnAllowFromBeingCertainButNotAMissingPermission() {
    Role r =
        role(
            "arn:aws:iam::123456789012:policy/boundary",
            "{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}");
    Permissions.Verdict allowed = Permissions.of(r).evaluate("logs:PutLogEvents", List.of("arn:x"));
    assertThat(allowed.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(allowed.surelyAllowed()).isFalse();
    assertThat(Permissions.of(r).evaluate("logs:CreateLogGroup", List.of("arn:x")).surelyMissing())
        .isTrue();
  }

  @Test
  void aReadBoundaryCapsWhatTheIdentityPoliciesAllow() {
    Role base =
        role(
            "arn:aws:iam::123456789012:policy/ecs-boundary",
            "{\"Effect\":\"Allow\",\"Action\":[\"logs:*\",\"secretsmanager:GetSecretValue\",\"kms:Decrypt\"],"
                + "\"Resource\":\"*\"}");
    Role r =
        new Role(
            base.roleName(),
            base.arn(),
            null,
            "/",
            null,
            base.permissionsBoundaryArn(),
            List.of(),
            base.inlinePolicies(),
            json(
                """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":["logs:*","kms:Decrypt"],"Resource":"*"},
             {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",
              "Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}},
             {"Effect":"Deny","Action":"logs:DeleteLogGroup","Resource":"*"}]}"""));
    Permissions p = Permissions.of(r);

    Permissions.Verdict both = p.evaluate("logs:PutLogEvents", List.of("arn:x"));
    assertThat(both.surelyAllowed()).isTrue();
    assertThat(both.because())
        .isEqualTo("allowed by inline policy p and by permissions boundary ecs-boundary");

    Permissions.Verdict capped = p.evaluate("ecr:BatchGetImage", List.of("arn:x"));
    assertThat(capped.decision()).isEqualTo(Decision.NOT_ALLOWED);
    Role identityAllowsEcr =
        new Role(
            r.roleName(),
            r.arn(),
            null,
            "/",
            null,
            r.permissionsBoundaryArn(),
            List.of(),
            List.of(
                new Role.InlinePolicy(
                    "all",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"*\",\"Resource\":\"*\"}]}"))),
            r.permissionsBoundaryDocument());
    Permissions.Verdict outside =
        Permissions.of(identityAllowsEcr).evaluate("ecr:BatchGetImage", List.of("arn:x"));
    assertThat(outside.surelyMissing()).isTrue();
    assertThat(outside.because())
        .isEqualTo(
            "allowed by inline policy all, but permissions boundary ecs-boundary "
                + "does not allow it");

    assertThat(p.evaluate("logs:DeleteLogGroup", List.of("arn:x")).decision())
        .isEqualTo(Decision.DENIED);
    assertThat(p.evaluate("secretsmanager:GetSecretValue", List.of("arn:x")).decision())
        .isEqualTo(Decision.CONDITIONAL);
  }

  @Test
  void anUnreadableBoundaryOnlyMakesAnAllowUncertain() {
    Role base =
        role(
            "arn:aws:iam::123456789012:policy/ecs-boundary",
            "{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}");
    Role r =
        new Role(
            base.roleName(),
            base.arn(),
            null,
            "/",
            null,
            base.permissionsBoundaryArn(),
            List.of(),
            base.inlinePolicies(),
            json("\"%7B%22not%22json\""));
    assertThat(Permissions.of(r).evaluate("logs:PutLogEvents", List.of("arn:x")).boundaryMayDeny())
        .isTrue();
    assertThat(Permissions.of(r).evaluate("logs:CreateLogGroup", List.of("arn:x")).decision())
        .isEqualTo(Decision.NOT_ALLOWED);
  }

  @Test
  void anUnreadableManagedPolicyMakesAMissingPermissionUnknown() {
    Role r =
        new Role(
            "r",
            "arn:aws:iam::123456789012:role/r",
            null,
            "/",
            null,
            null,
            List.of(
                new Role.AttachedPolicy(
                    "AmazonECSTaskExecutionRolePolicy",
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                    null,
                    null)),
            List.of());
    Permissions.Verdict v = Permissions.of(r).evaluate("ecr:BatchGetImage", List.of("arn:x"));
    assertThat(v.decision()).isEqualTo(Decision.UNKNOWN);
    assertThat(v.because()).contains("not read: managed policy AmazonECSTaskExecutionRolePolicy");
  }
}
