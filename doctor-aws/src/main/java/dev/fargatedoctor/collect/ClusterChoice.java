package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;

/**
 * The clusters {@code --cluster} names, looked up in every scanned region before anything else is
 * collected. A name that matches no active cluster anywhere is a mistake in the command: scanning
 * nothing and reporting nothing wrong would be a false green. A cluster ARN is asked of its own
 * region only (moto even answers an ARN of another region with the local cluster of that name).
 */
final class ClusterChoice {
  private final CoverageLog log;
  private final List<String> wanted;

  ClusterChoice(CoverageLog log, List<String> wanted) {
    this.log = log;
    this.wanted = List.copyOf(wanted);
  }

  /**
   * The chosen clusters per region: empty where DescribeClusters failed (coverage says why).
   *
   * @throws IllegalArgumentException when a named cluster is active in no region, naming the
   *     clusters there are
   */
  Map<String, Optional<List<Cluster>>> resolve(List<String> regions, AwsClients clients) {
    Map<String, Optional<List<Cluster>>> chosen = new LinkedHashMap<>();
    Set<String> found = new LinkedHashSet<>();
    Set<String> undecided = new LinkedHashSet<>();
    for (String region : regions) {
      List<String> ask = wanted.stream().filter(w -> askedIn(w, region)).toList();
      Optional<List<Cluster>> clusters = describe(region, clients.ecs(region), ask);
      // The named clusters take the place of the account's list: nothing is missing from it.
      if (clusters.isPresent()) log.markOk(region, "ecs:ListClusters");
      chosen.put(region, clusters);
      if (clusters.isEmpty()) undecided.addAll(ask);
      clusters.ifPresent(
          cs ->
              cs.forEach(
                  c ->
                      ask.stream()
                          .filter(w -> w.equals(c.clusterName()) || w.equals(c.clusterArn()))
                          .forEach(found::add)));
    }
    List<String> unmatched =
        wanted.stream().filter(w -> !found.contains(w) && !undecided.contains(w)).toList();
    if (!unmatched.isEmpty())
      throw new IllegalArgumentException(message(unmatched, regions, clients));
    return chosen;
  }

  private static boolean askedIn(String wanted, String region) {
    return !wanted.startsWith("arn:") || region.equals(Arns.region(wanted));
  }

  // The active clusters among those asked for: a deleted (INACTIVE) one holds nothing to scan.
  private Optional<List<Cluster>> describe(String region, EcsClient ecs, List<String> ask) {
    if (ask.isEmpty()) {
      log.markOk(region, "ecs:DescribeClusters");
      return Optional.of(List.of());
    }
    List<Cluster> out = new ArrayList<>();
    for (List<String> batch : EcsCollector.batches(ask, 100)) {
      Optional<List<Cluster>> page =
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
                      .filter(c -> !"INACTIVE".equals(c.status()))
                      .map(EcsMapper::cluster)
                      .toList());
      if (page.isEmpty()) return Optional.empty();
      out.addAll(page.get());
    }
    return Optional.of(out);
  }

  private static String message(List<String> unmatched, List<String> regions, AwsClients clients) {
    StringBuilder m =
        new StringBuilder("--cluster ")
            .append(String.join(", ", unmatched))
            .append(unmatched.size() == 1 ? " matches no" : " match no")
            .append(" active cluster in ")
            .append(String.join(", ", regions))
            .append("; the clusters there: ");
    List<String> listings = new ArrayList<>();
    for (String region : regions) {
      String there;
      try {
        List<String> names =
            clients.ecs(region).listClustersPaginator(b -> b.maxResults(100)).clusterArns().stream()
                .map(Arns::lastSegment)
                .sorted()
                .toList();
        there = names.isEmpty() ? "none" : String.join(", ", names);
      } catch (RuntimeException e) {
        there = "not listed (" + Failures.message(e) + ")";
      }
      listings.add(regions.size() == 1 ? there : region + ": " + there);
    }
    return m.append(String.join("; ", listings)).toString();
  }
}
