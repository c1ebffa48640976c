package dev.fargatedoctor.check.network;

import java.util.List;
import java.util.Optional;

/**
 * A path from a task's subnet to a destination: every hop in order, and the verdict they add up to.
 */
public record PathResult(TaskNetwork source, Destination destination, List<Hop> hops) {
  public PathResult {
    hops = List.copyOf(hops);
  }

  /**
   * BLOCKED when any hop blocks; else UNDETERMINED when one could not be evaluated; else REACHABLE.
   */
  public Verdict verdict() {
    if (hops.stream().anyMatch(h -> h.status() == Hop.Status.BLOCKED)) return Verdict.BLOCKED;
    if (hops.stream().anyMatch(h -> h.status() == Hop.Status.NOT_EVALUATED))
      return Verdict.UNDETERMINED;
    return Verdict.REACHABLE;
  }

  public Optional<Hop> firstBlocking() {
    return hops.stream().filter(h -> h.status() == Hop.Status.BLOCKED).findFirst();
  }

  public Optional<Hop> firstNotEvaluated() {
    return hops.stream().filter(h -> h.status() == Hop.Status.NOT_EVALUATED).findFirst();
  }

  public List<Hop> risks() {
    return hops.stream().filter(h -> h.status() == Hop.Status.RISK).toList();
  }

  /** Hops that blocked, risked or could not be evaluated, with the given code. */
  public List<Hop> withCode(Explanation code) {
    return hops.stream().filter(h -> h.code() == code).toList();
  }
}
