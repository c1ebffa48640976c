package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Lists;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** DescribeServices entry with its deployments and recent events (ECS keeps the latest 100). */
public record Service(
    String serviceArn,
    String serviceName,
    String clusterArn,
    String status,
    Integer desiredCount,
    Integer runningCount,
    Integer pendingCount,
    String launchType,
    List<CapacityProviderItem> capacityProviderStrategy,
    String platformVersion,
    String taskDefinition,
    DeploymentConfiguration deploymentConfiguration,
    DeploymentController deploymentController,
    List<Deployment> deployments,
    NetworkConfiguration networkConfiguration,
    List<LoadBalancer> loadBalancers,
    List<ServiceEvent> events,
    Boolean enableExecuteCommand,
    Integer healthCheckGracePeriodSeconds,
    Instant createdAt) {
  public Service {
    capacityProviderStrategy = Lists.of(capacityProviderStrategy);
    deployments = Lists.of(deployments);
    loadBalancers = Lists.of(loadBalancers);
    events = Lists.of(events);
  }

  public record CapacityProviderItem(String capacityProvider, Integer weight, Integer base) {}

  public record DeploymentConfiguration(
      CircuitBreaker deploymentCircuitBreaker,
      Integer maximumPercent,
      Integer minimumHealthyPercent) {}

  public record CircuitBreaker(Boolean enable, Boolean rollback) {}

  public record DeploymentController(String type) {}

  public record Deployment(
      String id,
      String status,
      String taskDefinition,
      Integer desiredCount,
      Integer pendingCount,
      Integer runningCount,
      Integer failedTasks,
      Instant createdAt,
      Instant updatedAt,
      String launchType,
      String platformVersion,
      String rolloutState,
      String rolloutStateReason) {}

  public record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {}

  public record AwsVpcConfiguration(
      List<String> subnets, List<String> securityGroups, String assignPublicIp) {
    public AwsVpcConfiguration {
      subnets = Lists.of(subnets);
      securityGroups = Lists.of(securityGroups);
    }
  }

  public record LoadBalancer(
      String targetGroupArn,
      String loadBalancerName,
      String containerName,
      Integer containerPort) {}

  public record ServiceEvent(String id, Instant createdAt, String message) {}

  /** The subnets the service's tasks are placed in (awsvpc), empty for other network modes. */
  public List<String> subnets() {
    return awsVpc().map(AwsVpcConfiguration::subnets).orElse(List.of());
  }

  public List<String> securityGroups() {
    return awsVpc().map(AwsVpcConfiguration::securityGroups).orElse(List.of());
  }

  public Optional<AwsVpcConfiguration> awsVpc() {
    return Optional.ofNullable(networkConfiguration).map(NetworkConfiguration::awsvpcConfiguration);
  }

  public Optional<Deployment> primaryDeployment() {
    return deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
  }

  public String clusterName() {
    return Arns.lastSegment(clusterArn);
  }
}
