package dev.fargatedoctor.snapshot.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a GetMetricData series is, written into the query's Label. GetMetricData answers with the
 * query's Id and Label only, so the label is what tells a saved {@code aws cloudwatch
 * get-metric-data} dump's series apart: {@code NAMESPACE|METRIC|STAT|PERIOD|Key=Value,Key=Value},
 * e.g. {@code
 * ECS/ContainerInsights|MemoryUtilized|Average|60|ClusterName=production,ServiceName=api}. The live
 * collector labels its queries the same way.
 */
public record MetricLabel(
    String namespace,
    String metricName,
    String stat,
    int periodSeconds,
    Map<String, String> dimensions) {
  public MetricLabel {
    dimensions = ordered(dimensions);
  }

  /**
   * Dimensions in name order, always: CloudWatch matches them in any order, but moto compares them
   * in the order they were stored, and a hash map's order changes from one JVM run to the next.
   */
  public static Map<String, String> ordered(Map<String, String> dimensions) {
    return dimensions == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(dimensions)));
  }

  public String format() {
    StringBuilder dims = new StringBuilder();
    dimensions.forEach(
        (k, v) -> dims.append(dims.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return namespace + "|" + metricName + "|" + stat + "|" + periodSeconds + "|" + dims;
  }

  /** Reads a label of this form, or empty when it is not one. */
  public static Optional<MetricLabel> parse(String label) {
    if (label == null) return Optional.empty();
    String[] f = label.split("\\|", -1);
    if (f.length != 5 || Arrays.stream(f, 0, 3).anyMatch(String::isBlank)) return Optional.empty();
    int period;
    try {
      period = Integer.parseInt(f[3]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Map<String, String> dims = new LinkedHashMap<>();
    if (!f[4].isEmpty()) {
      for (String pair : f[4].split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) return Optional.empty();
        dims.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return Optional.of(new MetricLabel(f[0], f[1], f[2], period, dims));
  }

  /** The series' unit as CloudWatch documents it (GetMetricData does not return units). */
  public String unit() {
    return switch (metricName) {
      case "MemoryUtilized", "MemoryReserved" -> "Megabytes";
      case "MemoryUtilization", "CPUUtilization" -> "Percent";
      case "TargetResponseTime" -> "Seconds";
      default -> metricName.endsWith("Count") ? "Count" : null;
    };
  }

  /** A series of this identity with its points. */
  public MetricSeries series(
      java.util.List<java.time.Instant> timestamps, java.util.List<Double> values) {
    return MetricSeries.of(
        namespace, metricName, dimensions, stat, periodSeconds, unit(), timestamps, values);
  }

  /** A series of this identity with its points and GetMetricData's status for it. */
  public MetricSeries series(
      java.util.List<java.time.Instant> timestamps,
      java.util.List<Double> values,
      String statusCode) {
    return series(timestamps, values).withStatus(statusCode);
  }
}
