package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Socket counts per key (a peer, or a process and a peer) that matter only when they hold: every
 * connection passes through CLOSE_WAIT and TIME_WAIT briefly, so a pile counts once it is at or
 * above the threshold in two consecutive samples.
 */
final class Piles<K> {

  private final int threshold;
  private final SlidingWindow<Map<K, Integer>> window;

  Piles(int threshold, Duration span) {
    this.threshold = threshold;
    this.window = new SlidingWindow<>(span);
  }

  /**
   * Records this sample's counts; returns the piles at or above the threshold now and in the
   * previous sample.
   */
  Map<K, Integer> sustained(Instant at, Map<K, Integer> counts) {
    Map<K, Integer> piles = new LinkedHashMap<>(counts);
    // Keep only the piles that matter, so the window stays small with thousands of sockets.
    piles.values().removeIf(n -> n < threshold);
    window.add(at, piles);
    SlidingWindow.Entry<Map<K, Integer>> previous = window.previous();
    Map<K, Integer> held = new LinkedHashMap<>();
    if (previous != null) {
      piles.forEach(
          (key, n) -> {
            if (previous.value().containsKey(key)) {
              held.put(key, n);
            }
          });
    }
    return held;
  }

  SlidingWindow<Map<K, Integer>> window() {
    return window;
  }
}
