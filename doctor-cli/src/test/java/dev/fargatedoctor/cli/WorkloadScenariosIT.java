package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The workload checks end to end, wherever moto can play the situation: stopped tasks with reasons
 * (StopTask), roles with AWS managed and inline policies, memory published with PutMetricData and
 * read back with GetMetricData, load balancers and target health. Service events and stop codes
 * moto cannot produce are covered by fixtures in doctor-checks.
 */
@ExtendWith(MotoExtension.class)
class WorkloadScenariosIT {
  private static final String REGION = "us-east-1";
  private static final String ECS_TASKS = "\"ecs-tasks.amazonaws.com\"";
  private static final String MANAGED =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  // a reset account per test, from MotoExtension
  private MotoServer moto;
  private MotoEnvironment env;
  private String vpc;
  private String subnetA;
  private String subnetB;
  private String sg;

  @BeforeEach
  void twoSubnetsAndASecurityGroup() {
    vpc = env.vpc("10.0.0.0/16");
    subnetA = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    subnetB = env.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    sg = env.securityGroup(vpc, "api");
  }

  private JsonNode scan() throws Exception {
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            REGION,
            "--output",
            "json",
            "--include-passed");
    // 4: moto leaves some checks UNKNOWN (no Fargate quotas, no CloudTrail)
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 4);
    return SnapshotJson.mapper().readTree(run.out());
  }

  private static List<JsonNode> findings(JsonNode report, String checkId) {
    List<JsonNode> out = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("checkId").asText().equals(checkId)) out.add(f);
            });
    return out;
  }

  @Test
  void stoppedTasksAreGroupedByCauseAndAnOomKillIsNamed() throws Exception {
    String cluster = env.cluster("production");
    String exec = env.role("api-execution", MotoEnvironment.trustingService(ECS_TASKS));
    String td = env.taskDefinition("api", exec, exec);
    env.service(cluster, "api", td, List.of(subnetA), List.of(sg), 3);
    String pull =
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
            + MotoEnvironment.ACCOUNT
            + ".dkr.ecr.us-east-1.amazonaws.com/api:1.5.0: not found";
    env.stopTask(cluster, env.runTask(cluster, "api", td, List.of(subnetA), List.of(sg)), pull);
    env.stopTask(cluster, env.runTask(cluster, "api", td, List.of(subnetA), List.of(sg)), pull);
    env.stopTask(
        cluster,
        env.runTask(cluster, "api", td, List.of(subnetA), List.of(sg)),
        "OutOfMemoryError: Container killed due to memory usage");
    env.stopTask(
        cluster,
        env.runTask(cluster, "api", td, List.of(subnetA), List.of(sg)),
        "Task stopped by user");

    JsonNode report = scan();

    assertThat(findings(report, "TASK-STOP-REASONS"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("title").asText())
                  .isEqualTo(
                      "api: 2 tasks stopped: the image cannot be pulled because the repository "
                          + "or tag does not exist (or the image URI is wrong)");
              assertThat(f.get("evidence").get("message").asText()).isEqualTo(pull);
              assertThat(f.get("resource").get("id").asText()).isEqualTo("production/api");
            });
    assertThat(findings(report, "OOM-KILLS"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.get("title").asText())
                    .isEqualTo("api: 1 task OOM-killed (container killed due to memory usage)"));
  }

  @Test
  void theManagedExecutionPolicyIsReadAndItsMissingSecretAndLogGroupPermissionsNamed()
      throws Exception {
    String cluster = env.cluster("production");
    String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api/db-AbCdEf";
    String bare = env.role("api-execution", MotoEnvironment.trustingService(ECS_TASKS));
    env.iam.attachRolePolicy(r -> r.roleName("api-execution").policyArn(MANAGED));
    String full = env.role("orders-execution", MotoEnvironment.trustingService(ECS_TASKS));
    env.iam.attachRolePolicy(r -> r.roleName("orders-execution").policyArn(MANAGED));
    env.iam.putRolePolicy(
        r ->
            r.roleName("orders-execution")
                .policyName("secrets-and-groups")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\","
                        + "\"logs:CreateLogGroup\"],\"Resource\":\"*\"}]}"));
    // billing's role allows the same as orders', but its permissions boundary leaves out Secrets
    // Manager
    String capped = env.role("billing-execution", MotoEnvironment.trustingService(ECS_TASKS));
    env.iam.attachRolePolicy(r -> r.roleName("billing-execution").policyArn(MANAGED));
    env.iam.putRolePolicy(
        r ->
            r.roleName("billing-execution")
                .policyName("secrets-and-groups")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\","
                        + "\"logs:CreateLogGroup\"],\"Resource\":\"*\"}]}"));
    String boundary =
        env.iam
            .createPolicy(
                b ->
                    b.policyName("ecs-boundary")
                        .policyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:*\",\"logs:*\"],"
                                + "\"Resource\":\"*\"}]}"))
            .policy()
            .arn();
    env.iam.putRolePermissionsBoundary(
        b -> b.roleName("billing-execution").permissionsBoundary(boundary));
    env.service(
        cluster,
        "api",
        env.taskDefinitionWithSecrets("api", bare, List.of(secret)),
        List.of(subnetA),
        List.of(sg),
        1);
    env.service(
        cluster,
        "orders",
        env.taskDefinitionWithSecrets("orders", full, List.of(secret)),
        List.of(subnetA),
        List.of(sg),
        1);
    env.service(
        cluster,
        "billing",
        env.taskDefinitionWithSecrets("billing", capped, List.of(secret)),
        List.of(subnetA),
        List.of(sg),
        1);

    JsonNode report = scan();

    List<JsonNode> perms = findings(report, "EXEC-ROLE-PERMS");
    assertThat(perms)
        .filteredOn(f -> f.get("resource").get("id").asText().equals("billing:1"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("evidence").get("missing").toString())
                  .contains("secretsmanager:GetSecretValue on " + secret)
                  .contains("permissions boundary ecs-boundary does not allow it")
                  .doesNotContain("logs:CreateLogGroup");
            });
    assertThat(perms)
        .filteredOn(f -> f.get("status").asText().equals("FAIL"))
        .filteredOn(f -> !f.get("resource").get("id").asText().equals("billing:1"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("resource").get("id").asText()).isEqualTo("api:1");
              assertThat(f.get("evidence").get("missing").toString())
                  .contains("logs:CreateLogGroup")
                  .contains("secretsmanager:GetSecretValue on " + secret)
                  .doesNotContain("ecr:BatchGetImage");
            });
    assertThat(perms)
        .filteredOn(f -> f.get("resource").get("id").asText().equals("orders:1"))
        .singleElement()
        .satisfies(f -> assertThat(f.get("status").asText()).isEqualTo("PASS"));
  }

  @Test
  void memoryPublishedAsContainerInsightsMegabytesShowsALeakAndAFlatServiceStaysQuiet()
      throws Exception {
    String cluster = env.clusterWithContainerInsights("production");
    String exec = env.role("api-execution", MotoEnvironment.trustingService(ECS_TASKS));
    env.service(
        cluster, "api", env.taskDefinition("api", exec, exec), List.of(subnetA), List.of(sg), 2);
    env.service(
        cluster,
        "orders",
        env.taskDefinition("orders", exec, exec),
        List.of(subnetA),
        List.of(sg),
        2);
    double[] leak = new double[360];
    double[] flat = new double[360];
    for (int i = 0; i < 360; i++) {
      leak[i] =
          150 + 40 * (i / 60.0) + (i % 7) * 2; // task memory 512 MiB: 390 MB after 6 h, ~3 h left
      flat[i] = 200 + (i % 11) * 3;
    }
    env.putSeries(
        "ECS/ContainerInsights",
        "MemoryUtilized",
        Map.of("ClusterName", "production", "ServiceName", "api"),
        StandardUnit.MEGABYTES,
        leak);
    env.putSeries(
        "ECS/ContainerInsights",
        "MemoryUtilized",
        Map.of("ClusterName", "production", "ServiceName", "orders"),
        StandardUnit.MEGABYTES,
        flat);

    JsonNode report = scan();

    List<JsonNode> trend = findings(report, "MEMORY-LEAK-TREND");
    assertThat(trend)
        .filteredOn(f -> f.get("resource").get("id").asText().equals("production/api"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("severity").asText()).isEqualTo("HIGH");
              assertThat(f.get("evidence").get("growth").asText()).startsWith("40.");
              assertThat(f.get("evidence").get("limit").asText()).isEqualTo("512 MB (task memory)");
            });
    assertThat(trend)
        .filteredOn(f -> f.get("resource").get("id").asText().equals("production/orders"))
        .singleElement()
        .satisfies(f -> assertThat(f.get("status").asText()).isEqualTo("PASS"));
  }

  @Test
  void targetHealthIsReadAndFiveHundredsInOneAzStandOut() throws Exception {
    String cluster = env.cluster("production");
    String exec = env.role("api-execution", MotoEnvironment.trustingService(ECS_TASKS));
    String alb = env.applicationLoadBalancer("web", List.of(subnetA, subnetB), sg);
    String tg = env.targetGroup("api-tg", vpc, alb);
    env.registerTargets(tg, "10.0.1.10", "10.0.2.10");
    env.serviceBehind(
        cluster,
        "api",
        env.taskDefinition("api", exec, exec),
        List.of(subnetA, subnetB),
        List.of(sg),
        2,
        tg);
    String gone = env.targetGroup("old-tg", vpc, alb);
    env.serviceBehind(
        cluster,
        "old",
        env.taskDefinition("old", exec, exec),
        List.of(subnetA),
        List.of(sg),
        1,
        gone);
    env.elb.deleteListener(
        b ->
            b.listenerArn(
                env.elb.describeListeners(l -> l.loadBalancerArn(alb)).listeners().stream()
                    .filter(l -> l.defaultActions().get(0).targetGroupArn().equals(gone))
                    .findFirst()
                    .orElseThrow()
                    .listenerArn()));
    env.elb.deleteTargetGroup(b -> b.targetGroupArn(gone));
    String dimension = alb.substring(alb.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    for (String az : List.of("us-east-1a", "us-east-1b")) {
      double[] requests = new double[60];
      double[] errors = new double[60];
      java.util.Arrays.fill(requests, 200);
      java.util.Arrays.fill(errors, az.endsWith("a") ? 5 : 0);
      Map<String, String> dims = Map.of("LoadBalancer", dimension, "AvailabilityZone", az);
      env.putSeries("AWS/ApplicationELB", "RequestCount", dims, StandardUnit.COUNT, requests);
      env.putSeries(
          "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", dims, StandardUnit.COUNT, errors);
    }

    JsonNode report = scan();

    List<JsonNode> targets = findings(report, "LB-UNHEALTHY-TARGETS");
    assertThat(targets)
        .filteredOn(f -> f.get("resource").get("id").asText().equals("api-tg"))
        .singleElement()
        .satisfies(
            f -> {
              // moto reports every registered ip target healthy; unhealthy ones are covered by
              // fixtures
              assertThat(f.get("status").asText()).isEqualTo("PASS");
              assertThat(f.get("title").asText())
                  .isEqualTo("api: 2 targets in api-tg, none unhealthy");
            });
    assertThat(targets)
        .filteredOn(f -> f.get("status").asText().equals("FAIL"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.get("title").asText())
                    .isEqualTo("old: target group old-tg does not exist"));
    assertThat(findings(report, "LB-AZ-SKEW"))
        .filteredOn(f -> f.get("status").asText().equals("FAIL"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("resource").get("id").asText()).isEqualTo("web");
              // the point of the current minute falls outside the window (end time is exclusive)
              assertThat(f.get("title").asText())
                  .matches(
                      "web: us-east-1a: HTTPCode_ELB_5XX_Count 29[05] while the other "
                          + "AZs have none.*");
            });
  }
}
