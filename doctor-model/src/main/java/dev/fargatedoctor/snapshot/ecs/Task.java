package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Lists;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * DescribeTasks entry: RUNNING and recently STOPPED tasks (ECS keeps stopped ones about an hour).
 * {@code capacityProviderName} (FARGATE or FARGATE_SPOT on Fargate) says which vCPU quota a task
 * counts against.
 */
public record Task(
    String taskArn,
    String clusterArn,
    String taskDefinitionArn,
    String group,
    String startedBy,
    String lastStatus,
    String desiredStatus,
    String launchType,
    String platformVersion,
    String availabilityZone,
    String cpu,
    String memory,
    Instant createdAt,
    Instant startedAt,
    Instant stoppingAt,
    Instant stoppedAt,
    String stopCode,
    String stoppedReason,
    String healthStatus,
    Boolean enableExecuteCommand,
    List<Attachment> attachments,
    List<Container> containers,
    Overrides overrides,
    String capacityProviderName) {
  public Task {
    attachments = Lists.of(attachments);
    containers = Lists.of(containers);
  }

  /**
   * A task without a capacity provider name (launched with a launch type, or read from an older
   * dump).
   */
  public Task(
      String taskArn,
      String clusterArn,
      String taskDefinitionArn,
      String group,
      String startedBy,
      String lastStatus,
      String desiredStatus,
      String launchType,
      String platformVersion,
      String availabilityZone,
      String cpu,
      String memory,
      Instant createdAt,
      Instant startedAt,
      Instant stoppingAt,
      Instant stoppedAt,
      String stopCode,
      String stoppedReason,
      String healthStatus,
      Boolean enableExecuteCommand,
      List<Attachment> attachments,
      List<Container> containers,
      Overrides overrides) {
    this(
        taskArn,
        clusterArn,
        taskDefinitionArn,
        group,
        startedBy,
        lastStatus,
        desiredStatus,
        launchType,
        platformVersion,
        availabilityZone,
        cpu,
        memory,
        createdAt,
        startedAt,
        stoppingAt,
        stoppedAt,
        stopCode,
        stoppedReason,
        healthStatus,
        enableExecuteCommand,
        attachments,
        containers,
        overrides,
        null);
  }

  public record Attachment(String id, String type, String status, List<KeyValue> details) {
    public Attachment {
      details = Lists.of(details);
    }

    public Optional<String> detail(String name) {
      return details.stream().filter(d -> name.equals(d.name())).map(KeyValue::value).findFirst();
    }
  }

  /**
   * A container of the task. On a stopped task, {@code reason} is where an OOM kill shows
   * ("OutOfMemoryError: Container killed due to memory usage"), while the task's stoppedReason only
   * says an essential container exited. managedAgents holds the ECS Exec agent's status.
   */
  public record Container(
      String containerArn,
      String name,
      String image,
      String lastStatus,
      Integer exitCode,
      String reason,
      String healthStatus,
      List<ManagedAgent> managedAgents) {
    public Container {
      managedAgents = Lists.of(managedAgents);
    }

    public Container(
        String containerArn,
        String name,
        String image,
        String lastStatus,
        Integer exitCode,
        String reason,
        String healthStatus) {
      this(containerArn, name, image, lastStatus, exitCode, reason, healthStatus, null);
    }
  }

  /** An agent ECS runs beside a container; "ExecuteCommandAgent" is the one ECS Exec needs. */
  public record ManagedAgent(
      String name, String lastStatus, String reason, Instant lastStartedAt) {}

  public record Overrides(String taskRoleArn, String executionRoleArn) {}

  public boolean isStopped() {
    return "STOPPED".equals(lastStatus);
  }

  /**
   * The service a task belongs to, from its group ("service:NAME"), or empty for standalone tasks.
   */
  public Optional<String> serviceName() {
    return group != null && group.startsWith("service:")
        ? Optional.of(group.substring(8))
        : Optional.empty();
  }

  /** The task's ENI id, from its ElasticNetworkInterface attachment (awsvpc). */
  public Optional<String> networkInterfaceId() {
    return eni().flatMap(a -> a.detail("networkInterfaceId"));
  }

  public Optional<String> subnetId() {
    return eni().flatMap(a -> a.detail("subnetId"));
  }

  private Optional<Attachment> eni() {
    return attachments.stream().filter(a -> "ElasticNetworkInterface".equals(a.type())).findFirst();
  }
}
