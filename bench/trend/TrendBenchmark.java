import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.check.metrics.RobustTrend;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * bench/trend: a snapshot of 2,000 services, each with 6 hours of 1-minute Container Insights
 * memory (a quarter leaking in a saw-tooth of restarts, the rest flat with noise and spikes), run
 * through the real MEMORY-LEAK-TREND check by the engine. The baseline measured in the same run is
 * an ordinary least-squares slope over the same series (what a naive trend would cost). Prints the
 * median of runs: total, per service, the ratio to the baseline, and how many planted leaks were
 * found. Target: well under a second for the whole region (a scan's collection takes longer).
 */
public class TrendBenchmark {
  static final int POINTS = 360;
  static final int RUNS = 7;
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  public static void main(String[] args) {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Snapshot snapshot = snapshot(services);
    var check = CheckRegistry.byId("MEMORY-LEAK-TREND").orElseThrow();
    CheckEngine engine =
        new CheckEngine(List.of(check), Clock.fixed(NOW, ZoneOffset.UTC), Thresholds.DEFAULTS);
    List<double[]> series =
        snapshot.regions().get(0).metrics().stream()
            .filter(m -> m.metricName().equals("MemoryUtilized"))
            .map(m -> m.values().stream().mapToDouble(Double::doubleValue).toArray())
            .toList();
    double[] hours = new double[POINTS];
    for (int i = 0; i < POINTS; i++) hours[i] = i / 60.0;

    // warm up both paths (JIT)
    for (int i = 0; i < 3; i++) {
      engine.run(snapshot);
      baseline(hours, series);
    }
    double[] checkTimes = new double[RUNS];
    double[] baseTimes = new double[RUNS];
    double[] fitTimes = new double[RUNS];
    Diagnosis last = null;
    double sink = 0;
    for (int r = 0; r < RUNS; r++) {
      long t0 = System.nanoTime();
      last = engine.run(snapshot);
      checkTimes[r] = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      sink += baseline(hours, series);
      baseTimes[r] = (System.nanoTime() - t1) / 1e6;
      long t2 = System.nanoTime();
      for (double[] y : series) sink += RobustTrend.fit(hours, y).slopePerHour();
      fitTimes[r] = (System.nanoTime() - t2) / 1e6;
    }
    double check1 = median(checkTimes);
    double base = median(baseTimes);
    long found =
        last.findings().stream()
            .filter(f -> f.status() != Status.PASS && f.checkId().equals("MEMORY-LEAK-TREND"))
            .count();
    long planted = services / 4;
    long wrong =
        last.findings().stream()
            .filter(f -> f.status() != Status.PASS)
            .filter(f -> Integer.parseInt(f.resource().id().replaceAll("\\D", "")) % 4 != 0)
            .count();
    System.out.printf(
        "services: %d x %d points (6 h at 1 min), %d planted leaks%n", services, POINTS, planted);
    System.out.printf(
        "MEMORY-LEAK-TREND (Theil-Sen between restarts, via the engine): %.1f ms total, %.1f us/service%n",
        check1, check1 * 1000 / services);
    System.out.printf(
        "  of which the robust fit alone:                              %.1f ms total, %.1f us/service%n",
        median(fitTimes), median(fitTimes) * 1000 / services);
    System.out.printf(
        "baseline (least squares over the same series):              %.1f ms total, %.1f us/service%n",
        base, base * 1000 / services);
    System.out.printf("ratio: %.1fx the baseline%n", check1 / base);
    System.out.printf(
        "leaks found: %d of %d planted, %d flat services flagged (checksum %.0f)%n",
        found, planted, wrong, sink % 1000);
  }

  static double baseline(double[] hours, List<double[]> series) {
    double sum = 0;
    for (double[] y : series) sum += RobustTrend.leastSquaresSlope(hours, y);
    return sum;
  }

  static Snapshot snapshot(int count) {
    String cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/production";
    Random rng = new Random(20261126);
    List<Service> services = new ArrayList<>();
    List<TaskDefinition> tds = new ArrayList<>();
    List<MetricSeries> metrics = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) times.add(NOW.minus(Duration.ofMinutes(POINTS - i)));
    for (int s = 0; s < count; s++) {
      String name = "svc-" + s;
      String td = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + name + ":1";
      services.add(
          new Service(
              "arn:aws:ecs:us-east-1:123456789012:service/production/" + name,
              name,
              cluster,
              "ACTIVE",
              2,
              2,
              0,
              "FARGATE",
              null,
              "1.4.0",
              td,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
      tds.add(
          new TaskDefinition(
              td,
              name,
              1,
              "ACTIVE",
              null,
              null,
              "awsvpc",
              "512",
              "2048",
              List.of("FARGATE"),
              null,
              null,
              List.of()));
      double[] y = new double[POINTS];
      boolean leak = s % 4 == 0;
      double level = 400 + rng.nextInt(400);
      double slope = 60 + rng.nextInt(120); // MB per hour
      int restart = 60 + rng.nextInt(240);
      for (int i = 0; i < POINTS; i++) {
        double h = i / 60.0;
        double v = leak ? level + slope * (i < restart ? h : h - restart / 60.0) : level;
        v += rng.nextGaussian() * 15 + (rng.nextInt(60) == 0 ? 250 : 0);
        y[i] = v;
      }
      metrics.add(
          new MetricSeries(
              "ECS/ContainerInsights",
              "MemoryUtilized",
              Map.of("ClusterName", "production", "ServiceName", name),
              "Average",
              60,
              "Megabytes",
              times,
              Arrays.stream(y).boxed().toList()));
    }
    EcsData ecs =
        new EcsData(
            List.of(new Cluster(cluster, "production", "ACTIVE", count * 2, 0, count, null, null)),
            services,
            tds,
            null);
    List<Coverage> coverage = new ArrayList<>();
    for (String a :
        List.of(
            "ecs:ListClusters",
            "ecs:ListServices",
            "ecs:DescribeServices",
            "ecs:DescribeTaskDefinition",
            "cloudwatch:GetMetricData")) {
      coverage.add(Coverage.ok("us-east-1", a, null, 1, 0));
    }
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor",
            "bench",
            NOW,
            "bench",
            "123456789012",
            null,
            List.of("us-east-1"),
            null),
        List.of(new RegionSnapshot("us-east-1", null, ecs, null, null, metrics, null)),
        null,
        coverage);
  }

  static double median(double[] xs) {
    double[] v = xs.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
