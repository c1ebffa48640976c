package dev.fargatedoctor.snapshot.metrics;

import dev.fargatedoctor.snapshot.Lists;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch metric series from GetMetricData: what it is (namespace, name, dimensions,
 * statistic, period, unit) and its points in time order.
 */
public record MetricSeries(String namespace, String metricName, Map<String, String> dimensions, String stat,
                           Integer periodSeconds, String unit, List<Instant> timestamps, List<Double> values) {
  public MetricSeries {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    timestamps = Lists.of(timestamps);
    values = Lists.of(values);
  }
}
