package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.capacity.EniQuotaHeadroom;
import dev.fargatedoctor.check.network.CrossAzNatRoute;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckEngineTest {

  @Test
  void aCheckWhoseInputWasNeverCollectedIsUnknownAndDoesNotRun() {
    Snapshot s = Fixtures.snapshot("ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json");
    List<Coverage> coverage = new ArrayList<>(s.coverage());
    coverage.removeIf(c -> c.action().equals("ec2:DescribeRouteTables"));
    Snapshot withoutRoutes = new Snapshot(s.schema(), s.capture(), s.regions(), s.iam(), coverage);

    assertThat(CheckRunner.run(new CrossAzNatRoute(), withoutRoutes))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title())
                  .isEqualTo("not evaluated: ec2:DescribeRouteTables was not collected");
            });
  }

  @Test
  void aThrottledInputIsUnknownNamingTheAction() {
    Snapshot s = Fixtures.snapshot("ENI-QUOTA/quiet-eni-3-of-quota-10.json");
    Snapshot throttled =
        new Snapshot(
            s.schema(),
            s.capture(),
            s.regions(),
            s.iam(),
            List.of(
                new Coverage(
                    "us-east-1",
                    "ec2:DescribeNetworkInterfaces",
                    Coverage.Outcome.THROTTLED,
                    null,
                    "Throttling: Rate exceeded",
                    3,
                    2)));

    assertThat(CheckRunner.run(new EniQuotaHeadroom(), throttled))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title()).contains("ec2:DescribeNetworkInterfaces stayed throttled");
              assertThat(f.evidence().get("ec2:DescribeNetworkInterfaces").toString())
                  .contains("Rate exceeded");
            });
  }

  @Test
  void aPartialGapStillRunsTheCheckOnWhatWasCollectedAndSaysItIsPartial() {
    Snapshot s = Fixtures.snapshot("ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json");
    List<Coverage> coverage = new ArrayList<>(s.coverage());
    coverage.add(
        new Coverage(
            "us-east-1",
            "ecs:ListServices",
            Coverage.Outcome.DENIED,
            "staging",
            "AccessDeniedException",
            1,
            0));
    Snapshot partial = new Snapshot(s.schema(), s.capture(), s.regions(), s.iam(), coverage);

    List<Finding> findings = CheckRunner.run(new CrossAzNatRoute(), partial);
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title()).startsWith("partly evaluated: ecs:ListServices was denied");
            });
    assertThat(findings).anySatisfy(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
  }

  @Test
  void problemsAreOrderedFailuresFirstThenBySeverity() {
    Snapshot s = Fixtures.snapshot("ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json");
    Diagnosis d =
        new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS).run(s);

    assertThat(d.findings())
        .extracting(Finding::status)
        .isSortedAccordingTo(java.util.Comparator.naturalOrder());
    // a fully collected snapshot: every registered check ran, but those that read flow records,
    // which nobody asked to read
    assertThat(d.checksRun())
        .containsExactlyInAnyOrderElementsOf(
            CheckRegistry.all().stream()
                .filter(c -> !java.util.List.of(c.info().needs()).contains(Input.FLOW_RECORDS))
                .map(c -> c.info().id())
                .toList());
  }

  /** Judges every service, and trips over the one named "cron" as over an unforeseen shape. */
  @CheckInfo(
      id = "TEST-TRIPS-ON-CRON",
      title = "test",
      law = Law.DEPLOY_HANGS,
      severity = Severity.HIGH,
      needs = {Input.ECS_SERVICES})
  static final class TripsOnCron implements Check {
    @Override
    public List<Finding> run(CheckContext ctx) {
      return ctx.each(
          ctx.region().services(),
          Resource::service,
          s -> {
            if (s.serviceName().equals("cron")) throw new IllegalStateException("odd cron");
            return List.of(
                ctx.finding(Resource.service(s)).pass(s.serviceName() + " fine").build());
          });
    }
  }

  @CheckInfo(
      id = "TEST-TRIPS-ON-REGION",
      title = "test",
      law = Law.DEPLOY_HANGS,
      severity = Severity.MEDIUM,
      needs = {Input.ECS_SERVICES})
  static final class TripsOnRegion implements Check {
    @Override
    public List<Finding> run(CheckContext ctx) {
      throw new ArithmeticException("/ by zero");
    }
  }

  @Test
  void aCheckThatThrowsOnOneResourceIsUnknownThereAndJudgesTheOthers() {
    Snapshot s = Fixtures.snapshot("deployment-config-75-125-with-two-tasks.json");

    List<Finding> findings = CheckRunner.run(new TripsOnCron(), s);

    assertThat(findings)
        .filteredOn(f -> f.status() == Status.PASS)
        .extracting(f -> f.resource().id())
        .containsExactlyInAnyOrder("production/api", "production/orders", "production/web");
    assertThat(findings)
        .filteredOn(f -> f.status() == Status.UNKNOWN)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource().id()).isEqualTo("production/cron");
              assertThat(f.severity()).isEqualTo(Severity.HIGH); // counts against --fail-on high
              assertThat(f.title())
                  .contains("TEST-TRIPS-ON-CRON", "service production/cron", "odd cron");
              assertThat(f.evidence().get("error")).isEqualTo("IllegalStateException: odd cron");
              assertThat(f.evidence().get("at").toString()).startsWith("CheckEngineTest");
            });
  }

  @Test
  void aCheckThatThrowsOutsideItsLoopIsUnknownForTheRegionAndTheOtherChecksStillRun() {
    Snapshot s = Fixtures.snapshot("deployment-config-75-125-with-two-tasks.json");

    Diagnosis d =
        new CheckEngine(
                List.of(new TripsOnRegion(), new TripsOnCron()),
                CheckRunner.CLOCK,
                Thresholds.DEFAULTS)
            .run(s);

    assertThat(d.findings())
        .filteredOn(f -> f.checkId().equals("TEST-TRIPS-ON-REGION"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.resource()).isEqualTo(Resource.of("region", "us-east-1"));
              assertThat(f.title()).contains("ArithmeticException: / by zero");
            });
    assertThat(d.findings()).anyMatch(f -> f.checkId().equals("TEST-TRIPS-ON-CRON"));
  }
}
