package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the scan only reads: an execution interceptor records every operation of a real scan over
 * an environment that exercises every collection path (flow logs in CloudWatch Logs and S3 too),
 * and the set must be read operations only and exactly the actions of docs/iam-policy.json's main
 * statement, the least-privilege policy the README tells users to attach (its role-by-role
 * statement is proven by IamFallbackIT).
 */
@ExtendWith(MotoExtension.class)
class ReadOnlyScanIT {

  @Test
  void aScanCallsOnlyReadOperationsExactlyThoseOfTheDocumentedPolicy(MotoEnvironment env)
      throws Exception {
    String vpc = env.vpc("10.9.0.0/16");
    String subnet = env.subnet(vpc, "10.9.1.0/24", "us-east-1a");
    String exec =
        env.role("ro-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    env.iam.attachRolePolicy(
        r ->
            r.roleName("ro-execution")
                .policyArn(
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    String task =
        env.role("ro-task", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    env.iam.putRolePolicy(
        r ->
            r.roleName("ro-task")
                .policyName("inline")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
    String cluster = env.cluster("production");
    String td = env.taskDefinition("api", exec, task);
    String sg = env.securityGroup(vpc, "api");
    // behind a load balancer: target groups, load balancers, target health and metrics are read
    // too
    String subnetB = env.subnet(vpc, "10.9.2.0/24", "us-east-1b");
    String alb = env.applicationLoadBalancer("ro-web", List.of(subnet, subnetB), sg);
    String tg = env.targetGroup("ro-api", vpc, alb);
    env.registerTargets(tg, "10.9.1.10");
    env.serviceBehind(cluster, "api", td, List.of(subnet), List.of(sg), 1, tg);
    env.runTask(cluster, "api", td, List.of(subnet), List.of(sg));
    // flow logs to CloudWatch Logs and to S3, read with --flow-minutes
    FlowLogsIT.environment(env, java.time.Instant.now(), "flows", "flows-api");
    ApiCallRecorder recorder = new ApiCallRecorder();

    Run run =
        Run.live(
            recorder,
            "scan",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--flow-minutes",
            "30",
            "--output",
            "json");

    // 4: moto leaves some checks UNKNOWN (no Fargate quotas, no CloudTrail)
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 4);
    Set<String> called = recorder.actions();
    assertThat(called)
        .allSatisfy(
            action ->
                assertThat(action.substring(action.indexOf(':') + 1))
                    .matches("(Describe|List|Get)[A-Za-z]+|LookupEvents|FilterLogEvents"));
    assertThat(called).containsExactlyInAnyOrderElementsOf(policyActions());
  }

  /** The statement a scan needs when GetAccountAuthorizationDetails is allowed. */
  static final String SCAN = "FargateDoctorReadOnlyScan";

  /** The role-by-role reads a scan falls back to when it is denied. */
  static final String ROLE_BY_ROLE = "FargateDoctorRoleByRoleReads";

  static Set<String> policyActions() throws Exception {
    return policyActions(SCAN);
  }

  static Set<String> policyActions(String sid) throws Exception {
    JsonNode policy =
        SnapshotJson.mapper().readTree(Path.of("..", "docs", "iam-policy.json").toFile());
    Set<String> actions = new TreeSet<>();
    policy
        .get("Statement")
        .forEach(
            st -> {
              if (sid.equals(st.get("Sid").asText()))
                st.get("Action").forEach(a -> actions.add(a.asText()));
            });
    return actions;
  }
}
