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
    Map<String, FindingState> b = new TreeMap<>();
    before.forEach(f -> b.put(f.key(), f));
    Map<String, FindingState> a = new TreeMap<>();
    after.forEach(f -> a.put(f.key(), f));
    Set<String> keys = new TreeSet<>(b.keySet());
    keys.addAll(a.keySet());
    for (String k : keys) {
      FindingState x = b.get(k);
      FindingState y = a.get(k);
      if (x != null
          && y != null
          && x.status().equals(y.status())
          && x.severity().equals(y.severity())) continue;
      String region = (y != null ? y : x).region();
      out.add(
          new Change(
              "finding",
              x == null ? "appeared" : y == null ? "cleared" : "modified",
              region,
              k,
              x == null ? null : x.summary(),
              y == null ? null : y.summary()));
    }
  }
}
