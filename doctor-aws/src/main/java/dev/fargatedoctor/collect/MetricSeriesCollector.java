package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.metrics.MetricLabel;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Reads the metric series the trend checks need with GetMetricData, many series per call: memory
 * per service (Container Insights MemoryUtilized and MemoryReserved in megabytes where the cluster
 * has Container Insights, AWS/ECS MemoryUtilization in percent where it does not or is unknown) at
 * one minute, and per Availability Zone of each Application Load Balancer its requests, 5XX
 * answers, target connection errors and p99 response time at five minutes. Each query's Label says
 * what the series is, exactly as the aws-CLI dumps carry it.
 */
final class MetricSeriesCollector {
  static final String ACTION = "cloudwatch:GetMetricData";
  static final int MAX_QUERIES = 500;

  /**
   * GetMetricData returns at most 100,800 points per call; batches stay under it so no call pages.
   */
  static final int MAX_POINTS = 100_800;

  static final int MEMORY_PERIOD = 60;
  static final int ALB_PERIOD = 300;

  private final CoverageLog log;
  private final Executor pool;
  private final Duration window;
  private final Instant end;

  MetricSeriesCollector(CoverageLog log, Executor pool, Duration window, Instant now) {
    this.log = log;
    this.pool = pool;
    this.window = window;
    this.end = now.truncatedTo(ChronoUnit.MINUTES);
  }

  CompletableFuture<List<MetricSeries>> collect(
      String region, CloudWatchClient cloudWatch, EcsData ecs, ElbData elb) {
    List<MetricLabel> wanted = queries(ecs, elb);
    if (wanted.isEmpty()) {
      log.markOk(region, ACTION);
      return CompletableFuture.completedFuture(List.of());
    }
    // Percentiles go in calls of their own: an endpoint that cannot compute them (some emulators
    // answer
    // HTTP 500) then costs only those series, and coverage says which.
    List<MetricLabel> plain = wanted.stream().filter(q -> !isPercentile(q)).toList();
    List<MetricLabel> percentiles =
        wanted.stream().filter(MetricSeriesCollector::isPercentile).toList();
    List<CompletableFuture<List<MetricSeries>>> calls = new ArrayList<>();
    for (List<MetricLabel> batch : batches(plain, window)) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> fetch(region, cloudWatch, batch, null).orElse(List.of()), pool));
    }
    for (List<MetricLabel> batch : batches(percentiles, window)) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> fetch(region, cloudWatch, batch, "percentile statistics").orElse(List.of()),
              pool));
    }
    return EcsCollector.joinAll(calls);
  }

  /** The series to read for a region's services and load balancers. */
  static List<MetricLabel> queries(EcsData ecs, ElbData elb) {
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    ecs.clusters().forEach(c -> clusters.put(c.clusterArn(), c));
    List<MetricLabel> out = new ArrayList<>();
    for (Service s : ecs.services()) {
      Map<String, String> dims =
          Map.of("ClusterName", s.clusterName(), "ServiceName", s.serviceName());
      Optional<Boolean> insights =
          Optional.ofNullable(clusters.get(s.clusterArn())).map(MetricSeriesCollector::insights);
      if (insights.orElse(true)) {
        out.add(
            new MetricLabel(
                "ECS/ContainerInsights", "MemoryUtilized", "Average", MEMORY_PERIOD, dims));
        out.add(
            new MetricLabel(
                "ECS/ContainerInsights", "MemoryReserved", "Average", MEMORY_PERIOD, dims));
      }
      if (!insights.orElse(false)) {
        out.add(new MetricLabel("AWS/ECS", "MemoryUtilization", "Average", MEMORY_PERIOD, dims));
      }
    }
    for (ElbData.LoadBalancer lb : elb.loadBalancers()) {
      if (!"application".equals(lb.type()) || lb.metricDimension() == null) continue;
      for (ElbData.AvailabilityZone az : lb.availabilityZones()) {
        Map<String, String> dims =
            Map.of("LoadBalancer", lb.metricDimension(), "AvailabilityZone", az.zoneName());
        for (String count :
            List.of("RequestCount", "HTTPCode_ELB_5XX_Count", "TargetConnectionErrorCount")) {
          out.add(new MetricLabel("AWS/ApplicationELB", count, "Sum", ALB_PERIOD, dims));
        }
        out.add(
            new MetricLabel("AWS/ApplicationELB", "TargetResponseTime", "p99", ALB_PERIOD, dims));
      }
    }
    return out;
  }

  static boolean isPercentile(MetricLabel q) {
    return q.stat().matches("(?i)p\\d.*|tm.*|tc.*|ts.*|wm.*|pr.*");
  }

  // Container Insights is on for a cluster whose containerInsights setting is enabled or enhanced.
  private static boolean insights(Cluster c) {
    return c.settings().stream()
        .filter(s -> "containerInsights".equals(s.name()))
        .map(KeyValue::value)
        .anyMatch(v -> "enabled".equals(v) || "enhanced".equals(v));
  }

  /** Queries grouped so each call stays within 500 queries and 100,800 points. */
  static List<List<MetricLabel>> batches(List<MetricLabel> queries, Duration window) {
    List<List<MetricLabel>> out = new ArrayList<>();
    List<MetricLabel> current = new ArrayList<>();
    long points = 0;
    for (MetricLabel q : queries) {
      long n = window.getSeconds() / q.periodSeconds() + 1;
      if (!current.isEmpty() && (current.size() == MAX_QUERIES || points + n > MAX_POINTS)) {
        out.add(current);
        current = new ArrayList<>();
        points = 0;
      }
      current.add(q);
      points += n;
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  private Optional<List<MetricSeries>> fetch(
      String region, CloudWatchClient cw, List<MetricLabel> batch, String what) {
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      MetricLabel q = batch.get(i);
      List<Dimension> dims =
          q.dimensions().entrySet().stream()
              .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build())
              .toList();
      queries.add(
          MetricDataQuery.builder()
              .id(MetricPages.id(i))
              .label(q.format())
              .returnData(true)
              .metricStat(
                  s ->
                      s.period(q.periodSeconds())
                          .stat(q.stat())
                          .metric(
                              m ->
                                  m.namespace(q.namespace())
                                      .metricName(q.metricName())
                                      .dimensions(dims)))
              .build());
    }
    return log.step(
        region,
        ACTION,
        what,
        () ->
            MetricPages.join(
                batch,
                cw.getMetricDataPaginator(
                    b ->
                        b.metricDataQueries(queries)
                            .startTime(end.minus(window))
                            .endTime(end)
                            .scanBy(ScanBy.TIMESTAMP_ASCENDING))));
  }
}
