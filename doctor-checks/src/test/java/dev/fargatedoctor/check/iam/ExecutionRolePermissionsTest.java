package dev.fargatedoctor.check.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRolePermissionsTest {
  private static final String GAPS =
      "EXEC-ROLE-PERMS/fires-execution-role-managed-policy-without-secrets-or-log-group.json";
  private final ExecutionRolePermissions check = new ExecutionRolePermissions();

  private static Finding of(List<Finding> findings, String taskDefinition) {
    return findings.stream()
        .filter(f -> f.resource().id().equals(taskDefinition))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theManagedExecutionPolicyLacksLogGroupCreationAndSecrets() {
    Finding f = of(CheckRunner.problems(check, GAPS), "api:7");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title())
        .contains("execution role api-execution cannot create the log group /ecs/api")
        .contains("(and 2 more)");
    List<String> missing = (List<String>) f.evidence().get("missing");
    assertThat(missing)
        .hasSize(3)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "logs:CreateLogGroup on "
                            + "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/api:*"))
        // the JSON key and stage after the secret's ARN are not part of the resource
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "secretsmanager:GetSecretValue on "
                            + "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api/db-AbCdEf, to read secret DB_PASSWORD"))
        // a plain parameter name is a parameter of the task's own account and region
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "ssm:GetParameters on "
                            + "arn:aws:ssm:us-east-1:123456789012:parameter/prod/api/token"));
    assertThat(f.remediation().text()).contains("kms:Decrypt");
    assertThat(f.remediation().commands())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .startsWith(
                        "aws iam put-role-policy --role-name api-execution --policy-name fargate-doctor-api-execution "
                            + "--policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"logs:CreateLogGroup\""));
    assertThat((List<String>) f.evidence().get("not evaluated"))
        .contains("service control policies are not visible from inside the account");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExplicitDenyIsNamedEvenWhenAWildcardAllows() {
    Finding f = of(CheckRunner.problems(check, GAPS), "worker:3");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat((List<String>) f.evidence().get("missing"))
        .singleElement()
        .satisfies(
            m -> assertThat(m).contains("denied by inline policy all-but-secrets (NoSecrets)"));
  }

  @Test
  void aPermissionsBoundaryOrAConditionIsUnknownNeverAPass() {
    List<Finding> problems = CheckRunner.problems(check, GAPS);
    assertThat(of(problems, "reports:2").status()).isEqualTo(Status.UNKNOWN);
    assertThat(of(problems, "reports:2").title()).contains("permissions boundary");
    assertThat(of(problems, "batch:1").status()).isEqualTo(Status.UNKNOWN);
    assertThat(of(problems, "batch:1").title()).contains("conditions this scan cannot evaluate");
  }

  @Test
  void rolesThatAllowEverythingNeededPassAndAnImageOutsideEcrNeedsNoRole() {
    String fixture = "EXEC-ROLE-PERMS/quiet-execution-role-allows-pull-logs-and-secrets.json";
    assertThat(CheckRunner.problems(check, fixture)).isEmpty();
    assertThat(CheckRunner.run(check, fixture))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource().id()).isEqualTo("api:7");
              assertThat(f.evidence()).containsEntry("permissions checked", 9);
            });
  }
}
