package dev.fargatedoctor.check;

import dev.fargatedoctor.check.capacity.EniQuotaHeadroom;
import dev.fargatedoctor.check.capacity.EniSurgeHeadroom;
import dev.fargatedoctor.check.capacity.FargateVcpuQuota;
import dev.fargatedoctor.check.capacity.SubnetIpHeadroom;
import dev.fargatedoctor.check.ecs.DeploymentConfigBlocked;
import dev.fargatedoctor.check.ecs.DeploymentFailed;
import dev.fargatedoctor.check.ecs.EcsExecReadiness;
import dev.fargatedoctor.check.ecs.NoCircuitBreaker;
import dev.fargatedoctor.check.ecs.OomKills;
import dev.fargatedoctor.check.ecs.PlaintextSecrets;
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
import java.util.List;
import java.util.Optional;

/**
 * The catalogue: one explicit list, sorted by id, so adding a check is a one-line diff here and the
 * catalogue test proves every check is registered, documented and unique.
 */
public final class CheckRegistry {
  private static final List<Check> ALL =
      List.of(
          new CrossAzTraffic(), // CROSS-AZ-TRAFFIC
          new DeploymentConfigBlocked(), // DEPLOY-CONFIG-BLOCKED
          new DeploymentFailed(), // DEPLOY-FAILED
          new NoCircuitBreaker(), // DEPLOY-NO-CIRCUIT-BREAKER
          new StuckDeployment(), // DEPLOY-STUCK
          new EcsExecReadiness(), // ECS-EXEC-NOT-READY
          new EniQuotaHeadroom(), // ENI-QUOTA
          new EniSurgeHeadroom(), // ENI-SURGE
          new ExecutionRolePermissions(), // EXEC-ROLE-PERMS
          new ExecutionRoleTrust(), // EXEC-ROLE-TRUST
          new FargateVcpuQuota(), // FARGATE-VCPU-QUOTA
          new UnansweredConnections(), // FLOW-NO-REPLY
          new RejectedFlows(), // FLOW-REJECTED
          new FlowLogsMissing(), // FLOWLOGS-MISSING
          new LoadBalancerAzSkew(), // LB-AZ-SKEW
          new UnhealthyTargets(), // LB-UNHEALTHY-TARGETS
          new MemoryLeakTrend(), // MEMORY-LEAK-TREND
          new NaclReturnBlocked(), // NACL-RETURN-BLOCKED
          new NatWithoutInternetRoute(), // NAT-NO-IGW
          new NatTrafficToEndpoints(), // NAT-TRAFFIC-ENDPOINT
          new NoEgressPath(), // NO-EGRESS-PATH
          new OomKills(), // OOM-KILLS
          new PlaintextSecrets(), // PLAINTEXT-SECRETS
          new RouteBlackhole(), // ROUTE-BLACKHOLE
          new CrossAzNatRoute(), // ROUTE-CROSS-AZ-NAT
          new RecentRouteChange(), // ROUTE-RECENT-CHANGE
          new ServiceEventErrors(), // SERVICE-EVENT-ERRORS
          new SubnetIpHeadroom(), // SUBNET-IPS
          new TaskRoleTrust(), // TASK-ROLE-TRUST
          new TaskStopReasons()); // TASK-STOP-REASONS

  private CheckRegistry() {}

  public static List<Check> all() {
    return ALL;
  }

  public static Optional<Check> byId(String id) {
    return ALL.stream().filter(c -> c.info().id().equalsIgnoreCase(id)).findFirst();
  }

  /** The long documentation of a check, from {@code checks/<ID>.md} on the classpath. */
  public static Optional<String> documentation(String id) {
    try (var in = CheckRegistry.class.getResourceAsStream("/checks/" + id + ".md")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
