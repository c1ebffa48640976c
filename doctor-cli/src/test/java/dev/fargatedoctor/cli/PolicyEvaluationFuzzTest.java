package dev.fargatedoctor.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.iam.Permissions;
import dev.fargatedoctor.check.iam.TrustPolicy;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.List;

/**
 * Trust-policy and permission evaluation over any JSON document, as a role's trust policy, inline
 * policy and permissions boundary: a verdict (MALFORMED included) for every document, never an
 * exception.
 */
class PolicyEvaluationFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void policy(FuzzedDataProvider data) {
    String action = data.pickValue(ACTIONS);
    String resource = data.consumeString(80);
    JsonNode document;
    try {
      document = SnapshotJson.mapper().readTree(data.consumeRemainingAsString());
    } catch (JsonProcessingException notJson) {
      return;
    }
    if (document == null) return;
    TrustPolicy.evaluate(document, "ecs-tasks.amazonaws.com", "111122223333", "us-east-1");
    TrustPolicy.evaluate(document, "ecs-tasks.amazonaws.com", null, null);
    Role role =
        new Role(
            "fuzzed",
            "arn:aws:iam::111122223333:role/fuzzed",
            null,
            "/",
            document,
            "arn:aws:iam::111122223333:policy/boundary",
            List.of(),
            List.of(new Role.InlinePolicy("inline", document)),
            document);
    Permissions.of(role).evaluate(action, List.of(resource, "*"));
  }

  private static final List<String> ACTIONS =
      List.of(
          "ecr:GetAuthorizationToken",
          "ecr:BatchGetImage",
          "logs:CreateLogStream",
          "secretsmanager:GetSecretValue",
          "ssm:GetParameters",
          "kms:Decrypt",
          "ssmmessages:CreateControlChannel");
}
