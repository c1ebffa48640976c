package dev.fargatedoctor.triage;

import java.util.List;

/**
 * The steps to take for a symptom, in the order the write-up's laws give: each step names what to
 * look at, why, and the checks that look. A step without checks is advice the scan cannot follow
 * itself (the in-task agent's connection view), narrated as such.
 */
public record Playbook(Symptom symptom, List<Step> steps) {
  /** The checks that read flow-log records: they run only when records were read. */
  static final List<String> FLOWS =
      List.of("FLOW-REJECTED", "FLOW-NO-REPLY", "CROSS-AZ-TRAFFIC", "NAT-TRAFFIC-ENDPOINT");

  /** What a flow step says when no records were read. */
  static final String FLOWS_ADVICE =
      "No flow-log records were read: add --flow-minutes 30 (the last 30 minutes of the flow logs the "
          + "snapshot finds), or run `fargate-doctor flows`.";

  public record Step(String name, String why, List<String> checks, String advice) {
    public Step {
      checks = List.copyOf(checks);
    }
  }

  /** The playbooks, one per symptom. Check ids not in this build's catalogue are skipped. */
  public static Playbook of(Symptom symptom) {
    return switch (symptom) {
      case WONT_START ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "ENI limits",
                      "every Fargate task needs a network interface and an address in its subnet",
                      List.of("ENI-QUOTA", "ENI-SURGE", "SUBNET-IPS", "FARGATE-VCPU-QUOTA"),
                      null),
                  new Step(
                      "Security groups and the path out",
                      "a task must reach ECR, S3 and CloudWatch Logs before "
                          + "its container starts",
                      List.of(
                          "NO-EGRESS-PATH", "NACL-RETURN-BLOCKED", "ROUTE-BLACKHOLE", "NAT-NO-IGW"),
                      null),
                  new Step(
                      "IAM roles",
                      "ECS assumes the execution role to pull and log, the task role to hand out "
                          + "credentials",
                      List.of("EXEC-ROLE-TRUST", "TASK-ROLE-TRUST", "EXEC-ROLE-PERMS"),
                      null),
                  new Step(
                      "What ECS said",
                      "stopped-task reasons and service events name the failure",
                      List.of("TASK-STOP-REASONS", "SERVICE-EVENT-ERRORS"),
                      null)));
      case SLOW ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "Routes",
                      "a route to the wrong place, or to nothing, slows or drops traffic",
                      List.of("ROUTE-BLACKHOLE", "ROUTE-CROSS-AZ-NAT", "ROUTE-RECENT-CHANGE"),
                      null),
                  new Step(
                      "NAT gateways",
                      "every private subnet's egress goes through one",
                      List.of("NAT-NO-IGW"),
                      null),
                  new Step(
                      "DNS, endpoints and ACLs",
                      "endpoints resolve through private DNS; ACLs can drop return " + "traffic",
                      List.of("NO-EGRESS-PATH", "NACL-RETURN-BLOCKED"),
                      null),
                  new Step(
                      "What the flow logs show",
                      "connects that hang leave SYNs without an answer; dropped replies leave REJECTs",
                      FLOWS,
                      FLOWS_ADVICE)));
      case MEMORY ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "Trends",
                      "a steady climb toward the limit is a leak, not load",
                      List.of("MEMORY-LEAK-TREND"),
                      null),
                  new Step(
                      "OOM kills",
                      "the container reason, not the task's stopped reason, says OutOfMemoryError",
                      List.of("OOM-KILLS", "TASK-STOP-REASONS"),
                      null),
                  new Step(
                      "Connections",
                      "leaks are usually sockets left in CLOSE_WAIT or unpooled clients",
                      List.of(),
                      "The scan cannot see inside a task: add the in-task agent (`fargate-doctor agent "
                          + "task-definition`) and read /debug/connections for sockets by state, remote endpoint and process.")));
      case DEPLOY_HANG ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "Service events",
                      "ECS writes the reason there, not in the deployment tool's log",
                      List.of("SERVICE-EVENT-ERRORS", "DEPLOY-STUCK", "DEPLOY-FAILED"),
                      null),
                  new Step(
                      "Stopped tasks",
                      "each failed launch leaves a stopped task with its reason for about an hour",
                      List.of("TASK-STOP-REASONS", "OOM-KILLS"),
                      null),
                  new Step(
                      "Deployment configuration",
                      "some percentages cannot make progress; without a circuit "
                          + "breaker nothing rolls back",
                      List.of("DEPLOY-CONFIG-BLOCKED", "DEPLOY-NO-CIRCUIT-BREAKER"),
                      null),
                  new Step(
                      "IAM roles",
                      "a changed trust policy stops every new task",
                      List.of("EXEC-ROLE-TRUST", "TASK-ROLE-TRUST", "EXEC-ROLE-PERMS"),
                      null)));
      case INTERMITTENT ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "Load balancer",
                      "unhealthy or flapping targets and one bad AZ fail a share of requests",
                      List.of("LB-UNHEALTHY-TARGETS", "LB-AZ-SKEW"),
                      null),
                  new Step(
                      "Cross-AZ paths",
                      "traffic of one AZ through another's NAT gateway fails with that AZ",
                      List.of("ROUTE-CROSS-AZ-NAT", "NACL-RETURN-BLOCKED"),
                      null),
                  new Step(
                      "What the flow logs show",
                      "a share of connections unanswered or rejected, by AZ, is the 1 % that fails",
                      FLOWS,
                      FLOWS_ADVICE)));
      case UNKNOWN ->
          new Playbook(
              symptom,
              List.of(
                  new Step(
                      "Flow logs",
                      "without them there is no record of what the network dropped",
                      List.of("FLOWLOGS-MISSING"),
                      null),
                  new Step(
                      "What the flow logs show",
                      "rejected, unanswered and cross-AZ traffic, per service, from the records",
                      FLOWS,
                      FLOWS_ADVICE),
                  new Step(
                      "ECS Exec",
                      "to look inside a running task when configuration explains nothing",
                      List.of("ECS-EXEC-NOT-READY"),
                      null),
                  new Step(
                      "Everything else the scan found",
                      "a problem outside the usual suspects",
                      List.of("*"),
                      null)));
    };
  }
}
