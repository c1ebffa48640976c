package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentFailedTest {
  private static final String FIXTURE =
      "DEPLOY-FAILED/fires-deployment-failed-secret-without-json-key.json";
  private final DeploymentFailed check = new DeploymentFailed();

  private static ObjectNode service(ObjectNode tree) {
    return (ObjectNode) Fixtures.region(tree).get("ecs").get("services").get(0);
  }

  @Test
  void aFailedDeploymentLeftAsPrimaryIsAFailureWithTheCauseAndTheMessageBehindIt() {
    assertThat(CheckRunner.problems(check, FIXTURE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title())
                  .contains("ecs-svc/2222")
                  .contains("failed")
                  .contains("JSON key");
              assertThat(f.evidence())
                  .containsEntry("rollout state", "FAILED")
                  .containsEntry(
                      "rollout state reason",
                      "ECS deployment circuit breaker: tasks failed to start.")
                  .containsEntry("cause read from", "service events and stopped tasks");
              assertThat((String) f.evidence().get("message"))
                  .contains("did not contain json key DB_PASSWORD");
              // the fix names the real secret, found by the key the message names
              assertThat(f.remediation().commands())
                  .contains(
                      "aws secretsmanager describe-secret --secret-id "
                          + "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api/db-AbCdEf "
                          + "--region us-east-1");
              assertThat(f.remediation().text())
                  .contains("DB_PASSWORD")
                  .contains("still the service's primary");
            });
  }

  @Test
  void aDeploymentTheCircuitBreakerRolledBackIsAWarning() {
    Snapshot s =
        Fixtures.edited(
            FIXTURE,
            tree -> {
              ArrayNode deployments = (ArrayNode) service(tree).get("deployments");
              ((ObjectNode) deployments.get(0)).put("status", "ACTIVE");
              ObjectNode rollback = deployments.insertObject(0);
              rollback.put("id", "ecs-svc/3333");
              rollback.put("status", "PRIMARY");
              rollback.put(
                  "taskDefinition", "arn:aws:ecs:us-east-1:123456789012:task-definition/api:7");
              rollback.put("desiredCount", 2);
              rollback.put("runningCount", 2);
              rollback.put("createdAt", "2026-11-26T11:21:00Z");
              rollback.put("rolloutState", "COMPLETED");
            });
    assertThat(CheckRunner.run(check, s))
        .filteredOn(f -> f.status().isProblem())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.WARN);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.title()).contains("rolled back");
              assertThat((String) f.evidence().get("rolled back to")).contains("api:7");
            });
  }

  @Test
  void withoutEventsOrStoppedTasksTheRolloutReasonAloneNamesTheCause() {
    Snapshot s =
        Fixtures.edited(
            FIXTURE,
            tree -> {
              service(tree).putArray("events");
              ((ObjectNode) Fixtures.region(tree).get("ecs")).putArray("tasks");
            });
    List<Finding> problems =
        CheckRunner.run(check, s).stream().filter(f -> f.status().isProblem()).toList();
    assertThat(problems)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.evidence())
                  .containsEntry("cause read from", "the rollout state reason")
                  .containsEntry(
                      "message", "ECS deployment circuit breaker: tasks failed to start.");
              assertThat(f.title()).contains("tasks failed to start");
            });
  }

  @Test
  void servicesWhoseDeploymentsDidNotFailPass() {
    assertThat(CheckRunner.problems(check, "deployments-with-rollback-and-room-to-move.json"))
        .isEmpty();
    assertThat(CheckRunner.run(check, "deployments-with-rollback-and-room-to-move.json"))
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }
}
