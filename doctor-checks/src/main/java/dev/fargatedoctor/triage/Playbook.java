package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.capacity.EniQuotaHeadroom;
import dev.fargatedoctor.check.capacity.EniSurgeHeadroom;
import dev.fargatedoctor.check.capacity.FargateVcpuQuota;
import dev.fargatedoctor.check.capacity.SubnetIpHeadroom;
import dev.fargatedoctor.check.ecs.DeploymentConfigBlocked;
import dev.fargatedoctor.check.ecs.DeploymentFailed;
import dev.fargatedoctor.check.ecs.EcsExecReadiness;
import dev.fargatedoctor.check.ecs.NoCircuitBreaker;
import dev.fargatedoctor.check.ecs.OomKills;
import dev.fargatedoctor.check.ecs.ServiceEventErrors;
import dev.fargatedoctor.check.ecs.StuckDeployment;
import dev.fargatedoctor.check.ecs.TaskStopReasons;
import dev.fargatedoctor.check.elb.LoadBalancerAzSkew;
import dev.fargatedoctor.check.elb.UnhealthyTargets;
import dev.fargatedoctor.check.flows.CrossAzTraffic;
import dev.fargatedoctor.check.flows.NatTrafficToEndpoints;
import dev.fargatedoctor.check.flows.RejectedFlows;
import dev.fargatedoctor.check.flows.UnansweredConnections;
import dev.fargatedoctor.check.iam.ExecutionRolePermissions;
import dev.fargatedoctor.check.iam.ExecutionRoleTrust;
import dev.fargatedoctor.check.iam.TaskRoleTrust;
import dev.fargatedoctor.check.metrics.MemoryLeakTrend;
import dev.fargatedoctor.check.network.CrossAzNatRoute;
import dev.fargatedoctor.check.network.FlowLogsMissing;
import dev.fargatedoctor.check.network.NaclReturnBlocked;
import dev.fargatedoctor.check.network.NatWithoutInternetRoute;
import dev.fargatedoctor.check.network.NoEgressPath;
import dev.fargatedoctor.check.network.RecentRouteChange;
import dev.fargatedoctor.check.network.RouteBlackhole;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The steps to take for a symptom, in the order the write-up's laws give: each step names what to
 * look at, why, and the checks that look. A step without checks is advice the scan cannot follow
 * itself (the in-task agent's connection view), narrated as such.
 */
record Playbook(Symptom symptom, List<Step> steps) {
  /** What a flow step says when no records were read. */
  static final String FLOWS_ADVICE =
      "No flow-log records were read: add --flow-minutes 30 (the last 30 minutes of the flow logs the "
          + "snapshot finds), or run `fargate-doctor flows`.";

  /**
   * @param checks the ids of the checks the step reads, {@link #EVERYTHING_ELSE} alone for the
   *     findings no other step read, or none for advice the scan cannot follow itself
   * @param advice with checks: what to do when none of them ran (their data was not read)
   */
  public record Step(String name, String why, List<String> checks, String advice) {
    /** Stands for every check the playbook's other steps do not read. */
    public static final String EVERYTHING_ELSE = "*";

    public Step {
      checks = List.copyOf(checks);
    }

    /** Checks are named by class, so a step cannot name a check that does not exist. */
    @SafeVarargs
    static Step reading(String name, String why, Class<? extends Check>... checks) {
      return new Step(
          name,
          why,
          Arrays.stream(checks).map(c -> c.getAnnotation(CheckInfo.class).id()).toList(),
          null);
    }

    /** The checks that read flow-log records: they run only when records were read. */
    static Step readingFlows(String name, String why) {
      return new Step(
          name,
          why,
          Stream.of(
                  RejectedFlows.class,
                  UnansweredConnections.class,
                  CrossAzTraffic.class,
                  NatTrafficToEndpoints.class)
              .map(c -> c.getAnnotation(CheckInfo.class).id())
              .toList(),
          FLOWS_ADVICE);
    }

    static Step everythingElse(String name, String why) {
      return new Step(name, why, List.of(EVERYTHING_ELSE), null);
    }

    static Step advice(String name, String why, String advice) {
      return new Step(name, why, List.of(), advice);
    }
  }

  /** The playbooks, one per symptom. */
  public static Playbook of(Symptom symptom) {
    return switch (symptom) {
      case WONT_START ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "ENI limits",
                      "every Fargate task needs a network interface and an address in its subnet",
                      EniQuotaHeadroom.class,
                      EniSurgeHeadroom.class,
                      SubnetIpHeadroom.class,
                      FargateVcpuQuota.class),
                  Step.reading(
                      "Security groups and the path out",
                      "a task must reach ECR, S3 and CloudWatch Logs before "
                          + "its container starts",
                      NoEgressPath.class,
                      NaclReturnBlocked.class,
                      RouteBlackhole.class,
                      NatWithoutInternetRoute.class),
                  Step.reading(
                      "IAM roles",
                      "ECS assumes the execution role to pull and log, the task role to hand out "
                          + "credentials",
                      ExecutionRoleTrust.class,
                      TaskRoleTrust.class,
                      ExecutionRolePermissions.class),
                  Step.reading(
                      "What ECS said",
                      "stopped-task reasons and service events name the failure",
                      TaskStopReasons.class,
                      ServiceEventErrors.class)));
      case SLOW ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "Routes",
                      "a route to the wrong place, or to nothing, slows or drops traffic",
                      RouteBlackhole.class,
                      CrossAzNatRoute.class,
                      RecentRouteChange.class),
                  Step.reading(
                      "NAT gateways",
                      "every private subnet's egress goes through one",
                      NatWithoutInternetRoute.class),
                  Step.reading(
                      "DNS, endpoints and ACLs",
                      "endpoints resolve through private DNS; ACLs can drop return " + "traffic",
                      NoEgressPath.class,
                      NaclReturnBlocked.class),
                  Step.readingFlows(
                      "What the flow logs show",
                      "connects that hang leave SYNs without an answer; dropped replies leave REJECTs")));
      case MEMORY ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "Trends",
                      "a steady climb toward the limit is a leak, not load",
                      MemoryLeakTrend.class),
                  Step.reading(
                      "OOM kills",
                      "the container reason, not the task's stopped reason, says OutOfMemoryError",
                      OomKills.class,
                      TaskStopReasons.class),
                  Step.advice(
                      "Connections",
                      "leaks are usually sockets left in CLOSE_WAIT or unpooled clients",
                      "The scan cannot see inside a task: add the in-task agent (`fargate-doctor agent "
                          + "task-definition`) and read /debug/connections for sockets by state, remote endpoint and process.")));
      case DEPLOY_HANG ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "Service events",
                      "ECS writes the reason there, not in the deployment tool's log",
                      ServiceEventErrors.class,
                      StuckDeployment.class,
                      DeploymentFailed.class),
                  Step.reading(
                      "Stopped tasks",
                      "each failed launch leaves a stopped task with its reason for about an hour",
                      TaskStopReasons.class,
                      OomKills.class),
                  Step.reading(
                      "Deployment configuration",
                      "some percentages cannot make progress; without a circuit "
                          + "breaker nothing rolls back",
                      DeploymentConfigBlocked.class,
                      NoCircuitBreaker.class),
                  Step.reading(
                      "IAM roles",
                      "a changed trust policy stops every new task",
                      ExecutionRoleTrust.class,
                      TaskRoleTrust.class,
                      ExecutionRolePermissions.class)));
      case INTERMITTENT ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "Load balancer",
                      "unhealthy or flapping targets and one bad AZ fail a share of requests",
                      UnhealthyTargets.class,
                      LoadBalancerAzSkew.class),
                  Step.reading(
                      "Cross-AZ paths",
                      "traffic of one AZ through another's NAT gateway fails with that AZ",
                      CrossAzNatRoute.class,
                      NaclReturnBlocked.class),
                  Step.readingFlows(
                      "What the flow logs show",
                      "a share of connections unanswered or rejected, by AZ, is the 1 % that fails")));
      case UNKNOWN ->
          new Playbook(
              symptom,
              List.of(
                  Step.reading(
                      "Flow logs",
                      "without them there is no record of what the network dropped",
                      FlowLogsMissing.class),
                  Step.readingFlows(
                      "What the flow logs show",
                      "rejected, unanswered and cross-AZ traffic, per service, from the records"),
                  Step.reading(
                      "ECS Exec",
                      "to look inside a running task when configuration explains nothing",
                      EcsExecReadiness.class),
                  Step.everythingElse(
                      "Everything else the scan found", "a problem outside the usual suspects")));
    };
  }
}
