package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.publish.MetricDatum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * watch's metrics in the Prometheus text exposition format (0.0.4): one gauge family per metric,
 * snake_case names under {@code fargate_doctor_}, the region and dimensions as labels.
 */
final class PrometheusText {
  private PrometheusText() {}

  public static String render(List<MetricDatum> data, Map<String, Double> extra) {
    Map<String, StringBuilder> families = new LinkedHashMap<>();
    for (MetricDatum d : data) {
      String name = name(d.name(), d.unit());
      StringBuilder family =
          families.computeIfAbsent(
              name,
              n ->
                  new StringBuilder()
                      .append("# HELP ")
                      .append(n)
                      .append(' ')
                      .append(help(d.name()))
                      .append('\n')
                      .append("# TYPE ")
                      .append(n)
                      .append(" gauge\n"));
      Map<String, String> labels = new TreeMap<>();
      labels.put("region", d.region());
      d.dimensions().forEach((k, v) -> labels.put(snake(k), v));
      family.append(name).append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) family.append(',');
        family.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        first = false;
      }
      family.append("} ").append(value(d.value())).append('\n');
    }
    StringBuilder out = new StringBuilder();
    families.values().forEach(out::append);
    extra.forEach(
        (name, v) ->
            out.append("# TYPE ")
                .append(name)
                .append(name.endsWith("_total") ? " counter\n" : " gauge\n")
                .append(name)
                .append(' ')
                .append(value(v))
                .append('\n'));
    return out.toString();
  }

  static String name(String metric, String unit) {
    return "fargate_doctor_" + snake(metric) + ("Percent".equals(unit) ? "_percent" : "");
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String help(String metric) {
    return switch (metric) {
      case WatchMetrics.ENIS_IN_USE -> "Network interfaces in the Region or VPC.";
      case WatchMetrics.ENI_QUOTA -> "Network interfaces per Region quota (vpc/L-DF5E4CA3).";
      case WatchMetrics.ENI_UTILIZATION ->
          "Network interfaces as a percentage of the Region quota.";
      case WatchMetrics.SUBNET_FREE_IPS ->
          "Free IP addresses of a subnet ECS services place tasks in.";
      case WatchMetrics.FINDINGS -> "Findings that are problems (FAIL or WARN), by severity.";
      default -> metric;
    };
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String value(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
