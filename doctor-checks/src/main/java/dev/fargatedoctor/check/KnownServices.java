package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The answer to a --service (or --scale) that names no service of the snapshot: the services there
 * are, and, when ECS could not be listed everywhere, that the service may exist where it was not.
 */
public final class KnownServices {
  private static final int SHOWN = 30;

  private KnownServices() {}

  /**
   * @param what how the user named it, e.g. "--service checkout"
   */
  public static IllegalArgumentException notFound(Snapshot snapshot, String what) {
    TreeSet<String> known = new TreeSet<>();
    for (RegionSnapshot r : snapshot.regions()) {
      r.ecs().services().forEach(s -> known.add(s.clusterName() + "/" + s.serviceName()));
    }
    List<String> shown = new ArrayList<>(known).subList(0, Math.min(SHOWN, known.size()));
    StringBuilder m =
        new StringBuilder(what)
            .append(" matches no service in the snapshot; the services there: ")
            .append(known.isEmpty() ? "none" : String.join(", ", shown))
            .append(known.size() > SHOWN ? " and " + (known.size() - SHOWN) + " more" : "");
    List<String> gaps = new ArrayList<>();
    for (Coverage c : snapshot.coverage()) {
      if (!c.collected()
          && (c.action().equals("ecs:ListServices")
              || c.action().equals("ecs:DescribeServices")
              || c.action().equals("ecs:ListClusters"))) {
        gaps.add(
            c.action()
                + " "
                + c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " in "
                + c.region()
                + (c.resource() == null ? "" : " (" + c.resource() + ")"));
      }
    }
    if (!gaps.isEmpty()) {
      m.append(" (it may exist where ECS could not be listed: ")
          .append(String.join("; ", gaps.stream().distinct().toList()))
          .append(")");
    }
    return new IllegalArgumentException(m.toString());
  }
}
