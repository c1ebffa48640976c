package dev.fargatedoctor.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TriageTest {
  private static TriageResult triage(Symptom symptom, Snapshot snapshot, String service) {
    var diagnosis =
        new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Configuration.DEFAULTS)
            .run(snapshot);
    ServiceScope scope = service == null ? ServiceScope.all() : ServiceScope.of(snapshot, service);
    return new Triage(
            CheckRegistry.all().stream().map(c -> c.info().id()).collect(Collectors.toSet()))
        .run(symptom, diagnosis, snapshot, scope);
  }

  private static TriageResult triage(Symptom symptom, String fixture) {
    return triage(symptom, Fixtures.snapshot(fixture), null);
  }

  private static TriageResult.StepResult step(TriageResult r, String name) {
    return r.steps().stream().filter(s -> s.step().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyCheckAPlaybookReadsIsInTheCatalogue() {
    var catalogue = CheckRegistry.all().stream().map(c -> c.info().id()).toList();
    for (Symptom symptom : Symptom.values()) {
      for (Playbook.Step step : Playbook.of(symptom).steps()) {
        if (step.checks().equals(List.of(Playbook.Step.EVERYTHING_ELSE))) continue;
        assertThat(catalogue).as(symptom + " / " + step.name()).containsAll(step.checks());
        assertThat(step.checks().isEmpty() && step.advice() == null)
            .as("a step reads checks or gives advice")
            .isFalse();
      }
    }
  }

  @Test
  void aPlaybookReadingACheckOutsideTheCatalogueFailsLoudly() {
    assertThatThrownBy(
            () ->
                new Triage(java.util.Set.of("ENI-QUOTA"))
                    .run(
                        Symptom.WONT_START,
                        new CheckEngine(
                                CheckRegistry.all(), CheckRunner.CLOCK, Configuration.DEFAULTS)
                            .run(Fixtures.snapshot("healthy-two-az-service.json")),
                        Fixtures.snapshot("healthy-two-az-service.json"),
                        ServiceScope.all()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ENI-SURGE");
  }

  @Test
  void wontStartLooksAtEniLimitsFirstAndNamesTheQuotaAsTheCause() {
    TriageResult r =
        triage(Symptom.WONT_START, "ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json");

    assertThat(r.steps().get(0).step().name()).isEqualTo("ENI limits");
    assertThat(r.steps().get(0).status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).hasValueSatisfying(c -> assertThat(c.checkId()).isEqualTo("ENI-QUOTA"));
    assertThat(r.nextCommands())
        .anySatisfy(c -> assertThat(c).contains("request-service-quota-increase"));
  }

  @Test
  void aStepWhoseDataWasDeniedIsUnknownAndNamesThePermission() {
    Snapshot s = Fixtures.snapshot("ENI-QUOTA/quiet-eni-3-of-quota-10.json");
    List<Coverage> coverage = new ArrayList<>(s.coverage());
    coverage.removeIf(c -> c.action().equals("ec2:DescribeNetworkInterfaces"));
    coverage.add(
        new Coverage(
            "us-east-1",
            "ec2:DescribeNetworkInterfaces",
            Coverage.Outcome.DENIED,
            null,
            "UnauthorizedOperation: You are not authorized to perform this operation.",
            1,
            0));
    Snapshot denied = new Snapshot(s.schema(), s.capture(), s.regions(), s.iam(), coverage);

    TriageResult r = triage(Symptom.WONT_START, denied, null);

    assertThat(step(r, "ENI limits"))
        .satisfies(
            st -> {
              assertThat(st.status()).isEqualTo(Status.UNKNOWN);
              assertThat(st.summary()).contains("ec2:DescribeNetworkInterfaces").contains("denied");
            });
    assertThat(r.cause()).isEmpty();
  }

  @Test
  void passingStepsAreNarratedToo() {
    TriageResult r = triage(Symptom.WONT_START, "healthy-account-with-every-quota-readable.json");

    assertThat(r.steps()).extracting(TriageResult.StepResult::status).containsOnly(Status.PASS);
    assertThat(step(r, "IAM roles").summary())
        .contains("api-execution")
        .contains("(and 2 more passed)");
    assertThat(r.cause()).isEmpty();
  }

  @Test
  void deployHangReadsTheServiceEventsFirst() {
    TriageResult r =
        triage(Symptom.DEPLOY_HANG, "DEPLOY-STUCK/fires-deployment-stuck-on-role-trust.json");

    assertThat(r.steps().get(0).step().name()).isEqualTo("Service events");
    assertThat(r.steps().get(0).status()).isEqualTo(Status.FAIL);
    // the events name the cause; they outrank the stuck deployment they explain
    assertThat(r.cause())
        .hasValueSatisfying(
            c -> {
              assertThat(c.checkId()).isEqualTo("SERVICE-EVENT-ERRORS");
              assertThat(c.title()).containsIgnoringCase("assume");
            });
    assertThat(r.nextCommands()).anySatisfy(c -> assertThat(c).contains("describe-services"));
  }

  @Test
  void theProbableCauseComesWithTheMessageEcsWroteBehindIt() {
    TriageResult r =
        triage(Symptom.DEPLOY_HANG, "DEPLOY-STUCK/fires-deployment-stuck-on-role-trust.json");
    assertThat(r.causeMessage())
        .hasValueSatisfying(m -> assertThat(m).contains("unable to assume the role"));
  }

  @Test
  void aFailedDeploymentIsTriagedWithTheMessageBehindItsCause() {
    TriageResult r =
        triage(
            Symptom.DEPLOY_HANG,
            "DEPLOY-FAILED/fires-deployment-failed-secret-without-json-key.json");
    assertThat(step(r, "Service events").findings())
        .anySatisfy(f -> assertThat(f.checkId()).isEqualTo("DEPLOY-FAILED"));
    assertThat(r.causeMessage())
        .hasValueSatisfying(m -> assertThat(m).contains("did not contain json key DB_PASSWORD"));
    // the follow-up reads the service the cause is about, though no service was named
    assertThat(r.nextCommands()).anySatisfy(c -> assertThat(c).contains("--services api"));
  }

  @Test
  void aCauseWithoutAnyMessageFromEcsHasNone() {
    TriageResult r =
        triage(Symptom.WONT_START, "ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json");
    assertThat(r.cause()).isPresent();
    assertThat(r.causeMessage()).isEmpty();
  }

  @Test
  void deployHangBehindABrokenRoleNamesTheRoleNotTheSymptom() {
    TriageResult r =
        triage(Symptom.DEPLOY_HANG, "EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json");
    assertThat(r.cause())
        .hasValueSatisfying(c -> assertThat(c.checkId()).isEqualTo("EXEC-ROLE-TRUST"));
  }

  @Test
  void slowLooksAtRoutesForTheNamedService() {
    TriageResult r =
        triage(
            Symptom.SLOW,
            Fixtures.snapshot("ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json"),
            "api");

    assertThat(r.service()).isEqualTo("api");
    assertThat(step(r, "Routes").status()).isEqualTo(Status.FAIL);
    assertThat(r.cause())
        .hasValueSatisfying(c -> assertThat(c.resource().id()).isEqualTo("subnet-private-a"));
    assertThat(r.nextCommands())
        .anySatisfy(c -> assertThat(c).contains("replace-route --route-table-id rtb-private-a"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .contains("describe-route-tables")
                    .contains("Values=subnet-private-a,subnet-private-b"));
  }

  @Test
  void intermittentFailuresLookAtCrossAzPaths() {
    TriageResult r =
        triage(Symptom.INTERMITTENT, "ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json");
    assertThat(step(r, "Cross-AZ paths").status()).isEqualTo(Status.FAIL);
  }

  @Test
  void memoryEndsWithTheAgentsConnectionViewTheScanCannotSee() {
    TriageResult r = triage(Symptom.MEMORY, "healthy-two-az-service.json");

    assertThat(step(r, "Connections"))
        .satisfies(
            st -> {
              assertThat(st.status()).isNull();
              assertThat(st.summary())
                  .contains("fargate-doctor agent task-definition")
                  .contains("/debug/connections");
            });
    assertThat(r.nextCommands())
        .anySatisfy(c -> assertThat(c).startsWith("fargate-doctor agent task-definition"));
  }

  @Test
  void whenNothingMakesSenseEverythingElseTheScanFoundIsListed() {
    TriageResult r =
        triage(Symptom.UNKNOWN, "EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json");

    assertThat(step(r, "Everything else the scan found"))
        .satisfies(
            st -> {
              assertThat(st.status()).isEqualTo(Status.FAIL);
              assertThat(st.findings()).extracting(f -> f.checkId()).contains("EXEC-ROLE-TRUST");
            });
  }

  @Test
  void anUnknownServiceIsRefusedWithTheServicesThatExist() {
    assertThatThrownBy(
            () -> ServiceScope.of(Fixtures.snapshot("healthy-two-az-service.json"), "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("production/api");
  }

  @Test
  void everySymptomHasAPlaybookFollowingItsLaw() {
    for (Symptom s : Symptom.values()) {
      assertThat(Playbook.of(s).steps()).as(s.argument()).isNotEmpty();
      assertThat(Symptom.parse(s.argument())).isEqualTo(s);
    }
    assertThat(Playbook.of(Symptom.WONT_START).steps())
        .extracting(Playbook.Step::name)
        .startsWith("ENI limits", "Security groups and the path out", "IAM roles");
  }
}
