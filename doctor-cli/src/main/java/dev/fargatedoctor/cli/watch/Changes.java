package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.diff.SnapshotDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two cycles: the resources {@link SnapshotDiff} compares (routes and their
 * associations, network ACL entries, security-group rules, trust policies, NAT gateway states,
 * services, quotas), and which findings appeared, changed or cleared.
 */
final class Changes {
  private Changes() {}

  public static List<Change> between(
      Snapshot before,
      Snapshot after,
      List<FindingState> findingsBefore,
      List<FindingState> findingsAfter) {
    List<Change> out = new ArrayList<>();
    for (var c : SnapshotDiff.between(before, after)) {
      if (c.kind().equals("region") && c.change().equals("added"))
        continue; // new to the watch: no history yet
      out.add(new Change(c.kind(), c.change(), c.region(), c.resource(), c.before(), c.after()));
    }
    findings(out, findingsBefore, findingsAfter);
    return out;
  }

  private static void findings(
      List<Change> out, List<FindingState> before, List<FindingState> after) {
    // A state written before findings had fingerprints compares by label, for one cycle.
    boolean legacy = before.stream().anyMatch(f -> f.fingerprint() == null);
    java.util.function.Function<FindingState, String> key =
        legacy ? FindingState::label : FindingState::key;
    Map<String, FindingState> b = new TreeMap<>();
    before.forEach(f -> b.put(key.apply(f), f));
    Map<String, FindingState> a = new TreeMap<>();
    after.forEach(f -> a.put(key.apply(f), f));
    Set<String> keys = new TreeSet<>(b.keySet());
    keys.addAll(a.keySet());
    List<String> ordered = new ArrayList<>(keys);
    // In the order people read them: by check, Region and resource, not by hash.
    ordered.sort(
        java.util.Comparator.comparing(
            k -> (a.containsKey(k) ? a.get(k) : b.get(k)).label() + " " + k));
    for (String k : ordered) {
      FindingState x = b.get(k);
      FindingState y = a.get(k);
      if (x != null
          && y != null
          && x.status().equals(y.status())
          && x.severity().equals(y.severity())) continue;
      FindingEvent event =
          FindingEvent.of(x == null ? "appeared" : y == null ? "cleared" : "modified", x, y);
      out.add(
          new Change(
              "finding",
              event.change(),
              event.region(),
              (y != null ? y : x).label(),
              event.statusBefore(),
              event.statusAfter(),
              event));
    }
  }
}
