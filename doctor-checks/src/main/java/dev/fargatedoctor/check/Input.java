package dev.fargatedoctor.check;

import java.util.List;

/**
 * A kind of data a check reads, with the IAM actions that collect it. When any of these actions was
 * denied, throttled or not collected for a region, the engine reports the check UNKNOWN there.
 */
public enum Input {
  NETWORK_INTERFACES("ec2:DescribeNetworkInterfaces"),
  SUBNETS("ec2:DescribeSubnets"),
  ROUTE_TABLES("ec2:DescribeRouteTables"),
  NAT_GATEWAYS("ec2:DescribeNatGateways"),
  INTERNET_GATEWAYS("ec2:DescribeInternetGateways"),
  VPC_ENDPOINTS("ec2:DescribeVpcEndpoints"),
  NETWORK_ACLS("ec2:DescribeNetworkAcls"),
  SECURITY_GROUPS("ec2:DescribeSecurityGroups"),
  FLOW_LOGS("ec2:DescribeFlowLogs"),
  ECS_SERVICES("ecs:ListClusters", "ecs:ListServices", "ecs:DescribeServices"),
  /**
   * Cluster settings (Container Insights) and configuration (ECS Exec's KMS key and session
   * logging).
   */
  ECS_CLUSTERS("ecs:DescribeClusters"),
  TASK_DEFINITIONS("ecs:DescribeTaskDefinition"),
  TASKS("ecs:ListTasks", "ecs:DescribeTasks"),
  /** Route, route-table, network-ACL and NAT-gateway changes of the last 24 hours. */
  CLOUDTRAIL_EVENTS("cloudtrail:LookupEvents"),
  /** Metric series (memory per service, load balancer metrics per AZ) from GetMetricData. */
  METRICS("cloudwatch:GetMetricData"),
  /** The load balancers and target groups in front of the services. */
  LOAD_BALANCERS(
      "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTargetGroups"),
  TARGET_HEALTH("elasticloadbalancing:DescribeTargetHealth"),
  /**
   * Roles come from GetAccountAuthorizationDetails, or role by role from GetRole (the collector's
   * fallback when the first is denied, and the importer's iam-get-role dumps): either will do. The
   * checks name each referenced role they have no data for, with the services that use it, so the
   * engine leaves these gaps to them.
   */
  IAM_ROLES(true, false, true, "iam:GetAccountAuthorizationDetails", "iam:GetRole"),
  /**
   * VPC flow-log records, read from CloudWatch Logs, S3, Athena or local files. Opt-in: a scan that
   * was not asked to read them does not run the checks that need them (nothing was judged, so
   * nothing is reported); one that was asked and could not read them reports UNKNOWN.
   */
  FLOW_RECORDS(
      true,
      true,
      false,
      "logs:FilterLogEvents",
      "s3:ListBucket",
      "s3:GetObject",
      "athena:GetQueryResults",
      "local:ReadFlowLogFile");

  /** The coverage action of flow-log records read from local files: no IAM action needed. */
  public static final String FLOW_LOG_FILE =
      "local:ReadFlowLogFile"; // the last FLOW_RECORDS action

  private final List<String> actions;
  private final boolean alternatives;
  private final boolean optIn;
  private final boolean perResource;

  Input(String... actions) {
    this(false, false, false, actions);
  }

  Input(boolean alternatives, boolean optIn, boolean perResource, String... actions) {
    this.actions = List.of(actions);
    this.alternatives = alternatives;
    this.optIn = optIn;
    this.perResource = perResource;
  }

  /**
   * True for data a scan reads only when asked: with no coverage entry at all, the checks that need
   * it are not run.
   */
  public boolean optIn() {
    return optIn;
  }

  /**
   * True when the checks report what they could not read resource by resource: the engine neither
   * holds them back nor adds a region-wide UNKNOWN for this input.
   */
  public boolean perResource() {
    return perResource;
  }

  /** True when any one of the actions delivers this input; otherwise all of them are needed. */
  public boolean alternatives() {
    return alternatives;
  }

  public List<String> actions() {
    return actions;
  }

  /** IAM is global: its coverage is recorded once, not per region. */
  public boolean isGlobal() {
    return this == IAM_ROLES;
  }
}
