package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** Everything collected from ECS for one region. */
public record EcsData(
    List<Cluster> clusters,
    List<Service> services,
    List<TaskDefinition> taskDefinitions,
    List<Task> tasks) {
  public static final EcsData EMPTY = new EcsData(null, null, null, null);

  public EcsData {
    clusters = Lists.of(clusters);
    services = Lists.of(services);
    taskDefinitions = Lists.of(taskDefinitions);
    tasks = Lists.of(tasks);
  }
}
