package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every path the region's services depend on: for each service, each of its subnets to each
 * destination its task definition needs. Evaluated once per region and shared by the network
 * checks, so a large account costs one pass of the engine.
 */
final class TaskPaths {
  /** One service's path from one subnet to one destination. */
  public record Entry(Service service, PathResult path) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<Service, ServiceNeeds> needs = new LinkedHashMap<>();
  // By identity: two services may hold equal records (same name in two clusters' snapshots).
  private final Map<Service, List<Entry>> byService = new java.util.IdentityHashMap<>();

  private TaskPaths(RegionView view) {
    Reachability engine = Reachability.of(view);
    for (Service s : view.services()) {
      if (s.subnets().isEmpty()) continue;
      ServiceNeeds n = ServiceNeeds.of(s, view.taskDefinition(s.taskDefinition()), view.name());
      needs.put(s, n);
      for (TaskNetwork task : TaskNetwork.of(s)) {
        for (Destination d : n.destinations()) {
          Entry e = new Entry(s, engine.evaluate(task, d));
          entries.add(e);
          byService.computeIfAbsent(s, k -> new ArrayList<>()).add(e);
        }
      }
    }
  }

  public static TaskPaths of(RegionView view) {
    return view.derived(TaskPaths.class, TaskPaths::new);
  }

  public List<Entry> all() {
    return entries;
  }

  /** The services with awsvpc subnets, each with what it needs. */
  public Map<Service, ServiceNeeds> needs() {
    return needs;
  }

  public List<Entry> of(Service service) {
    return byService.getOrDefault(service, List.of());
  }
}
