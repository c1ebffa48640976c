package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.metrics.MetricLabel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which series a scan asks CloudWatch for, and how few GetMetricData calls carry them. */
class MetricBatchesTest {
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/production";

  private static Service service(String name) {
    return new Service(
        "arn:aws:ecs:us-east-1:123456789012:service/production/" + name,
        name,
        CLUSTER,
        "ACTIVE",
        2,
        2,
        0,
        "FARGATE",
        null,
        "1.4.0",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Cluster cluster(String insights) {
    return new Cluster(
        CLUSTER,
        "production",
        "ACTIVE",
        0,
        0,
        0,
        null,
        insights == null ? List.of() : List.of(new KeyValue("containerInsights", insights)));
  }

  @Test
  void containerInsightsClustersGetMegabytesAndOthersGetThePercentOfAwsEcs() {
    List<MetricLabel> on =
        MetricSeriesCollector.queries(
            new EcsData(List.of(cluster("enabled")), List.of(service("api")), null, null),
            ElbData.EMPTY);
    assertThat(on)
        .extracting(MetricLabel::format)
        .containsExactly(
            "ECS/ContainerInsights|MemoryUtilized|Average|60|ClusterName=production,ServiceName=api",
            "ECS/ContainerInsights|MemoryReserved|Average|60|ClusterName=production,ServiceName=api");
    List<MetricLabel> off =
        MetricSeriesCollector.queries(
            new EcsData(List.of(cluster("disabled")), List.of(service("api")), null, null),
            ElbData.EMPTY);
    assertThat(off)
        .extracting(MetricLabel::format)
        .containsExactly(
            "AWS/ECS|MemoryUtilization|Average|60|ClusterName=production,ServiceName=api");
    // a cluster that could not be described: ask for both rather than guess
    assertThat(
            MetricSeriesCollector.queries(
                new EcsData(null, List.of(service("api")), null, null), ElbData.EMPTY))
        .hasSize(3);
  }

  @Test
  void everyAzOfAnApplicationLoadBalancerGetsItsErrorAndLatencySeries() {
    ElbData elb =
        new ElbData(
            List.of(
                new ElbData.LoadBalancer(
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
                    "web",
                    "application",
                    "internet-facing",
                    "vpc-1",
                    List.of(
                        new ElbData.AvailabilityZone("us-east-1a", "subnet-a"),
                        new ElbData.AvailabilityZone("us-east-1b", "subnet-b"))),
                new ElbData.LoadBalancer(
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/tcp/1",
                    "tcp",
                    "network",
                    "internal",
                    "vpc-1",
                    List.of(new ElbData.AvailabilityZone("us-east-1a", "subnet-a")))),
            null,
            null);
    List<MetricLabel> q = MetricSeriesCollector.queries(EcsData.EMPTY, elb);
    assertThat(q)
        .hasSize(8)
        .allSatisfy(
            l ->
                assertThat(l.dimensions().get("LoadBalancer"))
                    .isEqualTo("app/web/50dc6c495c0c9188"));
    assertThat(q)
        .filteredOn(MetricSeriesCollector::isPercentile)
        .extracting(MetricLabel::metricName)
        .containsOnly("TargetResponseTime");
  }

  @Test
  void twoThousandServicesOfSixHoursAtOneMinuteNeedFifteenCallsAndNoPaging() {
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < 2000; i++) services.add(service("svc-" + i));
    List<MetricLabel> q =
        MetricSeriesCollector.queries(
            new EcsData(List.of(cluster("enabled")), services, null, null), ElbData.EMPTY);

    List<List<MetricLabel>> batches = MetricSeriesCollector.batches(q, Duration.ofHours(6));

    // 4,000 series of 361 points: 279 fit the 100,800-point limit of one call
    assertThat(batches)
        .hasSize(15)
        .allSatisfy(b -> assertThat(b.size() * 361).isLessThanOrEqualTo(100_800));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(4000);
  }

  @Test
  void shortSeriesAreLimitedByTheFiveHundredQueriesOfOneCall() {
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < 600; i++) services.add(service("svc-" + i));
    List<MetricLabel> q =
        MetricSeriesCollector.queries(
            new EcsData(List.of(cluster("disabled")), services, null, null), ElbData.EMPTY);
    assertThat(MetricSeriesCollector.batches(q, Duration.ofMinutes(30)))
        .extracting(List::size)
        .containsExactly(500, 100);
  }
}
