package dev.fargatedoctor.cli.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.cli.watch.notify.Notifications;
import dev.fargatedoctor.publish.MetricDatum;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The watch cycle, again and again: collect, check, compare with the previous cycle's state, print
 * one JSON line per change, keep the stopped tasks, save the state, publish the metrics. A cycle
 * that fails is logged and the next interval tries again. {@link #stop()} ends the loop after the
 * cycle that is running, so a SIGTERM never leaves a state file half-written.
 */
public final class WatchLoop {
  /** Where watch's metrics go besides Prometheus: CloudWatch with --publish. */
  public interface Publisher {
    int publish(List<MetricDatum> data, Instant timestamp);
  }

  private final Supplier<Snapshot> source;
  private final Configuration configuration;
  private final Set<Configuration.Exclusion> reportedExpired = new HashSet<>();
  private final WatchState state;
  private final Clock clock;
  private final Duration interval;
  private final int maxCycles;
  private final Consumer<String> changes;
  private final Consumer<String> log;
  private final Optional<Publisher> publisher;
  private final Optional<PrometheusEndpoint> prometheus;
  private final Notifications notifications;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private int cycles;
  private int failures;
  private Instant lastGoodCycle;
  private List<MetricDatum> lastMetrics = List.of();
  private volatile boolean lastFailed;
  private volatile boolean permanent;

  /**
   * @param configuration the team's excludes, severity overrides and thresholds: applied to every
   *     cycle, so what the team excluded is never printed, counted or published
   */
  public WatchLoop(
      Supplier<Snapshot> source,
      Configuration configuration,
      WatchState state,
      Clock clock,
      Duration interval,
      int maxCycles,
      Consumer<String> changes,
      Consumer<String> log,
      Optional<Publisher> publisher,
      Optional<PrometheusEndpoint> prometheus) {
    this(
        source,
        configuration,
        state,
        clock,
        interval,
        maxCycles,
        changes,
        log,
        publisher,
        prometheus,
        new Notifications(List.of()));
  }

  /**
   * @param notifications where findings that appear and clear are told (--notify); none: no
   *     notified-findings state is kept
   */
  public WatchLoop(
      Supplier<Snapshot> source,
      Configuration configuration,
      WatchState state,
      Clock clock,
      Duration interval,
      int maxCycles,
      Consumer<String> changes,
      Consumer<String> log,
      Optional<Publisher> publisher,
      Optional<PrometheusEndpoint> prometheus,
      Notifications notifications) {
    this.notifications = notifications;
    this.source = source;
    this.configuration = configuration;
    this.state = state;
    this.clock = clock;
    this.interval = interval;
    this.maxCycles = maxCycles;
    this.changes = changes;
    this.log = log;
    this.publisher = publisher;
    this.prometheus = prometheus;
  }

  /**
   * Runs cycles until stopped or, with a maximum, until that many ran. Returns the failed cycles.
   */
  public int run() {
    try {
      while (!stopping()) {
        cycle();
        if (permanent) break;
        if (maxCycles > 0 && cycles >= maxCycles) break;
        try {
          if (stopRequested.await(interval.toMillis(), TimeUnit.MILLISECONDS)) break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      log("info", "watch stopped after " + cycles + " cycle(s), " + failures + " failed", null);
      return failures;
    } finally {
      finished.countDown();
    }
  }

  /** Asks the loop to end after the running cycle; wakes it when it is waiting for the next one. */
  public void stop() {
    stopRequested.countDown();
  }

  /** Waits until the loop has ended; true when it did within the timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  /**
   * One cycle; a failure is logged, counted, and leaves the state as the last good cycle wrote it.
   */
  void cycle() {
    cycles++;
    Instant started = clock.instant();
    try {
      Snapshot snapshot = source.get();
      Diagnosis diagnosis =
          new CheckEngine(CheckRegistry.all(), clock, configuration).run(snapshot);
      List<FindingState> findings =
          diagnosis.findings().stream()
              .filter(f -> f.status() != Status.PASS)
              .map(FindingState::of)
              .toList();
      Optional<Snapshot> previous = readable(started, state::previous, Optional.empty());
      List<StoppedTask> known = readable(started, state::stoppedTasks, List.of());
      List<FindingState> findingsBefore = readable(started, state::findings, List.of());
      List<String> lines = new ArrayList<>();
      if (previous.isEmpty()) {
        lines.add(baseline(started, snapshot, diagnosis));
      } else {
        for (Change c : Changes.between(previous.get(), snapshot, findingsBefore, findings)) {
          lines.add(line(started, c));
        }
      }
      // An exclude that passed its date shows its findings again: said once, when it happens.
      for (Configuration.Expired x : diagnosis.expired()) {
        if (!reportedExpired.add(x.rule())) continue;
        lines.add(
            line(
                started,
                new Change(
                    "exclude",
                    "expired",
                    null,
                    x.rule().describe(),
                    x.rule().reason(),
                    x.findings().size() + " finding(s) shown again")));
      }
      Set<String> seen = new HashSet<>();
      known.forEach(t -> seen.add(t.taskArn()));
      List<StoppedTask> fresh = new ArrayList<>();
      for (RegionSnapshot r : snapshot.regions()) {
        for (Task t : r.ecs().tasks()) {
          if (!t.isStopped() || t.taskArn() == null || seen.contains(t.taskArn())) continue;
          StoppedTask kept = StoppedTask.of(r.region(), t, started);
          fresh.add(kept);
          lines.add(
              line(
                  started,
                  new Change(
                      "task-stopped", "added", r.region(), t.taskArn(), null, summary(kept))));
        }
      }
      NotifiedFindings.Decision told = null;
      if (!notifications.isEmpty())
        told = NotifiedFindings.decide(readable(started, state::notified, List.of()), findings);
      state.save(
          snapshot,
          findings,
          WatchState.merge(known, fresh),
          told == null ? null : told.notified());
      lines.forEach(changes);
      if (told != null)
        notifications.deliver(
            started, cycles, told.events(), (level, message) -> log(level, message, started));
      List<MetricDatum> metrics = WatchMetrics.of(snapshot, diagnosis);
      lastGoodCycle = started;
      lastMetrics = metrics;
      prometheus.ifPresent(p -> p.update(PrometheusText.render(metrics, counters())));
      if (publisher.isPresent()) {
        int calls = publisher.get().publish(metrics, started);
        log(
            "info",
            "published " + metrics.size() + " metric values in " + calls + " PutMetricData call(s)",
            null);
      }
      log(
          "info",
          "cycle "
              + cycles
              + ": "
              + (lines.size() - (previous.isEmpty() ? 1 : 0))
              + " change(s), "
              + findings.size()
              + " finding(s) that are not PASS",
          started);
      lastFailed = false;
    } catch (RuntimeException | java.io.IOException e) {
      failures++;
      lastFailed = true;
      permanent = isPermanent(e);
      // The account's metrics stay those of the last good cycle; the failure counter moves.
      prometheus.ifPresent(p -> p.update(PrometheusText.render(lastMetrics, counters())));
      log(
          "error",
          "cycle "
              + cycles
              + " failed: "
              + e.getMessage()
              + (permanent
                  ? " (the next cycle would fail the same way: watch stops)"
                  : " (retrying in " + interval.toSeconds() + " s)"),
          started);
    }
  }

  /**
   * An error retrying cannot fix: bad input (a broken snapshot or dump, a bad option) and a state
   * directory the watch may not use. Network failures, throttling and a full disk pass.
   */
  static boolean isPermanent(Exception e) {
    return e instanceof dev.fargatedoctor.snapshot.InvalidInputException
        || e instanceof IllegalArgumentException
        || e instanceof java.nio.file.AccessDeniedException
        || e instanceof java.nio.file.NotDirectoryException
        || e instanceof java.nio.file.FileSystemLoopException
        || e instanceof java.nio.file.ReadOnlyFileSystemException;
  }

  /** True when the last cycle failed in a way the next one would repeat, which ended the loop. */
  public boolean stoppedOnPermanentError() {
    return permanent;
  }

  /** A state file that cannot be read is moved aside and logged; the cycle goes on without it. */
  private <T> T readable(Instant time, Supplier<T> read, T fallback) throws java.io.IOException {
    try {
      return read.get();
    } catch (dev.fargatedoctor.snapshot.InvalidInputException e) {
      Path aside = state.quarantine(e, time);
      log("error", "state file unreadable, moved to " + aside + ": " + e.getMessage(), time);
      return fallback;
    }
  }

  private static String summary(StoppedTask t) {
    StringBuilder s = new StringBuilder();
    if (t.stopCode() != null) s.append(t.stopCode()).append(": ");
    s.append(t.stoppedReason() == null ? "(no reason)" : t.stoppedReason());
    t.containers().stream()
        .filter(c -> c.reason() != null || (c.exitCode() != null && c.exitCode() != 0))
        .forEach(
            c ->
                s.append("; container ")
                    .append(c.name())
                    .append(c.exitCode() == null ? "" : " exit " + c.exitCode())
                    .append(c.reason() == null ? "" : " " + c.reason()));
    return s.toString();
  }

  private String baseline(Instant time, Snapshot snapshot, Diagnosis diagnosis) {
    ObjectNode n = SnapshotJson.mapper().createObjectNode();
    n.put("time", time.toString());
    n.put("cycle", cycles);
    n.put("kind", "baseline");
    n.put(
        "regions",
        String.join(",", snapshot.regions().stream().map(RegionSnapshot::region).toList()));
    n.put("findings", diagnosis.findings().stream().filter(f -> f.status().isProblem()).count());
    n.put("message", "first cycle in " + state.where() + ": later cycles print what changed");
    return SnapshotJson.line(n);
  }

  private String line(Instant time, Change c) {
    ObjectNode n = SnapshotJson.mapper().createObjectNode();
    n.put("time", time.toString());
    n.put("cycle", cycles);
    n.put("kind", c.kind());
    n.put("change", c.change());
    n.put("region", c.region());
    n.put("resource", c.resource());
    FindingEvent f = c.finding();
    if (f != null) {
      n.put("checkId", f.checkId());
      n.put("severity", f.severity());
      if (f.severityBefore() != null && !f.severityBefore().equals(f.severity()))
        n.put("severityBefore", f.severityBefore());
      n.put("account", f.account());
      n.put("resourceType", f.resourceType());
      n.put("resourceId", f.resourceId());
      n.put("title", f.title());
      n.put("fingerprint", f.fingerprint());
    }
    n.set("before", SnapshotJson.mapper().valueToTree(c.before()));
    n.set("after", SnapshotJson.mapper().valueToTree(c.after()));
    return SnapshotJson.line(n);
  }

  private void log(String level, String message, Instant time) {
    ObjectNode n = SnapshotJson.mapper().createObjectNode();
    n.put("time", (time == null ? clock.instant() : time).toString());
    n.put("level", level);
    n.put("message", message);
    log.accept(SnapshotJson.line(n));
  }

  private PrometheusText.Counters counters() {
    return new PrometheusText.Counters(
        cycles,
        failures,
        lastGoodCycle == null ? 0 : lastGoodCycle.getEpochSecond(),
        notifications.sent(),
        notifications.failed());
  }

  int cycles() {
    return cycles;
  }

  public boolean lastCycleFailed() {
    return lastFailed;
  }
}
