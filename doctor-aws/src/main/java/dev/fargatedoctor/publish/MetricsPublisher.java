package dev.fargatedoctor.publish;

import dev.fargatedoctor.collect.AwsClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum.Builder;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Puts watch's metrics into CloudWatch, each region's into that region, under one namespace. This
 * PutMetricData is one of the opt-in writes (README lists them all), made only with {@code watch
 * --publish cloudwatch}; docs/iam-policy-watch-publish.json grants exactly it, for this namespace.
 */
public final class MetricsPublisher {
  /** CloudWatch takes up to 1,000 values per PutMetricData call. */
  static final int BATCH = 1000;

  private final AwsClients clients;
  private final String namespace;

  public MetricsPublisher(AwsClients clients, String namespace) {
    this.clients = clients;
    this.namespace = namespace;
  }

  /**
   * Publishes every datum stamped with the given time; returns the number of PutMetricData calls.
   */
  public int publish(List<MetricDatum> data, Instant timestamp) {
    Map<String, List<MetricDatum>> byRegion = new LinkedHashMap<>();
    for (MetricDatum d : data) byRegion.computeIfAbsent(d.region(), k -> new ArrayList<>()).add(d);
    int calls = 0;
    for (Map.Entry<String, List<MetricDatum>> e : byRegion.entrySet()) {
      List<MetricDatum> list = e.getValue();
      for (int from = 0; from < list.size(); from += BATCH) {
        List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> batch =
            new ArrayList<>();
        for (MetricDatum d : list.subList(from, Math.min(list.size(), from + BATCH)))
          batch.add(toSdk(d, timestamp));
        clients.cloudWatch(e.getKey()).putMetricData(b -> b.namespace(namespace).metricData(batch));
        calls++;
      }
    }
    return calls;
  }

  private static software.amazon.awssdk.services.cloudwatch.model.MetricDatum toSdk(
      MetricDatum d, Instant t) {
    Builder b =
        software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder()
            .metricName(d.name())
            .value(d.value())
            .timestamp(t)
            .unit("Percent".equals(d.unit()) ? StandardUnit.PERCENT : StandardUnit.COUNT);
    List<Dimension> dims = new ArrayList<>();
    d.dimensions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(x -> dims.add(Dimension.builder().name(x.getKey()).value(x.getValue()).build()));
    return b.dimensions(dims).build();
  }
}
