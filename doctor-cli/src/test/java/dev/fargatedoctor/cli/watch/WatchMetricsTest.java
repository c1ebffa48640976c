package dev.fargatedoctor.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.publish.MetricDatum;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchMetricsTest {

  private static List<MetricDatum> metrics(String fixture) {
    Snapshot s = Fixtures.snapshot(fixture);
    return WatchMetrics.of(
        s, new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS).run(s));
  }

  @Test
  void utilisationIsPerRegionAndEachVpcsShareOfTheRegionQuota() {
    List<MetricDatum> m = metrics("ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json");

    assertThat(m)
        .contains(
            new MetricDatum(
                "us-east-1", "NetworkInterfacesInUse", Map.of("Region", "us-east-1"), 9, "Count"),
            new MetricDatum(
                "us-east-1", "NetworkInterfacesQuota", Map.of("Region", "us-east-1"), 10, "Count"),
            new MetricDatum(
                "us-east-1",
                "NetworkInterfaceUtilization",
                Map.of("Region", "us-east-1"),
                90,
                "Percent"),
            new MetricDatum(
                "us-east-1", "NetworkInterfacesInUse", Map.of("VpcId", "vpc-1"), 9, "Count"),
            new MetricDatum(
                "us-east-1",
                "NetworkInterfaceUtilization",
                Map.of("VpcId", "vpc-1"),
                90,
                "Percent"),
            new MetricDatum(
                "us-east-1",
                "Findings",
                Map.of("Region", "us-east-1", "Severity", "CRITICAL"),
                1,
                "Count"));
  }

  @Test
  void withoutAReadableQuotaThereIsNoUtilisationRatherThanAGuess() {
    assertThat(metrics("eni-quota-not-readable.json"))
        .noneMatch(d -> d.name().equals("NetworkInterfaceUtilization"))
        .noneMatch(d -> d.name().equals("NetworkInterfacesQuota"));
  }

  @Test
  void freeIpsArePublishedForTaskSubnetsOnly() {
    assertThat(metrics("healthy-two-az-service.json"))
        .filteredOn(d -> d.name().equals("SubnetAvailableIpAddresses"))
        .extracting(d -> d.dimensions().get("SubnetId"))
        .containsExactly("subnet-private-a", "subnet-private-b");
  }
}
