package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckDeploymentTest {
  private final StuckDeployment check = new StuckDeployment();

  @Test
  void aDeploymentInProgressForHoursNamesTheRoleTrustCauseFromTheEvents() {
    assertThat(
            CheckRunner.problems(check, "DEPLOY-STUCK/fires-deployment-stuck-on-role-trust.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.resource().id()).isEqualTo("production/api");
              assertThat(f.title())
                  .contains("stuck at 0/2 for 3 h 30 min")
                  .contains("cannot assume a role");
              assertThat(f.evidence()).containsEntry("failed tasks", 14);
              @SuppressWarnings("unchecked")
              List<String> events = (List<String>) f.evidence().get("recent service events");
              // Routine events (steady state, started tasks) stay out of the evidence.
              assertThat(events)
                  .singleElement()
                  .satisfies(e -> assertThat(e).contains("unable to assume the role"));
              @SuppressWarnings("unchecked")
              List<String> stops = (List<String>) f.evidence().get("stopped task reasons");
              assertThat(stops)
                  .singleElement()
                  .satisfies(s -> assertThat(s).startsWith("1 × ECS was unable to assume"));
              assertThat(f.remediation().commands())
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .contains("describe-services --cluster production --services api"))
                  // the old revision uses the same role: rolling back would not start a single task
                  .noneSatisfy(c -> assertThat(c).contains("update-service"));
            });
  }

  @Test
  void anImageThatCannotBePulledSuggestsRollingBackToTheRevisionStillServing() {
    assertThat(
            CheckRunner.problems(check, "DEPLOY-STUCK/fires-deployment-stuck-on-image-pull.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.title()).contains("the image cannot be pulled");
              assertThat(f.remediation().commands())
                  .contains(
                      "aws ecs update-service --cluster production --service api "
                          + "--task-definition arn:aws:ecs:us-east-1:123456789012:task-definition/api:7 --region us-east-1");
            });
  }

  @Test
  void aMessageEcsRepeatsOnEveryRetryIsShownOnceWithItsCount() {
    assertThat(
            CheckRunner.problems(
                check, "DEPLOY-STUCK/fires-deployment-stuck-with-repeated-event.json"))
        .singleElement()
        .satisfies(
            f -> {
              @SuppressWarnings("unchecked")
              List<String> shown = (List<String>) f.evidence().get("recent service events");
              assertThat(shown)
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e)
                              .startsWith(
                                  "2026-11-26T11:58:00Z (2 times since 2026-11-26T11:28:00Z) (service api) failed to launch"));
            });
  }

  @Test
  void aDeploymentStartedFiveMinutesAgoIsNotStuckYet() {
    assertThat(
            CheckRunner.problems(
                check, "DEPLOY-STUCK/quiet-deployment-started-five-minutes-ago.json"))
        .isEmpty();
    assertThat(
            CheckRunner.run(check, "DEPLOY-STUCK/quiet-deployment-started-five-minutes-ago.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.title()).contains("in progress for 5 min"));
  }

  @Test
  void aCompletedDeploymentPasses() {
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }
}
