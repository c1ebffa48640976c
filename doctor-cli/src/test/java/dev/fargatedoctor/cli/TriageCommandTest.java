package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCommandTest {
  @TempDir Path dir;

  @Test
  void deployHangOnTheDemoNamesTheBrokenRoleBehindTheStuckDeployment() throws Exception {
    Run run =
        Run.of("triage", "deploy-hang", "--demo", "--service", "checkout", "--output", "json");
    JsonNode r = SnapshotJson.mapper().readTree(run.out());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(r.get("schema").asText()).isEqualTo("fargate-doctor/triage/v1");
    assertThat(r.get("steps").get(0).get("name").asText()).isEqualTo("Service events");
    assertThat(r.get("steps").get(0).get("status").asText()).isEqualTo("FAIL");
    assertThat(r.get("probableCause").get("checkId").asText()).isEqualTo("EXEC-ROLE-TRUST");
    assertThat(r.get("probableCause").get("resource").get("id").asText())
        .isEqualTo("checkout-execution");
    assertThat(r.get("nextCommands").get(0).asText())
        .startsWith("aws iam update-assume-role-policy");
  }

  @Test
  void aServiceSeesOnlyWhatIsItsOwn() {
    String orders =
        Run.of("triage", "wont-start", "--demo", "--service", "orders", "--no-color").out();
    assertThat(orders)
        .contains("Step 1/", "ENI limits", "orders-execution trusts ecs-tasks.amazonaws.com")
        .doesNotContain("checkout-execution")
        .doesNotContain("payments-worker-task");
  }

  @Test
  void aGapInAnotherClusterIsNotThisServicesButAGapInItsOwnIs() {
    // the demo's ecs:DescribeTasks stayed throttled for the development cluster only
    String checkout =
        Run.of("triage", "deploy-hang", "--demo", "--service", "checkout", "--no-color").out();
    String loadTest =
        Run.of("triage", "deploy-hang", "--demo", "--service", "load-test", "--no-color").out();

    assertThat(checkout).doesNotContain("partly evaluated").doesNotContain("throttled");
    assertThat(loadTest)
        .contains("Step 2/4 · Stopped tasks  UNKNOWN", "ecs:DescribeTasks stayed throttled");
  }

  @Test
  void aTriageWorksOnASavedSnapshotAndBadArgumentsAreExitTwo() {
    Path snap = dir.resolve("demo.json.gz");
    Run.of("demo", "--save-snapshot", snap.toString());

    Run run = Run.of("triage", "slow", "--snapshot", snap.toString(), "--service", "api");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Routes", "ROUTE-CROSS-AZ-NAT");
    assertThat(Run.of("triage", "sluggish", "--demo").exitCode()).isEqualTo(2);
    Run missing = Run.of("triage", "slow", "--demo", "--service", "nope");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .contains("--service nope matches no service")
        .contains("production/checkout");
  }
}
