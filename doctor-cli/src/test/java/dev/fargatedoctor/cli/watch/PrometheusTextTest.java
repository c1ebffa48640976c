package dev.fargatedoctor.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import dev.fargatedoctor.testkit.PrometheusConventions;
import dev.fargatedoctor.testkit.PrometheusConventions.Family;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** watch's /metrics, read back and held to the same conventions as the agent's. */
class PrometheusTextTest {

  private static String exposition(String fixture) {
    Snapshot s = Fixtures.snapshot(fixture);
    return PrometheusText.render(
        WatchMetrics.of(
            s, new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS).run(s)),
        new PrometheusText.Counters(3, 1, 1_764_000_000L, 2, 1));
  }

  @Test
  void followsPrometheusConventionsHelpTotalOnCountersRatiosFromZeroToOne() {
    Map<String, Family> families =
        PrometheusConventions.check(
            exposition("ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json"),
            "fargate_doctor_");

    assertThat(families.get("fargate_doctor_network_interfaces_quota_utilization_ratio").values())
        .containsExactly(0.9);
    assertThat(families.get("fargate_doctor_watch_cycles_total").type()).isEqualTo("counter");
    assertThat(families.get("fargate_doctor_watch_failed_cycles_total").values())
        .containsExactly(1.0);
    assertThat(families.get("fargate_doctor_watch_last_cycle_timestamp_seconds").type())
        .isEqualTo("gauge");
  }

  @Test
  void theRegionTotalAndAVpcsCountAreTwoMetrics() {
    Map<String, Family> families =
        PrometheusConventions.check(
            exposition("ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json"),
            "fargate_doctor_");

    assertThat(families.get("fargate_doctor_network_interfaces_in_use").series())
        .containsExactly(Map.of("region", "us-east-1"));
    assertThat(families.get("fargate_doctor_vpc_network_interfaces_in_use").series())
        .containsExactly(Map.of("region", "us-east-1", "vpc_id", "vpc-1"));
    assertThat(families.get("fargate_doctor_vpc_network_interfaces_quota_share_ratio").values())
        .containsExactly(0.9);
  }

  @Test
  void withoutAReadableQuotaThereIsNoRatio() {
    Map<String, Family> families =
        PrometheusConventions.check(exposition("eni-quota-not-readable.json"), "fargate_doctor_");

    assertThat(families)
        .containsKey("fargate_doctor_network_interfaces_in_use")
        .doesNotContainKeys(
            "fargate_doctor_network_interfaces_quota",
            "fargate_doctor_network_interfaces_quota_utilization_ratio");
  }

  @Test
  void theConventionsCheckRejectsWhatWatchUsedToServe() {
    // One name for the Region total and a VPC's count, a percentage, a counter without HELP.
    String old =
        """
        # HELP fargate_doctor_network_interfaces_in_use Network interfaces in the Region or VPC.
        # TYPE fargate_doctor_network_interfaces_in_use gauge
        fargate_doctor_network_interfaces_in_use{region="us-east-1"} 9
        fargate_doctor_network_interfaces_in_use{region="us-east-1",vpc_id="vpc-1"} 9
        """;
    assertThatThrownBy(() -> PrometheusConventions.check(old, "fargate_doctor_"))
        .hasMessageContaining("one set of label names");
    assertThatThrownBy(
            () ->
                PrometheusConventions.check(
                    """
                    # HELP fargate_doctor_network_interface_utilization_percent Utilisation.
                    # TYPE fargate_doctor_network_interface_utilization_percent gauge
                    fargate_doctor_network_interface_utilization_percent 90
                    """,
                    "fargate_doctor_"))
        .hasMessageContaining("base units");
    assertThatThrownBy(
            () ->
                PrometheusConventions.check(
                    "# TYPE fargate_doctor_watch_cycles_total counter\n"
                        + "fargate_doctor_watch_cycles_total 1\n",
                    "fargate_doctor_"))
        .hasMessageContaining("HELP");
    assertThatThrownBy(
            () ->
                PrometheusConventions.check(
                    """
                    # HELP fargate_doctor_share_ratio A share.
                    # TYPE fargate_doctor_share_ratio gauge
                    fargate_doctor_share_ratio 92.3
                    """,
                    "fargate_doctor_"))
        .hasMessageContaining("from 0 to 1");
    assertThatThrownBy(
            () ->
                PrometheusConventions.check(
                    """
                    # HELP fargate_doctor_cycles_total Cycles.
                    # TYPE fargate_doctor_cycles_total gauge
                    fargate_doctor_cycles_total 1
                    """,
                    "fargate_doctor_"))
        .hasMessageContaining("_total on counters");
  }
}
