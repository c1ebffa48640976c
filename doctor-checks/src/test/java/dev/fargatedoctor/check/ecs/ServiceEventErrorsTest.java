package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceEventErrorsTest {
  private static final String FIXTURE =
      "SERVICE-EVENT-ERRORS/fires-service-events-role-trust-and-recovered-unhealthy-targets.json";
  private final ServiceEventErrors check = new ServiceEventErrors();

  @Test
  void repeatedAssumeRoleFailuresAreOneFindingWithCountFirstLastAndLatestMessage() {
    assertThat(CheckRunner.problems(check, FIXTURE))
        .filteredOn(f -> f.status() == Status.FAIL)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.resource().id()).isEqualTo("production/api");
              assertThat(f.title())
                  .contains("ECS cannot assume a role")
                  .contains("3 events in 24 h");
              assertThat(f.evidence())
                  .containsEntry("events", 3)
                  .containsEntry("first", "2026-11-26T10:56:00Z")
                  .containsEntry("last", "2026-11-26T11:58:00Z");
              assertThat((String) f.evidence().get("message"))
                  .contains("unable to assume the role");
              assertThat(f.remediation().text()).contains("EXEC-ROLE-TRUST");
              assertThat(f.remediation().commands())
                  .contains(
                      "aws ecs describe-services --cluster production "
                          + "--services api --query 'services[0].events[0:20]' --region us-east-1");
            });
  }

  @Test
  void unhealthyTargetsFollowedByASteadyStateAreReportedAsRecoveredAtLowSeverity() {
    assertThat(CheckRunner.problems(check, FIXTURE))
        .filteredOn(f -> f.status() == Status.WARN)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.title())
                  .contains("load balancer's health checks")
                  .contains("2 events")
                  .contains("recovered");
              assertThat(f.evidence()).containsEntry("steady state since", "2026-11-26T10:40:00Z");
            });
  }

  @Test
  void eventsOlderThanADayAndRoutineEventsStayQuiet() {
    List<Finding> all = CheckRunner.run(check, FIXTURE);
    assertThat(all).noneMatch(f -> f.title().contains("image"));
    assertThat(all)
        .filteredOn(f -> f.resource().id().equals("production/orders"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void aServiceWithoutEventsPasses() {
    assertThat(CheckRunner.problems(check, "healthy-two-az-service.json")).isEmpty();
  }
}
