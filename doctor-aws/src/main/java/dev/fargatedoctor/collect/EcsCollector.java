package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * Collects one region's ECS workloads: clusters, their services (with deployments and events), the
 * RUNNING and STOPPED tasks (ListTasks returns only RUNNING unless asked for STOPPED), and every
 * task definition those reference. Describes are batched at the API's limits: 10 services, 100
 * tasks.
 */
final class EcsCollector {
  static final int SERVICES_PER_DESCRIBE = 10;
  static final int TASKS_PER_DESCRIBE = 100;

  private final CoverageLog log;
  private final Executor pool;
  private final Map<String, Optional<List<Cluster>>> chosen;

  /**
   * @param chosen the clusters --cluster chose, per region (see {@link ClusterChoice}); empty to
   *     scan every cluster
   */
  EcsCollector(CoverageLog log, Executor pool, Map<String, Optional<List<Cluster>>> chosen) {
    this.log = log;
    this.pool = pool;
    this.chosen = chosen;
  }

  CompletableFuture<EcsData> collect(String region, EcsClient ecs) {
    return CompletableFuture.supplyAsync(() -> clusters(region, ecs), pool)
        .thenCompose(
            found -> {
              List<Cluster> clusters = found.orElse(List.of());
              if (found.isPresent() && clusters.isEmpty()) {
                // No cluster in the region: there is nothing to list, and that is complete
                // information.
                for (String action :
                    List.of(
                        "ecs:ListServices",
                        "ecs:DescribeServices",
                        "ecs:ListTasks",
                        "ecs:DescribeTasks")) {
                  log.markOk(region, action);
                }
              }
              List<CompletableFuture<List<Service>>> services = new ArrayList<>();
              List<CompletableFuture<List<Task>>> tasks = new ArrayList<>();
              for (Cluster c : clusters) {
                services.add(CompletableFuture.supplyAsync(() -> services(region, ecs, c), pool));
                for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                  tasks.add(
                      CompletableFuture.supplyAsync(() -> tasks(region, ecs, c, status), pool));
                }
              }
              CompletableFuture<List<Service>> allServices = joinAll(services);
              CompletableFuture<List<Task>> allTasks = joinAll(tasks);
              CompletableFuture<List<TaskDefinition>> taskDefinitions =
                  allServices
                      .thenCombine(allTasks, (s, t) -> referencedTaskDefinitions(s, t))
                      .thenCompose(arns -> taskDefinitions(region, ecs, arns));
              return CompletableFuture.allOf(allServices, allTasks, taskDefinitions)
                  .thenApply(
                      done ->
                          new EcsData(
                              clusters,
                              allServices.join(),
                              taskDefinitions.join(),
                              allTasks.join()));
            });
  }

  private Optional<List<Cluster>> clusters(String region, EcsClient ecs) {
    if (!chosen.isEmpty()) return chosen.getOrDefault(region, Optional.of(List.of()));
    Optional<List<String>> listed =
        log.step(
            region,
            "ecs:ListClusters",
            null,
            () ->
                ecs.listClustersPaginator(b -> b.maxResults(100)).clusterArns().stream().toList());
    if (listed.isEmpty()) return Optional.empty();
    List<String> arns = listed.get();
    List<Cluster> out = new ArrayList<>();
    for (List<String> batch : batches(arns, 100)) {
      log.step(
              region,
              "ecs:DescribeClusters",
              null,
              () ->
                  ecs
                      .describeClusters(
                          b ->
                              b.clusters(batch)
                                  .include(ClusterField.SETTINGS, ClusterField.CONFIGURATIONS))
                      .clusters()
                      .stream()
                      .map(EcsMapper::cluster)
                      .toList())
          .ifPresent(out::addAll);
    }
    if (arns.isEmpty()) log.markOk(region, "ecs:DescribeClusters");
    return Optional.of(out);
  }

  private List<Service> services(String region, EcsClient ecs, Cluster cluster) {
    Optional<List<String>> listed =
        log.step(
            region,
            "ecs:ListServices",
            cluster.clusterName(),
            () ->
                ecs
                    .listServicesPaginator(b -> b.cluster(cluster.clusterArn()).maxResults(100))
                    .serviceArns()
                    .stream()
                    .toList());
    if (listed.isEmpty()) return List.of();
    List<String> arns = listed.get();
    List<Service> out = new ArrayList<>();
    for (List<String> batch : batches(arns, SERVICES_PER_DESCRIBE)) {
      log.step(
              region,
              "ecs:DescribeServices",
              cluster.clusterName(),
              () ->
                  ecs
                      .describeServices(b -> b.cluster(cluster.clusterArn()).services(batch))
                      .services()
                      .stream()
                      .map(EcsMapper::service)
                      .toList())
          .ifPresent(out::addAll);
    }
    if (arns.isEmpty()) log.markOk(region, "ecs:DescribeServices");
    return out;
  }

  private List<Task> tasks(String region, EcsClient ecs, Cluster cluster, DesiredStatus status) {
    Optional<List<String>> listed =
        log.step(
            region,
            "ecs:ListTasks",
            cluster.clusterName(),
            () ->
                ecs
                    .listTasksPaginator(
                        b -> b.cluster(cluster.clusterArn()).desiredStatus(status).maxResults(100))
                    .taskArns()
                    .stream()
                    .toList());
    if (listed.isEmpty()) return List.of();
    List<String> arns = listed.get();
    List<Task> out = new ArrayList<>();
    for (List<String> batch : batches(arns, TASKS_PER_DESCRIBE)) {
      log.step(
              region,
              "ecs:DescribeTasks",
              cluster.clusterName(),
              () ->
                  ecs
                      .describeTasks(b -> b.cluster(cluster.clusterArn()).tasks(batch))
                      .tasks()
                      .stream()
                      .map(EcsMapper::task)
                      .toList())
          .ifPresent(out::addAll);
    }
    if (arns.isEmpty()) log.markOk(region, "ecs:DescribeTasks");
    return out;
  }

  private static Set<String> referencedTaskDefinitions(List<Service> services, List<Task> tasks) {
    Set<String> arns = new LinkedHashSet<>();
    for (Service s : services) {
      if (s.taskDefinition() != null) arns.add(s.taskDefinition());
      s.deployments()
          .forEach(
              d -> {
                if (d.taskDefinition() != null) arns.add(d.taskDefinition());
              });
    }
    tasks.forEach(
        t -> {
          if (t.taskDefinitionArn() != null) arns.add(t.taskDefinitionArn());
        });
    return arns;
  }

  private CompletableFuture<List<TaskDefinition>> taskDefinitions(
      String region, EcsClient ecs, Set<String> arns) {
    if (arns.isEmpty()) {
      log.markOk(region, "ecs:DescribeTaskDefinition");
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletableFuture<List<TaskDefinition>>> each = new ArrayList<>();
    for (String arn : arns) {
      each.add(
          CompletableFuture.supplyAsync(
              () ->
                  log.step(
                          region,
                          "ecs:DescribeTaskDefinition",
                          arn,
                          () ->
                              List.of(
                                  EcsMapper.taskDefinition(
                                      ecs.describeTaskDefinition(b -> b.taskDefinition(arn))
                                          .taskDefinition())))
                      .orElse(List.of()),
              pool));
    }
    return joinAll(each);
  }

  static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size)
      out.add(items.subList(i, Math.min(items.size(), i + size)));
    return out;
  }

  static <T> CompletableFuture<List<T>> joinAll(List<CompletableFuture<List<T>>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<T> out = new ArrayList<>();
              futures.forEach(f -> out.addAll(f.join()));
              return out;
            });
  }
}
