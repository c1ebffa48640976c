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
  TASK_DEFINITIONS("ecs:DescribeTaskDefinition"),
  TASKS("ecs:ListTasks", "ecs:DescribeTasks"),
  /** Read role by role: a check names each role it could not read, so only region-wide gaps are the engine's. */
  IAM_ROLES(true, "iam:GetRole");

  private final List<String> actions;
  private final boolean checkedPerResource;

  Input(String... actions) {
    this(false, actions);
  }

  Input(boolean checkedPerResource, String... actions) {
    this.actions = List.of(actions);
    this.checkedPerResource = checkedPerResource;
  }

  /** True when checks report unreadable resources themselves (per role), not the engine. */
  public boolean checkedPerResource() {
    return checkedPerResource;
  }

  public List<String> actions() {
    return actions;
  }

  /** IAM is global: its coverage is recorded once, not per region. */
  public boolean isGlobal() {
    return this == IAM_ROLES;
  }
}
