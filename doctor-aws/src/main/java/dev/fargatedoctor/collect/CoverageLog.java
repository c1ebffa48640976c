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

/**
 * Runs collection steps and records each outcome. A failed step is logged and the scan goes on;
 * what it should have produced is simply absent, and the coverage entry says why.
 */
final class CoverageLog {
  private final List<Coverage> failures = new CopyOnWriteArrayList<>();
  // Successful steps are aggregated per region and action: one entry, not one per page or batch.
  private final Map<String, int[]> ok = new ConcurrentHashMap<>();
  private final ApiCallRecorder recorder;
  private volatile boolean anySucceeded;
  private final Progress progress;

  CoverageLog(ApiCallRecorder recorder, Progress progress) {
    this.recorder = recorder;
    this.progress = progress;
  }

  /** Runs a step; returns its result, or empty after recording the failure. */
  <T> Optional<T> step(String region, String action, String resource, Callable<T> body) {
    progress.step(region, action);
    try {
      T result = body.call();
      markOk(region, action);
      anySucceeded = true;
      return Optional.ofNullable(result);
    } catch (Exception e) {
      Coverage.Outcome outcome = Failures.outcome(e);
      failures.add(new Coverage(region, action, outcome, resource, Failures.message(e), 1, 0));
      return Optional.empty();
    } finally {
      progress.done(region, action);
    }
  }

  /**
   * Records that a step completed without a call because its parent found nothing to ask about (no
   * services in a cluster: nothing to describe). Only after the parent step succeeded.
   */
  void markOk(String region, String action) {
    ok.computeIfAbsent(region + "\u0000" + action, k -> new int[1])[0]++;
  }

  List<Coverage> entries() {
    List<Coverage> out = new ArrayList<>();
    ok.forEach(
        (key, steps) -> {
          String[] parts = key.split("\u0000", 2);
          out.add(Coverage.ok(parts[0], parts[1], null, steps[0], recorder.retries(parts[1])));
        });
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
