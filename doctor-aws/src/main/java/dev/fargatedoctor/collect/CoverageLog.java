package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Coverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs collection steps and records each outcome. A failed step is logged and the scan goes on;
 * what it should have produced is simply absent, and the coverage entry says why. Steps run on many
 * threads at once: successes are tallied per region and action in thread-safe counters, with the
 * calls and retries each step made itself.
 */
final class CoverageLog {
  /** How one step went: its value when it delivered, and the outcome either way. */
  record Attempt<T>(Optional<T> value, Coverage.Outcome outcome) {}

  private final List<Coverage> failures = new CopyOnWriteArrayList<>();
  // Successful steps are aggregated per region and action: one entry, not one per page or batch.
  private final Map<Key, Tally> ok = new ConcurrentHashMap<>();
  private final ApiCallRecorder recorder;
  private volatile boolean anySucceeded;
  private final Progress progress;

  private record Key(String region, String action) {}

  private static final class Tally {
    final LongAdder calls = new LongAdder();
    final LongAdder retries = new LongAdder();
  }

  CoverageLog(ApiCallRecorder recorder, Progress progress) {
    this.recorder = recorder;
    this.progress = progress;
  }

  /** Runs a step; returns its result, or empty after recording the failure. */
  <T> Optional<T> step(String region, String action, String resource, Callable<T> body) {
    return attempt(region, action, resource, body).value();
  }

  /** Runs a step and says how it went, for a caller whose next move depends on why it failed. */
  <T> Attempt<T> attempt(String region, String action, String resource, Callable<T> body) {
    progress.step(region, action);
    ApiCallRecorder.Scope scope = recorder.scope();
    try {
      T result = body.call();
      Tally t = tally(region, action);
      t.calls.add(scope.calls());
      t.retries.add(scope.retries());
      anySucceeded = true;
      return new Attempt<>(Optional.ofNullable(result), Coverage.Outcome.OK);
    } catch (Exception e) {
      Coverage.Outcome outcome = Failures.outcome(e);
      failures.add(
          new Coverage(
              region,
              action,
              outcome,
              resource,
              Failures.message(e),
              Math.max(1, scope.calls()),
              scope.retries()));
      return new Attempt<>(Optional.empty(), outcome);
    } finally {
      progress.done(region, action);
    }
  }

  /** Records a step that was not attempted, and why: what it would have read is missing. */
  void skipped(
      String region, String action, String resource, Coverage.Outcome outcome, String why) {
    failures.add(new Coverage(region, action, outcome, resource, why, 0, 0));
  }

  /**
   * Records that a step completed without a call because its parent found nothing to ask about (no
   * services in a cluster: nothing to describe). Only after the parent step succeeded.
   */
  void markOk(String region, String action) {
    tally(region, action);
  }

  private Tally tally(String region, String action) {
    return ok.computeIfAbsent(new Key(region, action), k -> new Tally());
  }

  List<Coverage> entries() {
    List<Coverage> out = new ArrayList<>();
    ok.forEach(
        (key, t) ->
            out.add(
                Coverage.ok(
                    key.region(), key.action(), null, (int) t.calls.sum(), (int) t.retries.sum())));
    out.addAll(failures);
    out.sort(
        Comparator.comparing(Coverage::region)
            .thenComparing(Coverage::action)
            .thenComparing(c -> c.resource() == null ? "" : c.resource()));
    return out;
  }

  /** True once any API call succeeded; vacuous steps do not count. */
  boolean anythingCollected() {
    return anySucceeded;
  }

  List<Coverage> failures() {
    return List.copyOf(failures);
  }
}
