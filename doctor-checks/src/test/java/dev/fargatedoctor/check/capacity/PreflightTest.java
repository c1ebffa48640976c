package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.check.capacity.PeakPlan.Verdict;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shop: api (6 tasks of 0.5 vCPU over three AZs, On-Demand), worker (4 tasks of 1 vCPU over two
 * AZs, Spot) and reports (2 small tasks). The plan: api 10x and worker 3x, both deploying at 200 %.
 */
class PreflightTest {
  private static final List<ScaleRequest> PLAN =
      List.of(ScaleRequest.parse("api=10x"), ScaleRequest.parse("worker=3x"));
  private final Preflight preflight = new Preflight(Thresholds.DEFAULTS, CheckRunner.CLOCK);

  private PeakPlan plan(String fixture) {
    return preflight.plan(Fixtures.snapshot(fixture), PLAN, true);
  }

  private static Map<String, Verdict> verdicts(PeakPlan plan) {
    Map<String, Verdict> out = new LinkedHashMap<>();
    plan.regions().get(0).resources().forEach(r -> out.put(r.kind() + " " + r.id(), r.verdict()));
    return out;
  }

  private static PeakPlan.Resource resource(PeakPlan plan, String kind, String id) {
    return plan.regions().get(0).resources().stream()
        .filter(r -> r.kind().equals(kind) && r.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void thePlanFitsWhenEveryResourceHoldsThePeakWithItsMargin() {
    PeakPlan plan = plan("preflight-shop-fits.json");

    assertThat(plan.fits()).isTrue();
    assertThat(verdicts(plan))
        .containsExactly(
            Map.entry("network interfaces region", Verdict.FITS),
            Map.entry("subnet IPs subnet-private-a", Verdict.FITS),
            Map.entry("subnet IPs subnet-private-b", Verdict.FITS),
            Map.entry("subnet IPs subnet-private-c", Verdict.FITS),
            Map.entry("AZ IPs us-east-1a", Verdict.FITS),
            Map.entry("AZ IPs us-east-1b", Verdict.FITS),
            Map.entry("AZ IPs us-east-1c", Verdict.FITS),
            Map.entry("Fargate On-Demand vCPU region", Verdict.FITS),
            Map.entry("Fargate Spot vCPU region", Verdict.FITS));
    // api: 6 -> 60, peak 120 (+54 +60); worker: 4 -> 12, peak 24 (+8 +12). 20 in use of 200.
    PeakPlan.Resource eni = resource(plan, "network interfaces", "region");
    assertThat(eni.needed()).isEqualTo(134.0);
    assertThat(eni.available()).isEqualTo(180.0);
    assertThat(eni.margin()).isEqualTo(46.0);
    assertThat(eni.detail())
        .contains("scale-out +62, deployment surge +72", "77 % of the quota at the peak");
    // subnet a: api 2 -> 40 and worker 2 -> 12; reports stays at 2.
    PeakPlan.Resource a = resource(plan, "subnet IPs", "subnet-private-a");
    assertThat(a.needed()).isEqualTo(48.0);
    assertThat(a.margin()).isEqualTo(852.0);
    assertThat(a.detail())
        .contains(
            "production/api 2 -> 40", "production/worker 2 -> 12", "production/reports 2 -> 2");
    PeakPlan.Resource onDemand = resource(plan, "Fargate On-Demand vCPU", "region");
    assertThat(onDemand.needed()).isEqualTo(57.0);
    assertThat(onDemand.available()).isEqualTo(396.5);
    PeakPlan.Resource spot = resource(plan, "Fargate Spot vCPU", "region");
    assertThat(spot.needed()).isEqualTo(20.0);
    assertThat(spot.available()).isEqualTo(196.0);
  }

  @Test
  void thePlannedServicesAreListedWithTheirPeakAndPools() {
    PeakPlan.Region region = plan("preflight-shop-fits.json").regions().get(0);

    assertThat(region.services())
        .extracting(
            PeakPlan.ServiceLine::service,
            PeakPlan.ServiceLine::planned,
            PeakPlan.ServiceLine::peak,
            PeakPlan.ServiceLine::onDemandAtPeak,
            PeakPlan.ServiceLine::spotAtPeak)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("production/api", 60, 120, 120, 0),
            org.assertj.core.api.Assertions.tuple("production/worker", 12, 24, 0, 24));
    assertThat(region.services().get(0).availabilityZones())
        .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
  }

  @Test
  void theLaunchTimeFollowsFargatesLaunchRate() {
    PeakPlan.Region region = plan("preflight-shop-fits.json").regions().get(0);

    assertThat(region.launches())
        .extracting(LaunchEstimate::pool, LaunchEstimate::tasks, LaunchEstimate::seconds)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(FargatePool.ON_DEMAND, 114, 1L),
            org.assertj.core.api.Assertions.tuple(FargatePool.SPOT, 20, 0L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "preflight-shop-eni-quota-tight.json, network interfaces region, -34",
    "preflight-shop-subnet-c-small.json, subnet IPs subnet-private-c, -8",
    "preflight-shop-on-demand-vcpu-quota-low.json, Fargate On-Demand vCPU region, -10.5",
    "preflight-shop-spot-vcpu-quota-low.json, Fargate Spot vCPU region, -4"
  })
  void eachConstraintFailsTheWholePlanAlone(String fixture, String failing, double margin) {
    PeakPlan plan = plan(fixture);

    assertThat(plan.fits()).isFalse();
    Map<String, Verdict> verdicts = verdicts(plan);
    assertThat(verdicts.get(failing)).isEqualTo(Verdict.DOES_NOT_FIT);
    verdicts.forEach(
        (resource, verdict) -> {
          boolean azOfFailingSubnet =
              failing.endsWith("subnet-private-c") && resource.equals("AZ IPs us-east-1c");
          if (!resource.equals(failing) && !azOfFailingSubnet)
            assertThat(verdict).as(resource).isEqualTo(Verdict.FITS);
        });
    assertThat(
            plan.regions().get(0).resources().stream()
                .filter(r -> (r.kind() + " " + r.id()).equals(failing))
                .findFirst()
                .orElseThrow()
                .margin())
        .isEqualTo(margin);
  }

  @Test
  void withoutADeploymentDuringThePeakOnlyTheScaleOutCounts() {
    PeakPlan plan =
        preflight.plan(Fixtures.snapshot("preflight-shop-eni-quota-tight.json"), PLAN, false);

    PeakPlan.Resource eni = resource(plan, "network interfaces", "region");
    assertThat(eni.needed()).isEqualTo(62.0);
    assertThat(eni.verdict()).isEqualTo(Verdict.FITS);
  }

  @Test
  void anUnreadableFargateQuotaIsUnknownAndThePlanIsNotTakenAsFitting() {
    PeakPlan plan =
        preflight.plan(
            Fixtures.snapshot("healthy-two-az-service.json"),
            List.of(ScaleRequest.parse("api=+4")),
            true);

    assertThat(resource(plan, "Fargate On-Demand vCPU", "region").verdict())
        .isEqualTo(Verdict.UNKNOWN);
    assertThat(resource(plan, "Fargate On-Demand vCPU", "region").detail())
        .contains("not readable");
    assertThat(plan.fits()).isFalse();
  }

  @Test
  void aPlanAtTheCurrentCountsIsWhatTheScanChecks() {
    // One capacity model: SUBNET-IPS's margin is the preflight's margin for the same counts, every
    // service deploying.
    var snapshot =
        Fixtures.snapshot("SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json");
    PeakPlan plan =
        preflight.plan(
            snapshot, List.of(ScaleRequest.parse("api=20"), ScaleRequest.parse("worker=4")), true);
    var finding =
        CheckRunner.run(new SubnetIpHeadroom(), snapshot).stream()
            .filter(f -> f.resource().id().equals("subnet-private-a"))
            .findFirst()
            .orElseThrow();

    assertThat(resource(plan, "subnet IPs", "subnet-private-a").margin().intValue())
        .isEqualTo(finding.evidence().get("free IPs left at the peak"));
    assertThat(resource(plan, "subnet IPs", "subnet-private-a").verdict())
        .isEqualTo(Verdict.DOES_NOT_FIT);
  }

  @Test
  void aServiceThatDoesNotGrowAddsNoAddresses() {
    PeakPlan plan =
        preflight.plan(
            Fixtures.snapshot("preflight-shop-fits.json"),
            List.of(ScaleRequest.parse("api=2x")),
            true);

    // reports (2 tasks, not planned) and worker (not planned) stay where they are
    assertThat(resource(plan, "subnet IPs", "subnet-private-a").detail())
        .contains("production/worker 2 -> 2", "production/reports 2 -> 2");
  }

  @Test
  void anUnknownServiceIsRefusedListingTheServicesThereAre() {
    assertThatThrownBy(
            () ->
                preflight.plan(
                    Fixtures.snapshot("preflight-shop-fits.json"),
                    List.of(ScaleRequest.parse("checkout=2x")),
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--scale checkout=2x matches no service in the snapshot")
        .hasMessageContaining("production/api, production/reports, production/worker");
  }

  @Test
  void aClusterPrefixSelectsTheService() {
    PeakPlan plan =
        preflight.plan(
            Fixtures.snapshot("preflight-shop-fits.json"),
            List.of(ScaleRequest.parse("production/api=120")),
            true);
    assertThat(plan.regions().get(0).services().get(0).planned()).isEqualTo(120);
  }

  @Test
  void aSharedSubnetWhoseOtherTenantsCannotBeSeenIsUnknownNotFits() {
    // The participant's cart (10 -> 20 at its peak) fits the 100 free IPs, but 141 addresses
    // belong to accounts it cannot see.
    PeakPlan plan =
        preflight.plan(
            Fixtures.snapshot("participant-of-a-shared-subnet-cannot-see-the-other-tenants.json"),
            List.of(ScaleRequest.parse("cart=10")),
            true);

    PeakPlan.Resource subnet = resource(plan, "subnet IPs", "subnet-shared-a");
    assertThat(subnet.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(subnet.detail())
        .contains("shared subnet (owner 111111111111): 141 addresses are held by accounts");
    assertThat(plan.fits()).isFalse();

    PeakPlan roomy =
        preflight.plan(
            Fixtures.snapshot("SUBNET-IPS/quiet-participant-in-a-roomy-shared-subnet.json"),
            List.of(ScaleRequest.parse("cart=10")),
            true);
    assertThat(resource(roomy, "subnet IPs", "subnet-shared-a").verdict()).isEqualTo(Verdict.FITS);
    assertThat(resource(roomy, "subnet IPs", "subnet-shared-a").detail())
        .contains("fits even if the 81 addresses of other accounts");
  }
}
