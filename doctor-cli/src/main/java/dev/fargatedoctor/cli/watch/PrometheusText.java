package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.publish.MetricDatum;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * watch's metrics in the Prometheus text exposition format, written by the Prometheus Java client's
 * text-format writer, by Prometheus's conventions: one name per meaning (the Region's network
 * interfaces and a VPC's are two metrics, not one told apart by its labels), ratios from 0 to 1
 * named {@code _ratio}, HELP on every metric, {@code _total} on counters only.
 *
 * <p>CloudWatch keeps its own names ({@link WatchMetrics}): there a metric is its name plus its
 * dimensions, and utilisation is a Percent; the alarms read those.
 */
final class PrometheusText {
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** One Prometheus metric: its name and help, and which CloudWatch datum it comes from. */
  enum Family {
    ENIS_IN_USE(
        "fargate_doctor_network_interfaces_in_use",
        "Network interfaces in the Region (all VPCs; the quota counts them all)."),
    VPC_ENIS_IN_USE(
        "fargate_doctor_vpc_network_interfaces_in_use", "Network interfaces in one VPC."),
    ENI_QUOTA(
        "fargate_doctor_network_interfaces_quota",
        "Network interfaces per Region quota (vpc/L-DF5E4CA3)."),
    ENI_QUOTA_RATIO(
        "fargate_doctor_network_interfaces_quota_utilization_ratio",
        "Network interfaces in the Region as a fraction (0 to 1) of the Region's quota."),
    VPC_ENI_QUOTA_RATIO(
        "fargate_doctor_vpc_network_interfaces_quota_share_ratio",
        "Network interfaces in one VPC as a fraction (0 to 1) of the Region's quota (the quota is"
            + " per Region, not per VPC)."),
    SUBNET_FREE_IPS(
        "fargate_doctor_subnet_available_ip_addresses",
        "Free IP addresses of a subnet that ECS services place tasks in."),
    FINDINGS(
        "fargate_doctor_findings",
        "Findings that are problems (FAIL or WARN) in the last cycle, by severity.");

    final String metricName;
    final String help;

    Family(String metricName, String help) {
      this.metricName = metricName;
      this.help = help;
    }

    /** The family of a CloudWatch datum: its name, and for VPC data, that it is per VPC. */
    static Family of(MetricDatum d) {
      boolean perVpc = d.dimensions().containsKey(WatchMetrics.VPC);
      return switch (d.name()) {
        case WatchMetrics.ENIS_IN_USE -> perVpc ? VPC_ENIS_IN_USE : ENIS_IN_USE;
        case WatchMetrics.ENI_QUOTA -> ENI_QUOTA;
        case WatchMetrics.ENI_UTILIZATION -> perVpc ? VPC_ENI_QUOTA_RATIO : ENI_QUOTA_RATIO;
        case WatchMetrics.SUBNET_FREE_IPS -> SUBNET_FREE_IPS;
        case WatchMetrics.FINDINGS -> FINDINGS;
        default -> throw new IllegalArgumentException("no Prometheus name for " + d.name());
      };
    }
  }

  /** The watch's own counts, exposed beside the account's metrics. */
  public record Counters(
      long cycles,
      long failedCycles,
      long lastCycleEpochSecond,
      long notificationsSent,
      long notificationsFailed) {}

  private PrometheusText() {}

  public static String render(List<MetricDatum> data, Counters counters) {
    Map<Family, List<GaugeDataPointSnapshot>> points = new LinkedHashMap<>();
    for (Family f : Family.values()) points.put(f, new ArrayList<>());
    for (MetricDatum d : data) {
      Family f = Family.of(d);
      // Never clamped: a ratio above 1 (more in use than the quota) is the truth to alert on.
      double value =
          "Percent".equals(d.unit())
              ? java.math.BigDecimal.valueOf(d.value()).movePointLeft(2).doubleValue()
              : d.value();
      points.get(f).add(GaugeDataPointSnapshot.builder().labels(labels(d)).value(value).build());
    }
    List<MetricSnapshot> out = new ArrayList<>();
    points.forEach(
        (f, list) -> {
          if (!list.isEmpty())
            out.add(new GaugeSnapshot(new MetricMetadata(f.metricName, f.help), list));
        });
    out.add(
        counter(
            "fargate_doctor_watch_cycles",
            "Cycles watch has run since it started, failed ones included.",
            counters.cycles()));
    out.add(
        counter(
            "fargate_doctor_watch_failed_cycles",
            "Cycles that failed (logged on stderr) since watch started.",
            counters.failedCycles()));
    out.add(
        counter(
            "fargate_doctor_watch_notifications",
            "Notifications (--notify) delivered since watch started.",
            counters.notificationsSent()));
    out.add(
        counter(
            "fargate_doctor_watch_notification_failures",
            "Notifications that could not be delivered (logged on stderr; retried next cycle).",
            counters.notificationsFailed()));
    out.add(
        new GaugeSnapshot(
            new MetricMetadata(
                "fargate_doctor_watch_last_cycle_timestamp_seconds",
                "Unix time at which the last cycle that succeeded started."),
            List.of(
                GaugeDataPointSnapshot.builder().value(counters.lastCycleEpochSecond()).build())));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create()
          .write(bytes, new MetricSnapshots(out), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return new CounterSnapshot(
        new MetricMetadata(name, help),
        List.of(CounterDataPointSnapshot.builder().value(value).build()));
  }

  /** The Region and the datum's dimensions in snake_case (the Region dimension is the region). */
  private static Labels labels(MetricDatum d) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("region", d.region());
    d.dimensions().forEach((k, v) -> labels.put(snake(k), v));
    return Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
