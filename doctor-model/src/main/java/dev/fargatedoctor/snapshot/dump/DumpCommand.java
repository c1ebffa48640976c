package dev.fargatedoctor.snapshot.dump;

import java.util.Arrays;
import java.util.Optional;

/**
 * The aws-CLI commands whose {@code --output json} the importer understands. A dump file is named
 * after its command ({@code ec2-describe-subnets.json}), optionally with a label before the
 * extension ({@code ecs-describe-services.production.json}) when one command was run several times.
 */
enum DumpCommand {
  STS_GET_CALLER_IDENTITY("sts-get-caller-identity", "Account", "sts:GetCallerIdentity", false),
  EC2_DESCRIBE_VPCS("ec2-describe-vpcs", "Vpcs", "ec2:DescribeVpcs", true),
  EC2_DESCRIBE_SUBNETS("ec2-describe-subnets", "Subnets", "ec2:DescribeSubnets", true),
  EC2_DESCRIBE_ROUTE_TABLES(
      "ec2-describe-route-tables", "RouteTables", "ec2:DescribeRouteTables", true),
  EC2_DESCRIBE_NAT_GATEWAYS(
      "ec2-describe-nat-gateways", "NatGateways", "ec2:DescribeNatGateways", true),
  EC2_DESCRIBE_INTERNET_GATEWAYS(
      "ec2-describe-internet-gateways", "InternetGateways", "ec2:DescribeInternetGateways", true),
  EC2_DESCRIBE_VPC_ENDPOINTS(
      "ec2-describe-vpc-endpoints", "VpcEndpoints", "ec2:DescribeVpcEndpoints", true),
  EC2_DESCRIBE_NETWORK_ACLS(
      "ec2-describe-network-acls", "NetworkAcls", "ec2:DescribeNetworkAcls", true),
  EC2_DESCRIBE_SECURITY_GROUPS(
      "ec2-describe-security-groups", "SecurityGroups", "ec2:DescribeSecurityGroups", true),
  EC2_DESCRIBE_NETWORK_INTERFACES(
      "ec2-describe-network-interfaces",
      "NetworkInterfaces",
      "ec2:DescribeNetworkInterfaces",
      true),
  EC2_DESCRIBE_FLOW_LOGS("ec2-describe-flow-logs", "FlowLogs", "ec2:DescribeFlowLogs", true),
  EC2_DESCRIBE_PREFIX_LISTS(
      "ec2-describe-prefix-lists", "PrefixLists", "ec2:DescribePrefixLists", true),
  CLOUDTRAIL_LOOKUP_EVENTS("cloudtrail-lookup-events", "Events", "cloudtrail:LookupEvents", true),
  ECS_DESCRIBE_CLUSTERS("ecs-describe-clusters", "clusters", "ecs:DescribeClusters", true),
  ECS_DESCRIBE_SERVICES("ecs-describe-services", "services", "ecs:DescribeServices", true),
  ECS_DESCRIBE_TASK_DEFINITION(
      "ecs-describe-task-definition", "taskDefinition", "ecs:DescribeTaskDefinition", true),
  ECS_DESCRIBE_TASKS("ecs-describe-tasks", "tasks", "ecs:DescribeTasks", true),
  ELBV2_DESCRIBE_LOAD_BALANCERS(
      "elbv2-describe-load-balancers",
      "LoadBalancers",
      "elasticloadbalancing:DescribeLoadBalancers",
      true),
  ELBV2_DESCRIBE_TARGET_GROUPS(
      "elbv2-describe-target-groups",
      "TargetGroups",
      "elasticloadbalancing:DescribeTargetGroups",
      true),
  /**
   * One file per target group, labelled with its name: the output does not name the target group.
   */
  ELBV2_DESCRIBE_TARGET_HEALTH(
      "elbv2-describe-target-health",
      "TargetHealthDescriptions",
      "elasticloadbalancing:DescribeTargetHealth",
      true),
  /** Queries labelled as {@link dev.fargatedoctor.snapshot.metrics.MetricLabel} describes. */
  CLOUDWATCH_GET_METRIC_DATA(
      "cloudwatch-get-metric-data", "MetricDataResults", "cloudwatch:GetMetricData", true),
  IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS(
      "iam-get-account-authorization-details",
      "RoleDetailList",
      "iam:GetAccountAuthorizationDetails",
      false),
  IAM_GET_ROLE("iam-get-role", "Role", "iam:GetRole", false),
  SERVICE_QUOTAS_GET_SERVICE_QUOTA(
      "service-quotas-get-service-quota", "Quota", "servicequotas:GetServiceQuota", true),
  SERVICE_QUOTAS_LIST_SERVICE_QUOTAS(
      "service-quotas-list-service-quotas", "Quotas", "servicequotas:ListServiceQuotas", true),
  SERVICE_QUOTAS_LIST_AWS_DEFAULT_SERVICE_QUOTAS(
      "service-quotas-list-aws-default-service-quotas",
      "Quotas",
      "servicequotas:ListAWSDefaultServiceQuotas",
      true);

  final String fileStem;
  final String topLevelKey;
  final String action;
  final boolean regional;

  DumpCommand(String fileStem, String topLevelKey, String action, boolean regional) {
    this.fileStem = fileStem;
    this.topLevelKey = topLevelKey;
    this.action = action;
    this.regional = regional;
  }

  /** The aws-CLI invocation, for messages: {@code aws ec2 describe-subnets}. */
  String cli() {
    String[] words = fileStem.split("-", 2);
    if (fileStem.startsWith("service-quotas-")) {
      return "aws service-quotas " + fileStem.substring("service-quotas-".length());
    }
    return "aws " + words[0] + " " + words[1];
  }

  /**
   * The label of a file name ({@code elbv2-describe-target-health.api.json} -> {@code api}), or
   * null.
   */
  String label(String fileName) {
    String base = fileName.substring(0, fileName.length() - ".json".length());
    return base.equals(fileStem) ? null : base.substring(fileStem.length() + 1);
  }

  /** The command a file name stands for: the stem itself, or the stem followed by ".label". */
  static Optional<DumpCommand> forFileName(String fileName) {
    if (!fileName.endsWith(".json")) return Optional.empty();
    String base = fileName.substring(0, fileName.length() - ".json".length());
    return Arrays.stream(values())
        .filter(c -> base.equals(c.fileStem) || base.startsWith(c.fileStem + "."))
        .findFirst();
  }

  /** Which command produces a top-level key, to suggest a file's real origin. */
  static Optional<DumpCommand> producing(String topLevelKey) {
    return Arrays.stream(values()).filter(c -> c.topLevelKey.equals(topLevelKey)).findFirst();
  }
}
