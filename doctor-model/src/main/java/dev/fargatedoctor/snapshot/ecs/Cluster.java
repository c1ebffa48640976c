package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Lists;
import java.util.List;
import java.util.Optional;

/**
 * DescribeClusters entry, with SETTINGS (so Container Insights is visible) and CONFIGURATIONS (how
 * ECS Exec sessions are encrypted and logged).
 */
public record Cluster(
    String clusterArn,
    String clusterName,
    String status,
    Integer runningTasksCount,
    Integer pendingTasksCount,
    Integer activeServicesCount,
    List<String> capacityProviders,
    List<KeyValue> settings,
    Configuration configuration) {
  public Cluster {
    capacityProviders = Lists.of(capacityProviders);
    settings = Lists.of(settings);
  }

  /** A cluster without an ECS Exec configuration. */
  public Cluster(
      String clusterArn,
      String clusterName,
      String status,
      Integer runningTasksCount,
      Integer pendingTasksCount,
      Integer activeServicesCount,
      List<String> capacityProviders,
      List<KeyValue> settings) {
    this(
        clusterArn,
        clusterName,
        status,
        runningTasksCount,
        pendingTasksCount,
        activeServicesCount,
        capacityProviders,
        settings,
        null);
  }

  public Optional<ExecuteCommandConfiguration> executeCommandConfiguration() {
    return Optional.ofNullable(configuration).map(Configuration::executeCommandConfiguration);
  }

  public record Configuration(ExecuteCommandConfiguration executeCommandConfiguration) {}

  /**
   * {@code logging} is NONE, DEFAULT (the task definition's awslogs) or OVERRIDE
   * (logConfiguration).
   */
  public record ExecuteCommandConfiguration(
      String kmsKeyId, String logging, ExecuteCommandLogConfiguration logConfiguration) {}

  public record ExecuteCommandLogConfiguration(
      String cloudWatchLogGroupName,
      Boolean cloudWatchEncryptionEnabled,
      String s3BucketName,
      Boolean s3EncryptionEnabled,
      String s3KeyPrefix) {}
}
