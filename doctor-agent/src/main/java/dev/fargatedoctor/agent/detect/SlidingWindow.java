package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Observations of the last {@code span}, oldest first. Time comes from the samples (which take it
 * from an injected clock), so tests drive the window with synthetic instants.
 */
final class SlidingWindow<T> {

  record Entry<T>(Instant at, T value) {}

  private final Duration span;
  private final Deque<Entry<T>> entries = new ArrayDeque<>();

  SlidingWindow(Duration span) {
    this.span = span;
  }

  void add(Instant at, T value) {
    entries.addLast(new Entry<>(at, value));
    Instant cutoff = at.minus(span);
    while (!entries.isEmpty() && entries.peekFirst().at().isBefore(cutoff)) {
      entries.removeFirst();
    }
  }

  List<Entry<T>> entries() {
    return new ArrayList<>(entries);
  }

  /** The observation before the newest, or null. */
  Entry<T> previous() {
    if (entries.size() < 2) {
      return null;
    }
    var it = entries.descendingIterator();
    it.next();
    return it.next();
  }

  /** One quantity over the window, oldest first. */
  record Series(List<Instant> times, List<Long> values) {}

  /**
   * The quantity {@code pick} reads from each observation that has it (null: this one does not).
   */
  Series series(Function<T, Long> pick) {
    List<Instant> times = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (Entry<T> entry : entries) {
      Long value = pick.apply(entry.value());
      if (value != null) {
        times.add(entry.at());
        values.add(value);
      }
    }
    return new Series(times, values);
  }

  int size() {
    return entries.size();
  }
}
