package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FargateVcpuQuotaTest {
  private final FargateVcpuQuota check = new FargateVcpuQuota();

  private static Finding pool(List<Finding> findings, String label) {
    return findings.stream()
        .filter(f -> f.resource().id().startsWith(label))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ninetyPercentOfTheOnDemandQuotaFails() {
    // api: 8 tasks of 2 vCPU; spotty: 5 tasks of 1 vCPU, base 1 on FARGATE then 1:3 with Spot -> 2
    // On-Demand.
    Finding f =
        pool(
            CheckRunner.run(
                check, "FARGATE-VCPU-QUOTA/fires-fargate-on-demand-vcpu-90-percent-of-quota.json"),
            "On-Demand");

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title()).startsWith("18 of 20 Fargate On-Demand vCPU in use (90 %)");
    assertThat(f.resource().arn())
        .isEqualTo("arn:aws:servicequotas:us-east-1:123456789012:fargate/L-3032A538");
    assertThat(f.evidence().get("counted from").toString())
        .contains("tasks of clusters not scanned are not counted");
    assertThat(f.remediation().commands())
        .singleElement()
        .asString()
        .contains("--service-code fargate --quota-code L-3032A538 --desired-value 50");
  }

  @Test
  void spotTasksCountAgainstTheSpotQuotaByTheStrategyWeights() {
    Finding f =
        pool(
            CheckRunner.run(
                check, "FARGATE-VCPU-QUOTA/fires-fargate-on-demand-vcpu-90-percent-of-quota.json"),
            "Spot");

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.title()).isEqualTo("3 of 10 Fargate Spot vCPU in use (30 %)");
    assertThat(f.evidence().get("largest deployment surge").toString())
        .isEqualTo("production/spotty: +4 vCPU (4 tasks of 1)");
  }

  @Test
  void aDeploymentThatWouldCrossTheQuotaFailsBelowTheThresholds() {
    var snapshot =
        Fixtures.edited(
            "FARGATE-VCPU-QUOTA/fires-fargate-on-demand-vcpu-90-percent-of-quota.json",
            t -> ((ObjectNode) Fixtures.region(t).get("quotas").get(1)).put("Value", 30.0));

    Finding f = pool(CheckRunner.run(check, snapshot), "On-Demand");

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.title())
        .contains("18 of 30", "a deployment of production/api (+16 vCPU) would exceed the quota");
  }

  @Test
  void fargatesOwnUsageMetricWinsOverTheTaskSum() {
    var snapshot =
        Fixtures.edited(
            "FARGATE-VCPU-QUOTA/quiet-fargate-vcpu-well-under-quota.json",
            t -> {
              ObjectNode series =
                  Fixtures.region(t)
                      .putArray("metrics")
                      .addObject()
                      .put("namespace", "AWS/Usage")
                      .put("metricName", "ResourceCount")
                      .put("stat", "Maximum");
              series
                  .putObject("dimensions")
                  .put("Service", "Fargate")
                  .put("Type", "Resource")
                  .put("Resource", "vCPU")
                  .put("Class", "Standard/OnDemand");
              series.putArray("timestamps").add("2026-11-26T11:50:00Z").add("2026-11-26T11:55:00Z");
              series.putArray("values").add(3600.0).add(3700.0);
            });

    Finding f = pool(CheckRunner.run(check, snapshot), "On-Demand");

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.title()).startsWith("3700 of 4000 Fargate On-Demand vCPU in use (93 %)");
    assertThat(f.evidence().get("counted from").toString())
        .contains("AWS/Usage ResourceCount", "2026-11-26T11:55:00Z");
  }

  @Test
  void anUnreadableQuotaIsUnknownNeverAGuessedPass() {
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title())
                  .contains("Fargate On-Demand vCPU quota not readable: 1 vCPU in use");
              assertThat(f.remediation().commands())
                  .singleElement()
                  .asString()
                  .isEqualTo(
                      "aws service-quotas get-service-quota --service-code fargate --quota-code L-3032A538 --region us-east-1");
            });
  }

  @Test
  void lowUsagePassesAndNoSpotFindingWithoutSpotTasks() {
    assertThat(
            CheckRunner.run(check, "FARGATE-VCPU-QUOTA/quiet-fargate-vcpu-well-under-quota.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.resource().id()).isEqualTo("On-Demand");
            });
  }
}
