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
   * Roles come from GetAccountAuthorizationDetails (the collector) or from GetRole dumps (the
   * importer): either will do. A check names each referenced role it has no data for.
   */
  IAM_ROLES(true, "iam:GetAccountAuthorizationDetails", "iam:GetRole");

  private final List<String> actions;
  private final boolean alternatives;

  Input(String... actions) {
    this(false, actions);
  }

  Input(boolean alternatives, String... actions) {
    this.actions = List.of(actions);
    this.alternatives = alternatives;
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
