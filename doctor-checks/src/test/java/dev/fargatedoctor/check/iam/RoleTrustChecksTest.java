package dev.fargatedoctor.check.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTrustChecksTest {
  private final ExecutionRoleTrust execution = new ExecutionRoleTrust();
  private final TaskRoleTrust task = new TaskRoleTrust();

  @Test
  void executionRoleTrustingEc2IsCriticalAndTheFixKeepsEc2AndAddsEcsTasks() throws Exception {
    List<Finding> problems =
        CheckRunner.problems(execution, "EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json");

    Finding f = problems.get(0);
    assertThat(problems).hasSize(1);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.resource().id()).isEqualTo("api-execution");
    assertThat(f.resource().arn()).isEqualTo("arn:aws:iam::123456789012:role/api-execution");
    assertThat(f.evidence()).containsEntry("services", List.of("api"));
    String command = f.remediation().commands().get(0);
    assertThat(command)
        .startsWith(
            "aws iam update-assume-role-policy --role-name api-execution --policy-document '");
    String document = command.substring(command.indexOf('\'') + 1, command.lastIndexOf('\''));
    JsonNode doc = SnapshotJson.mapper().readTree(document);
    assertThat(doc.get("Statement")).hasSize(2);
    assertThat(doc.toString())
        .contains("ec2.amazonaws.com")
        .contains("ecs-tasks.amazonaws.com")
        .contains("\"aws:SourceAccount\":\"123456789012\"");
  }

  @Test
  void theListFormAndTheStringFormBothPass() {
    assertThat(CheckRunner.run(execution, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    assertThat(CheckRunner.run(task, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void taskRoleLimitedToAnotherAccountFailsAtHighSeverity() {
    assertThat(
            CheckRunner.problems(
                task, "TASK-ROLE-TRUST/fires-task-role-source-account-of-another-account.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.resource().id()).isEqualTo("api-task");
              assertThat(f.evidence().get("trust policy").toString()).contains("999988887777");
            });
    assertThat(
            CheckRunner.problems(
                execution,
                "TASK-ROLE-TRUST/fires-task-role-source-account-of-another-account.json"))
        .isEmpty();
  }

  @Test
  void aDeletedExecutionRoleFails() {
    assertThat(CheckRunner.problems(execution, "EXEC-ROLE-TRUST/fires-execution-role-deleted.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.title()).contains("api-execution does not exist"));
  }

  @Test
  void aRoleThatCouldNotBeReadIsUnknownNamingTheActionNeverPass() {
    List<Finding> findings = CheckRunner.run(execution, "execution-role-not-readable.json");

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.resource().id()).isEqualTo("api-execution");
              assertThat(f.title()).contains("could not be read (iam:GetRole denied)");
              assertThat(f.evidence().get("iam:GetRole (api-execution)").toString())
                  .contains("AccessDenied");
              assertThat(f.remediation().text()).contains("iam:ListRolePolicies");
            });
    // The task role was readable and is judged on its own.
    assertThat(CheckRunner.run(task, "execution-role-not-readable.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void withEveryIamReadDeniedEachRoleIsUnknownNamingTheServicesThatUseIt() {
    Snapshot s = Fixtures.snapshot("EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json");
    List<Coverage> coverage = new ArrayList<>(s.coverage());
    coverage.removeIf(c -> c.action().startsWith("iam:"));
    coverage.add(
        new Coverage(
            Coverage.GLOBAL,
            "iam:GetAccountAuthorizationDetails",
            Coverage.Outcome.DENIED,
            null,
            "AccessDenied: not authorized",
            1,
            0));
    Snapshot denied = new Snapshot(s.schema(), s.capture(), s.regions(), IamData.EMPTY, coverage);

    assertThat(CheckRunner.run(execution, denied))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.resource().type()).isEqualTo("iam-role");
              assertThat(f.title())
                  .contains("could not be read (iam:GetAccountAuthorizationDetails denied)");
              assertThat((List<?>) f.evidence().get("services")).isNotEmpty();
            });
  }
}
