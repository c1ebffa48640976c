package dev.fargatedoctor.collect;

import static dev.fargatedoctor.collect.Ec2Mapper.map;

import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;

/**
 * SDK ECS model objects to snapshot records. Environment values are redacted here, at the border:
 * the plaintext never reaches a snapshot, a report or a log.
 */
final class EcsMapper {
  private EcsMapper() {}

  static Cluster cluster(software.amazon.awssdk.services.ecs.model.Cluster c) {
    return new Cluster(
        c.clusterArn(),
        c.clusterName(),
        c.status(),
        c.runningTasksCount(),
        c.pendingTasksCount(),
        c.activeServicesCount(),
        c.capacityProviders(),
        map(c.settings(), s -> new KeyValue(s.nameAsString(), s.value())),
        configuration(c.configuration()));
  }

  private static Cluster.Configuration configuration(
      software.amazon.awssdk.services.ecs.model.ClusterConfiguration c) {
    if (c == null || c.executeCommandConfiguration() == null) return null;
    var exec = c.executeCommandConfiguration();
    var log = exec.logConfiguration();
    return new Cluster.Configuration(
        new Cluster.ExecuteCommandConfiguration(
            exec.kmsKeyId(),
            exec.loggingAsString(),
            log == null
                ? null
                : new Cluster.ExecuteCommandLogConfiguration(
                    log.cloudWatchLogGroupName(),
                    log.cloudWatchEncryptionEnabled(),
                    log.s3BucketName(),
                    log.s3EncryptionEnabled(),
                    log.s3KeyPrefix())));
  }

  static Service service(software.amazon.awssdk.services.ecs.model.Service s) {
    var dc = s.deploymentConfiguration();
    var cb = dc == null ? null : dc.deploymentCircuitBreaker();
    var net =
        s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
    return new Service(
        s.serviceArn(),
        s.serviceName(),
        s.clusterArn(),
        s.status(),
        s.desiredCount(),
        s.runningCount(),
        s.pendingCount(),
        s.launchTypeAsString(),
        map(
            s.capacityProviderStrategy(),
            i -> new Service.CapacityProviderItem(i.capacityProvider(), i.weight(), i.base())),
        s.platformVersion(),
        s.taskDefinition(),
        dc == null
            ? null
            : new Service.DeploymentConfiguration(
                cb == null ? null : new Service.CircuitBreaker(cb.enable(), cb.rollback()),
                dc.maximumPercent(),
                dc.minimumHealthyPercent()),
        s.deploymentController() == null
            ? null
            : new Service.DeploymentController(s.deploymentController().typeAsString()),
        map(
            s.deployments(),
            d ->
                new Service.Deployment(
                    d.id(),
                    d.status(),
                    d.taskDefinition(),
                    d.desiredCount(),
                    d.pendingCount(),
                    d.runningCount(),
                    d.failedTasks(),
                    d.createdAt(),
                    d.updatedAt(),
                    d.launchTypeAsString(),
                    d.platformVersion(),
                    d.rolloutStateAsString(),
                    d.rolloutStateReason())),
        net == null
            ? null
            : new Service.NetworkConfiguration(
                new Service.AwsVpcConfiguration(
                    net.subnets(), net.securityGroups(), net.assignPublicIpAsString())),
        map(
            s.loadBalancers(),
            l ->
                new Service.LoadBalancer(
                    l.targetGroupArn(),
                    l.loadBalancerName(),
                    l.containerName(),
                    l.containerPort())),
        map(s.events(), e -> new Service.ServiceEvent(e.id(), e.createdAt(), e.message())),
        s.enableExecuteCommand(),
        s.healthCheckGracePeriodSeconds(),
        s.createdAt());
  }

  static TaskDefinition taskDefinition(software.amazon.awssdk.services.ecs.model.TaskDefinition t) {
    var rp = t.runtimePlatform();
    return new TaskDefinition(
        t.taskDefinitionArn(),
        t.family(),
        t.revision(),
        t.statusAsString(),
        t.taskRoleArn(),
        t.executionRoleArn(),
        t.networkModeAsString(),
        t.cpu(),
        t.memory(),
        t.requiresCompatibilitiesAsStrings(),
        t.pidModeAsString(),
        rp == null
            ? null
            : new TaskDefinition.RuntimePlatform(
                rp.cpuArchitectureAsString(), rp.operatingSystemFamilyAsString()),
        map(t.containerDefinitions(), EcsMapper::container));
  }

  private static TaskDefinition.ContainerDefinition container(
      software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
    var log = c.logConfiguration();
    var hc = c.healthCheck();
    var lp = c.linuxParameters();
    return new TaskDefinition.ContainerDefinition(
        c.name(),
        c.image(),
        c.cpu(),
        c.memory(),
        c.memoryReservation(),
        c.essential(),
        map(c.environment(), e -> EnvironmentVariable.redact(e.name(), e.value())),
        map(c.secrets(), s -> new TaskDefinition.Secret(s.name(), s.valueFrom())),
        log == null
            ? null
            : new TaskDefinition.LogConfiguration(log.logDriverAsString(), log.options()),
        map(
            c.portMappings(),
            p ->
                new TaskDefinition.PortMapping(
                    p.containerPort(), p.hostPort(), p.protocolAsString())),
        hc == null
            ? null
            : new TaskDefinition.HealthCheck(
                hc.command(), hc.interval(), hc.timeout(), hc.retries(), hc.startPeriod()),
        lp == null ? null : new TaskDefinition.LinuxParameters(lp.initProcessEnabled()),
        c.readonlyRootFilesystem());
  }

  static Task task(software.amazon.awssdk.services.ecs.model.Task t) {
    var o = t.overrides();
    return new Task(
        t.taskArn(),
        t.clusterArn(),
        t.taskDefinitionArn(),
        t.group(),
        t.startedBy(),
        t.lastStatus(),
        t.desiredStatus(),
        t.launchTypeAsString(),
        t.platformVersion(),
        t.availabilityZone(),
        t.cpu(),
        t.memory(),
        t.createdAt(),
        t.startedAt(),
        t.stoppingAt(),
        t.stoppedAt(),
        t.stopCodeAsString(),
        t.stoppedReason(),
        t.healthStatusAsString(),
        t.enableExecuteCommand(),
        map(
            t.attachments(),
            a ->
                new Task.Attachment(
                    a.id(),
                    a.type(),
                    a.status(),
                    map(a.details(), d -> new KeyValue(d.name(), d.value())))),
        map(
            t.containers(),
            c ->
                new Task.Container(
                    c.containerArn(),
                    c.name(),
                    c.image(),
                    c.lastStatus(),
                    c.exitCode(),
                    c.reason(),
                    c.healthStatusAsString(),
                    map(
                        c.managedAgents(),
                        a ->
                            new Task.ManagedAgent(
                                a.nameAsString(), a.lastStatus(), a.reason(), a.lastStartedAt())))),
        o == null ? null : new Task.Overrides(o.taskRoleArn(), o.executionRoleArn()),
        t.capacityProviderName());
  }
}
