package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.Severity;

/**
 * Why ECS could not start or keep a task, as its own messages tell it (service events, stop codes,
 * stopped reasons, container reasons). Both catalogues, {@link ServiceEventCatalogue} and {@link
 * StopReasonCatalogue}, map messages onto these causes, so every check that reads them names a
 * cause the same way and prints the same fix.
 */
enum Cause {
  ROLE_TRUST(
      Severity.CRITICAL,
      Kind.ENVIRONMENT,
      "ECS cannot assume a role of the task definition (trust policy)",
      "Let ecs-tasks.amazonaws.com assume the role again (see EXEC-ROLE-TRUST / TASK-ROLE-TRUST); ECS retries by itself."),
  ROLE_PERMISSIONS(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "a role lacks permissions (AccessDenied)",
      "Grant the execution role what the task definition needs (see EXEC-ROLE-PERMS): ECR pull, logs, secrets, "
          + "and kms:Decrypt for secrets under a customer managed key."),
  SECRET_NOT_FOUND(
      Severity.HIGH,
      Kind.REVISION,
      "a secret or parameter the task definition references does not exist",
      "Fix the secrets' valueFrom (ARN, region, JSON key) or create the secret or parameter."),
  NETWORK_PATH(
      Severity.CRITICAL,
      Kind.ENVIRONMENT,
      "the task cannot reach ECR, Secrets Manager, SSM or CloudWatch Logs from its subnet",
      "Give the task subnets a route to a NAT gateway (or an internet gateway with assignPublicIp=ENABLED), or "
          + "interface endpoints for ecr.api, ecr.dkr, logs, secretsmanager/ssm and the S3 gateway endpoint; check "
          + "security groups allow outbound 443 and network ACLs the return traffic."),
  LOG_GROUP_MISSING(
      Severity.HIGH,
      Kind.REVISION,
      "the awslogs log group does not exist",
      "Create the log group (aws logs create-log-group), or set awslogs-create-group=true and allow "
          + "logs:CreateLogGroup on the execution role."),
  LOGGING_CONFIG(
      Severity.HIGH,
      Kind.REVISION,
      "the log configuration is invalid",
      "Fix the task definition's logConfiguration options (awslogs-group, awslogs-region, awslogs-stream-prefix)."),
  EFS_MOUNT(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "an EFS volume cannot be mounted",
      "Check the file system has a mount target in each task AZ, its security group allows NFS (2049) from the tasks, "
          + "and the VPC has DNS hostnames enabled."),
  ENI_QUOTA(
      Severity.CRITICAL,
      Kind.ENVIRONMENT,
      "the Region's network interface quota is exhausted",
      "Free network interfaces or raise quota vpc/L-DF5E4CA3 (see ENI-QUOTA)."),
  SUBNET_ADDRESSES(
      Severity.CRITICAL,
      Kind.ENVIRONMENT,
      "the task subnets have too few free IP addresses",
      "Add subnets with free addresses to the service's awsvpcConfiguration, or free addresses in these subnets."),
  ENI_PROVISIONING(
      Severity.MEDIUM,
      Kind.ENVIRONMENT,
      "provisioning the task's network interface timed out",
      "Usually transient: ECS retries. If it persists, check the subnets and the ENI quota."),
  IMAGE_NOT_FOUND(
      Severity.HIGH,
      Kind.REVISION,
      "the image cannot be pulled: the repository or tag does not exist",
      "Push the image or fix the image URI in the task definition, or roll back to the revision still serving."),
  IMAGE_PULL_DENIED(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "the image cannot be pulled: access denied",
      "Allow the execution role ECR pull (see EXEC-ROLE-PERMS), the repository policy, and the S3 gateway endpoint "
          + "policy (image layers come from S3)."),
  IMAGE_PULL_NETWORK(
      Severity.CRITICAL,
      Kind.ENVIRONMENT,
      "the image cannot be pulled: no network path to the registry",
      "Give the task subnets a route to the registry: a NAT gateway, or ECR interface endpoints plus the S3 gateway "
          + "endpoint."),
  IMAGE_PULL_RATE_LIMIT(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "the image cannot be pulled: the registry's rate limit",
      "Pull from ECR (a pull-through cache) instead of Docker Hub, or authenticate the pulls."),
  IMAGE_PULL(
      Severity.HIGH,
      Kind.REVISION,
      "the image cannot be pulled",
      "Read the full error: check the image URI, the registry's reachability and the execution role."),
  CONTAINER_START(
      Severity.HIGH,
      Kind.REVISION,
      "the container cannot start (command, entrypoint or platform)",
      "Check the image's entrypoint and command, and that its CPU architecture matches the task's runtimePlatform."),
  OUT_OF_MEMORY(
      Severity.HIGH,
      Kind.REVISION,
      "containers are killed for exceeding their memory",
      "Raise the task (or container) memory, and look for a leak (MEMORY-LEAK-TREND)."),
  KILLED(
      Severity.MEDIUM,
      Kind.REVISION,
      "containers were killed (OOM, stop timeout or health check)",
      "Exit code 137 is SIGKILL: an OOM kill, a container that ignored SIGTERM past stopTimeout, or a health-check "
          + "kill. Read the container reason and the memory metrics."),
  ELB_HEALTH(
      Severity.HIGH,
      Kind.REVISION,
      "tasks fail load-balancer health checks",
      "Check the target group's health check path, port and matcher, the security group from the load balancer "
          + "to the tasks, and healthCheckGracePeriodSeconds for slow starters (see LB-UNHEALTHY-TARGETS)."),
  TARGET_GROUP_MISSING(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "the service's target group no longer exists",
      "Recreate the target group, or update the service's loadBalancers to one that exists."),
  CONTAINER_HEALTH(
      Severity.HIGH,
      Kind.REVISION,
      "tasks fail their container health check",
      "Check the healthCheck command works inside the image (is curl there?) and give slow starters a startPeriod."),
  CONTAINER_EXIT(
      Severity.HIGH,
      Kind.REVISION,
      "an essential container keeps exiting",
      "Read the container's logs around the stop time; the exit code says how it ended."),
  CAPACITY_UNAVAILABLE(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "Fargate has no capacity for the task in these AZs right now",
      "Add subnets in more AZs to the service, or use a capacity provider strategy with FARGATE and FARGATE_SPOT."),
  QUOTA(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "a task, vCPU or provisioning quota is reached",
      "Raise the quota named in the message (Service Quotas) or lower the desired count."),
  UNSUPPORTED_AZ(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "a task subnet is in an AZ Fargate does not support",
      "Remove the subnet of the unsupported AZ from the service's awsvpcConfiguration."),
  INSTANCE_PLACEMENT(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "no container instance can take the task (EC2 capacity)",
      "Add container instances or capacity provider capacity, or pass the intended capacity provider strategy."),
  INCOMPATIBLE_DEFINITION(
      Severity.HIGH,
      Kind.REVISION,
      "the task definition does not fit the launch type",
      "Register the task definition with requiresCompatibilities FARGATE, awsvpc and valid cpu/memory."),
  PROTECTED_TASKS(
      Severity.MEDIUM,
      Kind.ENVIRONMENT,
      "scale-in protected tasks keep the service above its desired count",
      "Release task scale-in protection once their work is done."),
  DEPLOYMENT_CONFIG(
      Severity.HIGH,
      Kind.ENVIRONMENT,
      "the deployment configuration cannot make progress",
      "Change minimumHealthyPercent or maximumPercent so a task can be stopped or started (see DEPLOY-CONFIG-BLOCKED)."),
  START_THROTTLED(
      Severity.HIGH,
      Kind.REVISION,
      "ECS throttles the service because its tasks keep failing to start",
      "Fix why tasks stop before RUNNING (see TASK-STOP-REASONS); a new task definition resets the back-off."),
  API_THROTTLED(
      Severity.LOW,
      Kind.ENVIRONMENT,
      "ECS throttles the service's API operations",
      "Usually transient; ECS tries again later."),
  DEPLOYMENT_FAILED(
      Severity.HIGH,
      Kind.REVISION,
      "a deployment failed because its tasks did not start",
      "The circuit breaker stopped the deployment: the reason is in the stopped tasks (see TASK-STOP-REASONS)."),
  AGENT(
      Severity.MEDIUM,
      Kind.ENVIRONMENT,
      "the ECS agent on a container instance is disconnected",
      "EC2 launch type only: check the agent on the instance (/var/log/ecs/ecs-agent.log)."),
  SPOT_INTERRUPTION(
      Severity.LOW,
      Kind.ENVIRONMENT,
      "Fargate Spot reclaimed the capacity",
      "Expected with FARGATE_SPOT: keep a FARGATE base in the capacity provider strategy for what must stay up."),
  TERMINATION_NOTICE(
      Severity.LOW,
      Kind.ENVIRONMENT,
      "AWS retired the task (maintenance or Spot notice)",
      "Expected from time to time; the scheduler replaces the task."),
  INFRASTRUCTURE(
      Severity.LOW,
      Kind.ENVIRONMENT,
      "the task's underlying infrastructure was unhealthy",
      "Expected from time to time; the scheduler replaces the task."),
  UNRECOGNIZED(
      Severity.LOW,
      Kind.UNKNOWN,
      "a failure message this catalogue does not know",
      "Read the message; if it is a new ECS form, the catalogue should learn it."),
  STOPPED_BY_USER(Severity.INFO, Kind.NORMAL, "stopped by a user or a tool (StopTask)", ""),
  STOPPED_BY_SCHEDULER(
      Severity.INFO, Kind.NORMAL, "stopped by the service scheduler (deployment or scale-in)", ""),
  HEALTHY(Severity.INFO, Kind.NORMAL, "routine service activity", "");

  /** Who is to blame, which decides whether rolling back can help. */
  enum Kind {
    /**
     * The new revision (image, code, memory, health check): rolling back to the old revision helps.
     */
    REVISION,
    /**
     * The account around the service (roles, network, quotas): the old revision fails the same way.
     */
    ENVIRONMENT,
    /** Routine: nothing to report. */
    NORMAL,
    UNKNOWN
  }

  private final Severity severity;
  private final Kind kind;
  private final String description;
  private final String fix;

  Cause(Severity severity, Kind kind, String description, String fix) {
    this.severity = severity;
    this.kind = kind;
    this.description = description;
    this.fix = fix;
  }

  Severity severity() {
    return severity;
  }

  String description() {
    return description;
  }

  String fix() {
    return fix;
  }

  boolean isNormal() {
    return kind == Kind.NORMAL;
  }

  /** True when rolling back to the previous task definition would fail the same way. */
  boolean isEnvironmental() {
    return kind == Kind.ENVIRONMENT;
  }
}
