package dev.fargatedoctor.cli.watch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which findings to notify about this cycle: a FAIL or WARN finding whose fingerprint has not been
 * notified, and a notified finding that is gone. A finding that stays, worsens or improves is not
 * notified again until it clears (watch's JSON lines still show every change); one that turns
 * UNKNOWN (could not be evaluated) has not cleared and stays notified.
 */
final class NotifiedFindings {
  /**
   * @param events what to send, appeared ones first (worst severity first), then cleared ones
   * @param notified the findings told about and not yet cleared, to keep for the next cycle
   */
  record Decision(List<FindingEvent> events, List<FindingState> notified) {}

  private static final List<String> SEVERITIES =
      List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");

  private NotifiedFindings() {}

  static Decision decide(List<FindingState> notified, List<FindingState> current) {
    Map<String, FindingState> now = new LinkedHashMap<>();
    for (FindingState f : current) now.putIfAbsent(f.key(), f);
    Map<String, FindingState> told = new LinkedHashMap<>();
    for (FindingState f : notified) told.putIfAbsent(f.key(), f);

    List<FindingEvent> appeared = new ArrayList<>();
    List<FindingEvent> cleared = new ArrayList<>();
    Map<String, FindingState> keep = new LinkedHashMap<>();
    for (FindingState f : now.values()) {
      if (!f.isProblem()) continue;
      FindingState before = told.get(f.key());
      if (before == null) appeared.add(FindingEvent.of("appeared", null, f));
      keep.put(f.key(), before == null ? f : before);
    }
    for (FindingState f : told.values()) {
      if (keep.containsKey(f.key())) continue;
      FindingState still = now.get(f.key());
      if (still != null) {
        keep.put(f.key(), f); // UNKNOWN now: not known to be fixed
      } else {
        cleared.add(FindingEvent.of("cleared", f, null));
      }
    }
    Comparator<FindingEvent> order =
        Comparator.comparingInt((FindingEvent e) -> rank(e.severity()))
            .thenComparing(e -> e.checkId() + " " + e.region() + " " + e.resourceId());
    appeared.sort(order);
    cleared.sort(order);
    List<FindingEvent> events = new ArrayList<>(appeared);
    events.addAll(cleared);
    return new Decision(List.copyOf(events), List.copyOf(keep.values()));
  }

  private static int rank(String severity) {
    int i = SEVERITIES.indexOf(severity);
    return i < 0 ? SEVERITIES.size() : i;
  }
}
