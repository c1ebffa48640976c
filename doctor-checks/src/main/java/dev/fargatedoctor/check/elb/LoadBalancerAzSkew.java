package dev.fargatedoctor.check.elb;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An Application Load Balancer whose errors or latency concentrate in one Availability Zone: 5XX
 * answers of the load balancer itself, connection errors to targets, or p99 target response time.
 * The "1 % of requests fail" kind of incident is often one AZ: a subnet routed to another AZ's NAT
 * gateway, a network ACL on one subnet, the unhealthy targets of one AZ.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "LB-AZ-SKEW",
    title = "Load balancer errors or latency concentrated in one AZ",
    law = Law.ONE_PERCENT_FAIL,
    severity = Severity.MEDIUM,
    needs = {Input.ECS_SERVICES, Input.LOAD_BALANCERS, Input.METRICS})
public final class LoadBalancerAzSkew implements Check {
  static final String NAMESPACE = "AWS/ApplicationELB";
  static final List<String> ERROR_METRICS =
      List.of("HTTPCode_ELB_5XX_Count", "TargetConnectionErrorCount");

  /** Fewer errors than this in an AZ over the window are noise. */
  static final double MIN_ERRORS = 10;

  /** An AZ stands out when its error rate (or p99) is this many times the other AZs'. */
  static final double FACTOR = 3;

  static final double LATENCY_FACTOR = 2;
  static final double MIN_LATENCY_GAP_SECONDS = 0.1;

  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().data().elb().loadBalancers(),
        lb -> new Resource("load-balancer", lb.loadBalancerName(), lb.loadBalancerArn()),
        lb -> judgeLoadBalancer(ctx, lb));
  }

  private static List<Finding> judgeLoadBalancer(CheckContext ctx, ElbData.LoadBalancer lb) {
    String dim = lb.metricDimension();
    if (!"application".equals(lb.type()) || dim == null) return List.of();
    Map<String, Map<String, MetricSeries>> byAz = new TreeMap<>();
    for (MetricSeries m : ctx.region().data().metrics()) {
      if (!NAMESPACE.equals(m.namespace()) || !dim.equals(m.dimensions().get("LoadBalancer")))
        continue;
      String az = m.dimensions().get("AvailabilityZone");
      if (az != null && !m.dimensions().containsKey("TargetGroup")) {
        byAz.computeIfAbsent(az, k -> new TreeMap<>()).put(m.metricName(), m);
      }
    }
    if (byAz.size() < 2) return List.of();
    List<String> incomplete = new ArrayList<>();
    byAz.forEach(
        (az, series) ->
            series.values().stream()
                .filter(m -> !m.isComplete())
                .forEach(m -> incomplete.add(az + ": " + m.describe() + " " + m.statusCode())));
    if (!incomplete.isEmpty()) {
      // Missing points read as "no errors": judge nothing rather than a skew that is not there.
      return List.of(
          ctx.finding(new Resource("load-balancer", lb.loadBalancerName(), lb.loadBalancerArn()))
              .unknown(
                  lb.loadBalancerName()
                      + ": CloudWatch returned part of its metrics ("
                      + incomplete.get(0)
                      + (incomplete.size() > 1 ? " and " + (incomplete.size() - 1) + " more" : "")
                      + ")")
              .evidence("incomplete series", incomplete)
              .fix(
                  "GetMetricData did not return every point of these series: scan again; if it persists,"
                      + " read them with aws cloudwatch get-metric-data.")
              .build());
    }
    return List.of(judge(ctx, lb, byAz));
  }

  private static Finding judge(
      CheckContext ctx, ElbData.LoadBalancer lb, Map<String, Map<String, MetricSeries>> byAz) {
    List<Fact> standouts = new ArrayList<>();
    List<Fact> table = new ArrayList<>();
    Optional<String[]> first = Optional.empty(); // {az, metric, statistic}
    for (String az : byAz.keySet())
      table.add(Fact.line(az + ": " + row(byAz.get(az)), facts(az, byAz.get(az))));
    for (String metric : ERROR_METRICS) {
      for (String az : byAz.keySet()) {
        double errors = sum(byAz.get(az).get(metric));
        if (errors < MIN_ERRORS) continue;
        double rate = rate(errors, byAz.get(az));
        double others =
            byAz.keySet().stream()
                .filter(o -> !o.equals(az))
                .mapToDouble(o -> rate(sum(byAz.get(o).get(metric)), byAz.get(o)))
                .max()
                .orElse(0);
        if (rate >= FACTOR * others && rate > 0) {
          standouts.add(
              Fact.line(
                  az
                      + ": "
                      + metric
                      + " "
                      + Math.round(errors)
                      + (others == 0
                          ? " while the other AZs have none"
                          : String.format(
                              Locale.ROOT, ", %.1f× the other AZs' rate", rate / others)),
                  "availabilityZone",
                  az,
                  "metric",
                  metric,
                  "errors",
                  Math.round(errors),
                  "timesOtherAzsRate",
                  others == 0 ? null : rate / others));
          if (first.isEmpty()) first = Optional.of(new String[] {az, metric, "Sum"});
        }
      }
    }
    for (String az : byAz.keySet()) {
      double p99 = median(byAz.get(az).get("TargetResponseTime"));
      if (Double.isNaN(p99)) continue;
      double others =
          median(
              byAz.keySet().stream()
                  .filter(o -> !o.equals(az))
                  .mapToDouble(o -> median(byAz.get(o).get("TargetResponseTime")))
                  .filter(v -> !Double.isNaN(v))
                  .toArray());
      if (!Double.isNaN(others)
          && p99 >= LATENCY_FACTOR * others
          && p99 - others >= MIN_LATENCY_GAP_SECONDS) {
        standouts.add(
            Fact.line(
                az
                    + String.format(
                        Locale.ROOT,
                        ": p99 target response time %.2f s against %.2f s elsewhere",
                        p99,
                        others),
                "availabilityZone",
                az,
                "metric",
                "TargetResponseTime",
                "p99Seconds",
                p99,
                "elsewhereP99Seconds",
                others));
        if (first.isEmpty()) first = Optional.of(new String[] {az, "TargetResponseTime", "p99"});
      }
    }
    FindingBuilder f =
        ctx.finding(new Resource("load-balancer", lb.loadBalancerName(), lb.loadBalancerArn()))
            .evidence("by AZ", table);
    boolean quiet =
        byAz.values().stream().flatMap(m -> m.values().stream()).allMatch(m -> m.size() == 0);
    if (quiet) {
      // ALB metrics have points only where requests flowed: no point at all is no traffic.
      return f.pass(lb.loadBalancerName() + ": no requests in the window read").build();
    }
    if (standouts.isEmpty()) {
      return f.pass(
              lb.loadBalancerName() + ": errors and latency even across " + byAz.size() + " AZs")
          .build();
    }
    String[] s = first.orElseThrow();
    Instant end = ctx.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(Duration.ofHours(6));
    AwsCommand stats =
        AwsCommand.of("cloudwatch", "get-metric-statistics")
            .opt("--namespace", NAMESPACE)
            .opt("--metric-name", s[1])
            .optShell(
                "--dimensions",
                "Name=LoadBalancer,Value="
                    + AwsCommand.quoteId(lb.metricDimension())
                    + " Name=AvailabilityZone,Value="
                    + AwsCommand.quoteId(s[0]))
            .opt("--start-time", start.toString())
            .opt("--end-time", end.toString())
            .opt("--period", 300);
    stats =
        s[2].equals("p99")
            ? stats.opt("--extended-statistics", "p99")
            : stats.opt("--statistics", "Sum");
    return f.fail(
            lb.loadBalancerName()
                + ": "
                + standouts.get(0)
                + (standouts.size() > 1 ? " (and " + (standouts.size() - 1) + " more)" : ""))
        .evidence("stands out", standouts)
        .fix(
            "Compare what differs in that AZ: its subnets' routes (a default route to another AZ's NAT gateway, see "
                + "ROUTE-CROSS-AZ-NAT), network ACLs, and the targets registered there (LB-UNHEALTHY-TARGETS). If the AZ "
                + "itself is impaired, take its subnet out of the load balancer until it recovers.",
            stats.region(ctx.region().name()))
        .build();
  }

  // The same numbers as row(), for scripts: requests, each error metric, p99 in seconds.
  private static Map<String, Object> facts(String az, Map<String, MetricSeries> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("availabilityZone", az);
    if (m.containsKey("RequestCount")) out.put("requests", Math.round(sum(m.get("RequestCount"))));
    for (String metric : ERROR_METRICS) {
      if (m.containsKey(metric)) out.put(metric, Math.round(sum(m.get(metric))));
    }
    double p99 = median(m.get("TargetResponseTime"));
    if (!Double.isNaN(p99)) out.put("p99Seconds", p99);
    return out;
  }

  private static String row(Map<String, MetricSeries> m) {
    List<String> parts = new ArrayList<>();
    if (m.containsKey("RequestCount"))
      parts.add(Math.round(sum(m.get("RequestCount"))) + " requests");
    for (String metric : ERROR_METRICS) {
      if (m.containsKey(metric)) parts.add(metric + " " + Math.round(sum(m.get(metric))));
    }
    double p99 = median(m.get("TargetResponseTime"));
    if (!Double.isNaN(p99)) parts.add(String.format(Locale.ROOT, "p99 %.2f s", p99));
    return String.join(", ", parts);
  }

  // Errors per request when requests are known; otherwise errors alone, compared AZ to AZ.
  private static double rate(double errors, Map<String, MetricSeries> az) {
    double requests = sum(az.get("RequestCount"));
    return requests > 0 ? errors / requests : errors;
  }

  private static double sum(MetricSeries s) {
    return s == null ? 0 : s.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double median(MetricSeries s) {
    return s == null
        ? Double.NaN
        : median(s.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] xs) {
    if (xs.length == 0) return Double.NaN;
    double[] v = xs.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
