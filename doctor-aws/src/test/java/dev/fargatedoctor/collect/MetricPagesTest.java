package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.metrics.MetricLabel;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** How GetMetricData's pages become one series per query. */
class MetricPagesTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final MetricLabel API =
      new MetricLabel(
          "AWS/ECS",
          "MemoryUtilization",
          "Average",
          60,
          Map.of("ServiceName", "api", "ClusterName", "production"));
  private static final MetricLabel ORDERS =
      new MetricLabel(
          "AWS/ECS",
          "MemoryUtilization",
          "Average",
          60,
          Map.of("ServiceName", "orders", "ClusterName", "production"));

  private static MetricDataResult result(String id, StatusCode status, int from, int to) {
    MetricDataResult.Builder b = MetricDataResult.builder().id(id).statusCode(status);
    List<Integer> minutes = java.util.stream.IntStream.range(from, to).boxed().toList();
    return b.timestamps(minutes.stream().map(m -> T0.plusSeconds(60L * m)).toList())
        .values(minutes.stream().map(m -> 100.0 + m).toList())
        .build();
  }

  private static GetMetricDataResponse page(String nextToken, MetricDataResult... results) {
    return GetMetricDataResponse.builder().nextToken(nextToken).metricDataResults(results).build();
  }

  @Test
  void aSeriesSplitOverPagesIsJoinedAndTakesTheLastPagesStatus() {
    List<MetricSeries> series =
        MetricPages.join(
            List.of(API, ORDERS),
            List.of(
                page(
                    "next",
                    result("m0", StatusCode.PARTIAL_DATA, 0, 100),
                    result("m1", StatusCode.COMPLETE, 0, 0)),
                page(null, result("m0", StatusCode.COMPLETE, 100, 180))));

    assertThat(series.get(0).size()).isEqualTo(180);
    assertThat(series.get(0).isComplete()).isTrue();
    assertThat(series.get(0).values().get(179)).isEqualTo(279.0);
    // asked, and nothing came back: kept, empty, so a check can say which metric had no data
    assertThat(series.get(1).size()).isZero();
    assertThat(series.get(1).isComplete()).isTrue();
    assertThat(series.get(1).dimensions()).containsEntry("ServiceName", "orders");
  }

  @Test
  void dataStillPartialAfterTheLastPageIsMarkedSo() {
    List<MetricSeries> series =
        MetricPages.join(
            List.of(API, ORDERS),
            List.of(page(null, result("m0", StatusCode.PARTIAL_DATA, 0, 30))));

    assertThat(series.get(0).isComplete()).isFalse();
    assertThat(series.get(0).statusCode()).isEqualTo("PartialData");
    assertThat(series.get(1).isComplete()).as("a query no page answered").isFalse();
  }

  @Test
  void dimensionsAreAlwaysSentInNameOrder() {
    // Map.of iterates in an order that changes from one JVM run to the next
    assertThat(API.dimensions().keySet()).containsExactly("ClusterName", "ServiceName");
    assertThat(
            new MetricLabel(
                    "AWS/ApplicationELB",
                    "RequestCount",
                    "Sum",
                    300,
                    Map.of("LoadBalancer", "app/web/1", "AvailabilityZone", "us-east-1a"))
                .dimensions()
                .keySet())
        .containsExactly("AvailabilityZone", "LoadBalancer");
  }
}
