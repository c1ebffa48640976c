package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceScaledToZeroTest {
  private static final String DIR = "SERVICE-SCALED-TO-ZERO/";

  private static Finding of(List<Finding> findings, String service) {
    return findings.stream()
        .filter(f -> f.resource().id().equals("production/" + service))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aServiceAtZeroSinceItsLastUpdateThreeWeeksAgoWarnsWithTheDeletionAsTheFix() {
    Finding f =
        of(
            CheckRunner.run(
                new ServiceScaledToZero(), DIR + "fires-service-at-zero-for-three-weeks.json"),
            "reports-archive");

    assertThat(f.status()).isEqualTo(Status.WARN);
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.title()).contains("scaled to zero 24 days ago");
    assertThat(f.evidence().get("at zero since at least")).hasToString("2026-11-02T08:00:00Z");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ecs delete-service --cluster production --service reports-archive --region us-east-1");
  }

  @Test
  void aRecentStopEventOutweighsAnOldDeploymentUpdate() {
    Finding f =
        of(
            CheckRunner.run(
                new ServiceScaledToZero(), DIR + "quiet-scaled-down-two-days-ago-or-draining.json"),
            "batch-import");

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence().get("days at zero")).isEqualTo(2L);
  }

  @Test
  void drainingServicesAndServicesWithTasksAreLeftOut() {
    List<Finding> findings =
        CheckRunner.run(
            new ServiceScaledToZero(), DIR + "quiet-scaled-down-two-days-ago-or-draining.json");

    assertThat(findings)
        .extracting(f -> f.resource().id())
        .containsExactly("production/batch-import");
  }

  @Test
  void withoutADeploymentOrAStopEventItCannotTellSinceWhenAndDoesNotGuess() {
    List<Finding> findings =
        CheckRunner.run(
            new ServiceScaledToZero(),
            Fixtures.edited(
                DIR + "fires-service-at-zero-for-three-weeks.json",
                tree ->
                    ((com.fasterxml.jackson.databind.node.ObjectNode)
                            Fixtures.region(tree).get("ecs").get("services").get(0))
                        .putArray("deployments")));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).contains("no deployment or event says since when");
            });
  }
}
