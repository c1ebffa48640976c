package dev.fargatedoctor.snapshot.metrics;

import dev.fargatedoctor.snapshot.Lists;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch metric series from GetMetricData: what it is (namespace, name, dimensions,
 * statistic, period, unit), its points in time order, and whether CloudWatch returned all of them.
 * A series that was asked for and came back without points is kept, empty: the checks tell "no
 * data" from "not asked".
 *
 * @param statusCode GetMetricData's StatusCode for the series once every page was read: {@code
 *     Complete}, or {@code PartialData}, {@code InternalError}, {@code Forbidden} when points are
 *     missing; null in snapshots written before it was recorded (read as Complete)
 */
public record MetricSeries(
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    String stat,
    Integer periodSeconds,
    String unit,
    List<Instant> timestamps,
    List<Double> values,
    String statusCode) {
  public static final String COMPLETE = "Complete";

  public MetricSeries {
    dimensions = MetricLabel.ordered(dimensions);
    timestamps = Lists.of(timestamps);
    values = Lists.of(values);
    if (timestamps.size() != values.size()) {
      throw new IllegalArgumentException(
          metricName + ": " + timestamps.size() + " timestamps but " + values.size() + " values");
    }
  }

  public MetricSeries(
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      String stat,
      Integer periodSeconds,
      String unit,
      List<Instant> timestamps,
      List<Double> values) {
    this(namespace, metricName, dimensions, stat, periodSeconds, unit, timestamps, values, null);
  }

  /**
   * A series with its points sorted oldest first (GetMetricData answers newest first by default);
   * points with a null timestamp or value are dropped.
   */
  public static MetricSeries of(
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      String stat,
      Integer periodSeconds,
      String unit,
      List<Instant> timestamps,
      List<Double> values) {
    List<Integer> order = new ArrayList<>();
    int n =
        Math.min(timestamps == null ? 0 : timestamps.size(), values == null ? 0 : values.size());
    for (int i = 0; i < n; i++) {
      if (timestamps.get(i) != null && values.get(i) != null) order.add(i);
    }
    order.sort(Comparator.comparing(timestamps::get));
    return new MetricSeries(
        namespace,
        metricName,
        dimensions,
        stat,
        periodSeconds,
        unit,
        order.stream().map(timestamps::get).toList(),
        order.stream().map(values::get).toList(),
        null);
  }

  /** This series with GetMetricData's status for it. */
  public MetricSeries withStatus(String status) {
    return new MetricSeries(
        namespace, metricName, dimensions, stat, periodSeconds, unit, timestamps, values, status);
  }

  /** True unless CloudWatch said points are missing (PartialData, InternalError, Forbidden). */
  public boolean isComplete() {
    return statusCode == null || COMPLETE.equals(statusCode);
  }

  /** How a report names the series: {@code AWS/ECS MemoryUtilization (Average, 60 s)}. */
  public String describe() {
    return namespace + " " + metricName + " (" + stat + ", " + periodSeconds + " s)";
  }

  public int size() {
    return values.size();
  }

  /** True when this series has the name and carries every given dimension value. */
  public boolean is(String namespace, String metricName, Map<String, String> dims) {
    return java.util.Objects.equals(this.namespace, namespace)
        && java.util.Objects.equals(this.metricName, metricName)
        && dims.entrySet().stream().allMatch(e -> e.getValue().equals(dimensions.get(e.getKey())));
  }
}
