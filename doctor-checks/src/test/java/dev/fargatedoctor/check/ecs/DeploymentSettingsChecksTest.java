package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DEPLOY-CONFIG-BLOCKED and DEPLOY-NO-CIRCUIT-BREAKER: what a service's deploymentConfiguration
 * allows.
 */
class DeploymentSettingsChecksTest {
  private static final String BLOCKED = "deployment-config-75-125-with-two-tasks.json";
  private static final String FINE = "deployments-with-rollback-and-room-to-move.json";

  private static Finding of(List<Finding> findings, String service) {
    return findings.stream()
        .filter(f -> f.resource().id().equals("production/" + service))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void twoTasksAt75And125PercentCanNeitherStopNorStartATaskAndTheRunningDeploymentIsHigh() {
    Finding f = of(CheckRunner.problems(new DeploymentConfigBlocked(), BLOCKED), "api");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title()).contains("at least 2 must stay healthy").contains("at most 2 may run");
    assertThat(f.evidence().get("minimumHealthyPercent"))
        .isEqualTo("75 % → at least 2 healthy (rounded up)");
    // one more task is enough: 150 % of 2 is 3; the circuit breaker setting is kept as it is
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ecs update-service --cluster production --service api "
                + "--deployment-configuration 'deploymentCircuitBreaker={enable=false,rollback=false},maximumPercent=150,"
                + "minimumHealthyPercent=75' --region us-east-1");
  }

  @Test
  void aSingleTaskAtOneHundredAndOneHundredPercentWillHangTheNextDeployment() {
    Finding f = of(CheckRunner.problems(new DeploymentConfigBlocked(), BLOCKED), "cron");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.evidence()).containsEntry("deployment in progress", "no: the next one will hang");
    assertThat(f.remediation().commands().get(0)).contains("maximumPercent=200");
  }

  @Test
  void roomToMoveAndCodeDeployServicesAreQuiet() {
    List<Finding> blocked = CheckRunner.problems(new DeploymentConfigBlocked(), BLOCKED);
    assertThat(blocked)
        .extracting(f -> f.resource().id())
        .containsExactlyInAnyOrder("production/api", "production/cron");
    assertThat(CheckRunner.problems(new DeploymentConfigBlocked(), FINE)).isEmpty();
    // defaults (100 %/200 %) when the API leaves the configuration out
    assertThat(CheckRunner.problems(new DeploymentConfigBlocked(), "healthy-two-az-service.json"))
        .isEmpty();
  }

  @Test
  void noCircuitBreakerAndBreakerWithoutRollbackAreLowWarnings() {
    List<Finding> warned = CheckRunner.problems(new NoCircuitBreaker(), BLOCKED);
    assertThat(warned)
        .extracting(f -> f.resource().id())
        .containsExactlyInAnyOrder("production/api", "production/cron");
    assertThat(warned)
        .allSatisfy(
            f -> {
              assertThat(f.status()).isEqualTo(Status.WARN);
              assertThat(f.severity()).isEqualTo(Severity.LOW);
            });
    assertThat(of(warned, "cron").title()).contains("does not roll them back");
    assertThat(of(warned, "api").remediation().commands())
        .containsExactly(
            "aws ecs update-service --cluster production "
                + "--service api --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true},"
                + "maximumPercent=125,minimumHealthyPercent=75' --region us-east-1");
  }

  @Test
  void rollbackEnabledAndCodeDeployControlledServicesPass() {
    assertThat(CheckRunner.problems(new NoCircuitBreaker(), FINE)).isEmpty();
  }
}
