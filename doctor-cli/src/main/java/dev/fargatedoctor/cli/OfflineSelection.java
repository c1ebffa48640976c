package dev.fargatedoctor.cli;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * --region and --cluster applied to a saved snapshot or aws-CLI dumps, as a live scan applies them
 * while collecting: only those regions, only those clusters' services, tasks and task definitions.
 * A name that matches nothing there is bad input, answered with what there is.
 */
final class OfflineSelection {
  private OfflineSelection() {}

  static Snapshot apply(Snapshot snapshot, List<String> regions, List<String> clusters) {
    if (regions.isEmpty() && clusters.isEmpty()) return snapshot;
    List<String> there = snapshot.regions().stream().map(RegionSnapshot::region).toList();
    List<String> missing = regions.stream().filter(r -> !there.contains(r)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--region "
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " not in the snapshot; its regions: "
              + String.join(", ", there));
    }
    List<RegionSnapshot> kept =
        snapshot.regions().stream()
            .filter(r -> regions.isEmpty() || regions.contains(r.region()))
            .toList();
    if (!clusters.isEmpty()) kept = onlyClusters(kept, clusters);
    Set<String> names = new LinkedHashSet<>();
    kept.forEach(r -> names.add(r.region()));
    List<Coverage> coverage =
        snapshot.coverage().stream()
            .filter(c -> Coverage.GLOBAL.equals(c.region()) || names.contains(c.region()))
            .toList();
    return new Snapshot(snapshot.schema(), snapshot.capture(), kept, snapshot.iam(), coverage);
  }

  private static List<RegionSnapshot> onlyClusters(
      List<RegionSnapshot> regions, List<String> clusters) {
    Set<String> known = new TreeSet<>();
    Set<String> matched = new LinkedHashSet<>();
    List<RegionSnapshot> out = new ArrayList<>();
    for (RegionSnapshot r : regions) {
      EcsData ecs = r.ecs();
      Set<String> arns = new LinkedHashSet<>();
      ecs.clusters().forEach(c -> arns.add(c.clusterArn()));
      ecs.services().forEach(s -> arns.add(s.clusterArn()));
      ecs.tasks().forEach(t -> arns.add(t.clusterArn()));
      arns.remove(null);
      Set<String> chosen = new LinkedHashSet<>();
      for (String arn : arns) {
        known.add(Arns.lastSegment(arn));
        for (String w : clusters) {
          if (w.equals(arn) || w.equals(Arns.lastSegment(arn))) {
            chosen.add(arn);
            matched.add(w);
          }
        }
      }
      List<Service> services =
          ecs.services().stream().filter(s -> chosen.contains(s.clusterArn())).toList();
      List<Task> tasks = ecs.tasks().stream().filter(t -> chosen.contains(t.clusterArn())).toList();
      Set<String> used = new LinkedHashSet<>();
      services.forEach(
          s -> {
            used.add(s.taskDefinition());
            s.deployments().forEach(d -> used.add(d.taskDefinition()));
          });
      tasks.forEach(t -> used.add(t.taskDefinitionArn()));
      List<TaskDefinition> definitions =
          ecs.taskDefinitions().stream()
              .filter(td -> used.contains(td.taskDefinitionArn()))
              .toList();
      out.add(
          new RegionSnapshot(
              r.region(),
              r.ec2(),
              new EcsData(
                  ecs.clusters().stream().filter(c -> chosen.contains(c.clusterArn())).toList(),
                  services,
                  definitions,
                  tasks),
              r.quotas(),
              r.elb(),
              r.metrics(),
              r.cloudTrail()));
    }
    List<String> unmatched = clusters.stream().filter(w -> !matched.contains(w)).toList();
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException(
          "--cluster "
              + String.join(", ", unmatched)
              + (unmatched.size() == 1 ? " matches no" : " match no")
              + " cluster in the snapshot; its clusters: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    return out;
  }
}
