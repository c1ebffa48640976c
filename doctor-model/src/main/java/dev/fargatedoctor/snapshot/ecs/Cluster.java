package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** DescribeClusters entry (with SETTINGS, so Container Insights is visible). */
public record Cluster(String clusterArn, String clusterName, String status, Integer runningTasksCount,
                      Integer pendingTasksCount, Integer activeServicesCount, List<String> capacityProviders,
                      List<KeyValue> settings) {
  public Cluster {
    capacityProviders = Lists.of(capacityProviders);
    settings = Lists.of(settings);
  }
}
