package dev.fargatedoctor.publish;

import java.util.Map;

/**
 * One value watch publishes: a metric of its own namespace in one region, with its dimensions.
 *
 * @param unit a CloudWatch unit name: Count or Percent
 */
public record MetricDatum(
    String region, String name, Map<String, String> dimensions, double value, String unit) {
  public MetricDatum {
    dimensions = Map.copyOf(dimensions);
  }
}
