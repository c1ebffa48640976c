package dev.fargatedoctor.check.metrics;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Durations;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Memory of a service that rises steadily toward its limit, read from Container Insights'
 * MemoryUtilized (megabytes, average per task) or, without Container Insights, AWS/ECS
 * MemoryUtilization (percent of the task's memory). The slope is robust (Theil–Sen within the
 * pieces between restarts), so a saw-tooth of OOM kills and replacements still shows its climb, and
 * noise on a flat line does not read as one.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "MEMORY-LEAK-TREND",
    title = "Memory climbs steadily toward the task limit",
    law = Law.MEMORY_CLIMBS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASK_DEFINITIONS, Input.METRICS})
public final class MemoryLeakTrend implements Check {
  static final String INSIGHTS = "ECS/ContainerInsights";
  static final String ECS = "AWS/ECS";

  /** A leak must add at least this share of the limit over the window to matter. */
  static final double MIN_RISE_OF_LIMIT = 0.05;

  /** Share of rising pairs: 0.5 is a coin toss, a steady climb is well above. */
  static final double MIN_CONCORDANCE = 0.65;

  static final double MIN_SPAN_HOURS = 1.0;
  static final Duration URGENT = Duration.ofHours(24);

  /** The series a service's memory is read from, in the order they are preferred. */
  static final List<String[]> MEMORY_METRICS =
      List.of(new String[] {INSIGHTS, "MemoryUtilized"}, new String[] {ECS, "MemoryUtilization"});

  @Override
  public List<Finding> run(CheckContext ctx) {
    Map<String, MetricSeries> byService = index(ctx.region().data().metrics());
    return ctx.each(
        ctx.region().services(), Resource::service, s -> List.of(judgeService(ctx, s, byService)));
  }

  // A trend needs a complete series with points; anything less says which metric fell short.
  private static Finding judgeService(
      CheckContext ctx, Service s, Map<String, MetricSeries> byService) {
    Optional<Memory> memory = memory(ctx, s, byService);
    if (memory.isPresent()) {
      MetricSeries used = memory.get().series();
      return used.isComplete() ? judge(ctx, s, memory.get()) : partial(ctx, s, used);
    }
    List<String> asked = new ArrayList<>();
    List<MetricSeries> found = new ArrayList<>();
    for (String[] metric : MEMORY_METRICS) {
      MetricSeries m = byService.get(key(metric[0], metric[1], s.clusterName(), s.serviceName()));
      if (m == null) continue;
      found.add(m);
      asked.add(m.describe() + ": " + (m.isComplete() ? "no data points" : m.statusCode()));
    }
    FindingBuilder f = ctx.finding(Resource.service(s)).evidence("running tasks", s.runningCount());
    if (Integer.valueOf(0).equals(s.runningCount())
        && found.stream().allMatch(MetricSeries::isComplete)) {
      return f.evidence("metrics", asked.isEmpty() ? null : asked)
          .pass(s.serviceName() + ": no task running, so no memory to trend")
          .build();
    }
    String names =
        String.join(" or ", List.of(INSIGHTS + " MemoryUtilized", ECS + " MemoryUtilization"));
    return f.evidence("metrics", asked.isEmpty() ? List.of(names + ": not in the snapshot") : asked)
        .unknown(
            s.serviceName()
                + ": no memory data to judge a trend by ("
                + (asked.isEmpty() ? names + " not in the snapshot" : String.join("; ", asked))
                + ")")
        .fix(
            "AWS/ECS MemoryUtilization is published for every service with running tasks, Container Insights'"
                + " MemoryUtilized where the cluster has it on. Make sure the identity that scans may call"
                + " cloudwatch:GetMetricData and that CloudWatch has the metric for this service, then scan again.",
            listMetrics(ctx, s))
        .build();
  }

  private static Finding partial(CheckContext ctx, Service s, MetricSeries used) {
    return ctx.finding(Resource.service(s))
        .evidence("series", used.describe() + ", " + used.size() + " points")
        .evidence("status", used.statusCode())
        .unknown(
            s.serviceName()
                + ": "
                + used.describe()
                + " came back incomplete ("
                + used.statusCode()
                + "): a trend over part of the window could mislead")
        .fix(
            "CloudWatch did not return every point (GetMetricData StatusCode "
                + used.statusCode()
                + "). Scan again; if it persists, read the series yourself:",
            listMetrics(ctx, s))
        .build();
  }

  private static String listMetrics(CheckContext ctx, Service s) {
    return AwsCommand.of("cloudwatch", "list-metrics")
        .opt("--namespace", ECS)
        .opt("--metric-name", "MemoryUtilization")
        .optShell(
            "--dimensions",
            "Name=ClusterName,Value="
                + AwsCommand.quoteId(s.clusterName())
                + " Name=ServiceName,Value="
                + AwsCommand.quoteId(s.serviceName()))
        .region(ctx.region().name());
  }

  /** A service's memory series in megabytes, with the limit it runs against. */
  record Memory(
      MetricSeries series,
      double[] hours,
      double[] megabytes,
      Double limitMb,
      String limitSource,
      String source) {}

  // One pass over the region's series, so a region of thousands of services is not searched per
  // service.
  private static Map<String, MetricSeries> index(List<MetricSeries> metrics) {
    Map<String, MetricSeries> out = new java.util.HashMap<>();
    for (MetricSeries m : metrics) {
      String cluster = m.dimensions().get("ClusterName");
      String service = m.dimensions().get("ServiceName");
      if (cluster != null && service != null && m.dimensions().size() == 2) {
        out.putIfAbsent(key(m.namespace(), m.metricName(), cluster, service), m);
      }
    }
    return out;
  }

  private static String key(String namespace, String metric, String cluster, String service) {
    return namespace + "|" + metric + "|" + cluster + "|" + service;
  }

  static Optional<Memory> memory(CheckContext ctx, Service s, Map<String, MetricSeries> byService) {
    Optional<TaskDefinition> td = ctx.region().taskDefinition(s.taskDefinition());
    Double taskMemory = td.map(TaskDefinition::memory).map(MemoryLeakTrend::number).orElse(null);
    java.util.function.BiFunction<String, String, Optional<MetricSeries>> find =
        (ns, name) ->
            Optional.ofNullable(byService.get(key(ns, name, s.clusterName(), s.serviceName())));
    Duration window = Duration.ofHours(ctx.thresholds().trendWindowHours());
    Optional<MetricSeries> utilized =
        find.apply(INSIGHTS, "MemoryUtilized").map(m -> lastHours(m, window));
    if (utilized.isPresent() && utilized.get().size() > 0) {
      Double limit = taskMemory;
      String limitSource = "task memory";
      if (limit == null) {
        limit =
            find.apply(INSIGHTS, "MemoryReserved")
                .filter(m -> m.size() > 0)
                .map(m -> m.values().get(m.size() - 1))
                .orElse(null);
        limitSource = "MemoryReserved";
      }
      return Optional.of(
          new Memory(
              utilized.get(),
              hours(utilized.get()),
              values(utilized.get(), 1),
              limit,
              limitSource,
              INSIGHTS + " MemoryUtilized (" + utilized.get().stat() + ", MB per task)"));
    }
    Optional<MetricSeries> percent =
        find.apply(ECS, "MemoryUtilization").map(m -> lastHours(m, window));
    if (percent.isPresent() && percent.get().size() > 0) {
      // Percent of the reservation; with the task's memory known it becomes megabytes.
      if (taskMemory != null) {
        return Optional.of(
            new Memory(
                percent.get(),
                hours(percent.get()),
                values(percent.get(), taskMemory / 100),
                taskMemory,
                "task memory",
                ECS
                    + " MemoryUtilization ("
                    + percent.get().stat()
                    + ", % of "
                    + Math.round(taskMemory)
                    + " MiB)"));
      }
      return Optional.of(
          new Memory(
              percent.get(),
              hours(percent.get()),
              values(percent.get(), 1),
              100.0,
              "100 % of the reservation",
              ECS + " MemoryUtilization (" + percent.get().stat() + ", %)"));
    }
    return Optional.empty();
  }

  private static Finding judge(CheckContext ctx, Service s, Memory m) {
    Resource resource = Resource.service(s);
    String unit = m.source().endsWith(", %)") ? "%" : "MB";
    FindingBuilder f =
        ctx.finding(resource)
            .evidence(
                "series",
                Fact.line(
                    m.source()
                        + ", "
                        + m.series().size()
                        + " points over "
                        + fmt(m.hours()[m.hours().length - 1] - m.hours()[0])
                        + " h",
                    "source",
                    m.source(),
                    "points",
                    m.series().size(),
                    "spanHours",
                    m.hours()[m.hours().length - 1] - m.hours()[0]));
    RobustTrend.Fit fit = RobustTrend.fit(m.hours(), m.megabytes());
    if (fit == null || fit.spanHours() < MIN_SPAN_HOURS) {
      return f.pass(s.serviceName() + ": too little memory data for a trend").build();
    }
    double rise = fit.slopePerHour() * fit.spanHours();
    // Keys carry the series' unit: Container Insights gives megabytes, AWS/ECS percent.
    String keyUnit = unit.equals("%") ? "Percent" : "Megabytes";
    f.evidence(
            "growth",
            "growth" + keyUnit + "PerHour",
            Fact.of(fmt(fit.slopePerHour()) + " " + unit + "/hour", fit.slopePerHour()))
        .evidence(
            "current", "current" + keyUnit, Fact.of(fmt(fit.level()) + " " + unit, fit.level()))
        .evidence(
            "limit",
            "limit" + keyUnit,
            m.limitMb() == null
                ? Fact.of("unknown", null)
                : Fact.of(
                    fmt(m.limitMb()) + " " + unit + " (" + m.limitSource() + ")", m.limitMb()))
        .fact("limitSource", m.limitSource())
        .evidence(
            "steadiness",
            "risingPairsPercent",
            Fact.of(
                Math.round(fit.concordance() * 100) + " % of point pairs rise",
                Math.round(fit.concordance() * 100)))
        .evidence("restarts seen", fit.restarts() == 0 ? null : fit.restarts());
    boolean steady =
        fit.slopePerHour() > 0
            && fit.concordance() >= MIN_CONCORDANCE
            && rise > 2 * fit.noise()
            && (m.limitMb() == null || rise >= MIN_RISE_OF_LIMIT * m.limitMb());
    if (!steady) {
      return f.pass(
              s.serviceName()
                  + ": memory is flat ("
                  + fmt(fit.slopePerHour())
                  + " "
                  + unit
                  + "/hour, "
                  + Math.round(fit.concordance() * 100)
                  + " % of pairs rising)")
          .build();
    }
    String title =
        s.serviceName() + ": memory climbs " + fmt(fit.slopePerHour()) + " " + unit + "/hour";
    if (m.limitMb() != null) {
      double hoursLeft = Math.max(0, (m.limitMb() - fit.level()) / fit.slopePerHour());
      Duration left = Duration.ofMinutes(Math.round(hoursLeft * 60));
      Instant last = m.series().timestamps().get(m.series().size() - 1);
      f.evidence("time to limit", left).evidence("limit reached about", last.plus(left));
      title +=
          ", "
              + fmt(fit.level())
              + " of "
              + fmt(m.limitMb())
              + " "
              + unit
              + ": the limit in about "
              + Durations.human(left);
      if (left.compareTo(URGENT) < 0) f.fail(title);
      else f.warn(title).severity(Severity.MEDIUM);
    } else {
      f.warn(title + " (limit unknown)").severity(Severity.MEDIUM);
    }
    String region = ctx.region().name();
    return f.fix(
            "Memory that only climbs is a leak: in the write-up, HTTP connections that were never closed "
                + "(CLOSE_WAIT) and event listeners. Look inside a task (ECS Exec, or the fargate-doctor agent's "
                + "connection and memory view), and see OOM-KILLS for the kills it causes. Replacing the tasks buys "
                + "time; an alarm on AWS/ECS MemoryUtilization (percent, not MemoryUtilized, which is megabytes) warns "
                + "before the next kill.",
            AwsCommand.of("ecs", "update-service")
                .opt("--cluster", s.clusterName())
                .opt("--service", s.serviceName())
                .flag("--force-new-deployment")
                .region(region),
            AwsCommand.of("cloudwatch", "put-metric-alarm")
                .opt("--alarm-name", s.serviceName() + "-memory-high")
                .opt("--namespace", ECS)
                .opt("--metric-name", "MemoryUtilization")
                .optShell(
                    "--dimensions",
                    "Name=ClusterName,Value="
                        + AwsCommand.quoteId(s.clusterName())
                        + " Name=ServiceName,Value="
                        + AwsCommand.quoteId(s.serviceName()))
                .opt("--statistic", "Maximum")
                .opt("--period", 300)
                .opt("--evaluation-periods", 3)
                .opt("--threshold", 80)
                .opt("--comparison-operator", "GreaterThanThreshold")
                .region(region))
        .build();
  }

  /**
   * The points of the team's trend window (trendWindowHours), counted back from the newest: a
   * snapshot may hold more history than the team judges by. The HTML chart draws the same points.
   */
  public static MetricSeries lastHours(MetricSeries s, Duration window) {
    if (s.size() == 0) return s;
    Instant from = s.timestamps().get(s.size() - 1).minus(window);
    int first = 0;
    while (first < s.size() && s.timestamps().get(first).isBefore(from)) first++;
    if (first == 0) return s;
    return new MetricSeries(
        s.namespace(),
        s.metricName(),
        s.dimensions(),
        s.stat(),
        s.periodSeconds(),
        s.unit(),
        s.timestamps().subList(first, s.size()),
        s.values().subList(first, s.size()),
        s.statusCode());
  }

  private static double[] hours(MetricSeries s) {
    double[] h = new double[s.size()];
    Instant first = s.timestamps().get(0);
    for (int i = 0; i < h.length; i++)
      h[i] = Duration.between(first, s.timestamps().get(i)).toMillis() / 3_600_000.0;
    return h;
  }

  private static double[] values(MetricSeries s, double factor) {
    double[] v = new double[s.size()];
    for (int i = 0; i < v.length; i++) v[i] = s.values().get(i) * factor;
    return v;
  }

  private static Double number(String s) {
    try {
      return s == null ? null : Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * How the check prints an amount: whole numbers from 100 up, one decimal below; charts print the
   * same.
   */
  public static String fmt(double v) {
    return Math.abs(v) >= 100
        ? String.valueOf(Math.round(v))
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
