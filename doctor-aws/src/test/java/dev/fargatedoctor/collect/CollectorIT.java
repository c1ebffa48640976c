package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectorIT {
  private static final String REGION = "us-east-1";
  private Snapshot snapshot;
  private ApiCallRecorder recorder;

  @BeforeAll
  void collectASmallEnvironment(MotoEnvironment env) throws Exception {
    String vpc = env.vpc("10.20.0.0/16");
    String a = env.subnet(vpc, "10.20.1.0/24", "us-east-1a");
    String b = env.subnet(vpc, "10.20.2.0/24", "us-east-1b");
    String pub = env.subnet(vpc, "10.20.101.0/24", "us-east-1a");
    String igw = env.internetGateway(vpc);
    String nat = env.natGateway(pub);
    env.defaultRouteToIgw(env.routeTable(vpc, pub), igw);
    env.defaultRouteToNat(env.routeTable(vpc, a, b), nat);
    String sg = env.securityGroup(vpc, "api");
    String exec =
        env.role("api-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    env.iam.attachRolePolicy(
        r ->
            r.roleName("api-execution")
                .policyArn(
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    String task =
        env.role("api-task", MotoEnvironment.trustingService("[\"ecs-tasks.amazonaws.com\"]"));
    env.iam.putRolePolicy(
        r ->
            r.roleName("api-task")
                .policyName("read-bucket")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::a+b/*\"}]}"));
    String cluster = env.cluster("production");
    String td = env.taskDefinition("api", exec, task);
    env.service(cluster, "api", td, List.of(a, b), List.of(sg), 2);
    env.service(
        cluster,
        "ghost",
        env.taskDefinition("ghost", "arn:aws:iam::123456789012:role/deleted-execution", task),
        List.of(a),
        List.of(sg),
        1);
    env.networkInterfaces(a, 3, i -> env.ecsAttachmentDescription());
    recorder = new ApiCallRecorder();
    AwsSettings settings =
        AwsSettings.defaults()
            .withRegions(List.of(REGION))
            .withEndpoint(env.endpoint())
            .withMaxAttempts(2);
    snapshot =
        new Collector(settings, Clock.systemUTC(), "test", recorder, Progress.NONE).collect();
  }

  @Test
  void collectsTheNetworkAndTheWorkloads() {
    RegionSnapshot r = snapshot.region(REGION).orElseThrow();
    assertThat(r.ec2().subnets())
        .extracting(s -> s.cidrBlock())
        .contains("10.20.1.0/24", "10.20.2.0/24");
    assertThat(r.ec2().natGateways()).hasSize(1);
    assertThat(r.ec2().routeTables())
        .anySatisfy(
            t ->
                assertThat(t.defaultRoute())
                    .hasValueSatisfying(
                        route -> assertThat(route.natGatewayId()).startsWith("nat-")));
    assertThat(r.ec2().networkInterfaces()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(r.ecs().services())
        .filteredOn(s -> s.serviceName().equals("api"))
        .singleElement()
        .satisfies(s -> assertThat(s.subnets()).hasSize(2));
    assertThat(r.ecs().taskDefinitions())
        .extracting(td -> td.family())
        .containsExactlyInAnyOrder("api", "ghost");
    assertThat(snapshot.capture().accountId()).isEqualTo(MotoEnvironment.ACCOUNT);
  }

  @Test
  void readsTheEniQuotaByCodeAndFallsBackForFargateWithoutInventingAValue() {
    RegionSnapshot r = snapshot.region(REGION).orElseThrow();
    assertThat(r.quotas())
        .anySatisfy(
            q -> {
              assertThat(q.quotaCode()).isEqualTo("L-DF5E4CA3");
              assertThat(q.value()).isEqualTo(5000.0);
            });
    // moto knows no 'fargate' quotas: the fallbacks were tried and recorded, nothing was made up.
    assertThat(r.quotas()).noneSatisfy(q -> assertThat(q.serviceCode()).isEqualTo("fargate"));
    assertThat(recorder.actions())
        .contains("servicequotas:ListServiceQuotas", "servicequotas:ListAWSDefaultServiceQuotas");
  }

  @Test
  void decodesTrustPoliciesAndReadsAttachedAndInlinePolicies() {
    assertThat(snapshot.iam().role("api-execution"))
        .hasValueSatisfying(
            role -> {
              assertThat(role.assumeRolePolicyDocument().isObject()).isTrue();
              assertThat(role.assumeRolePolicyDocument().toString())
                  .contains("ecs-tasks.amazonaws.com");
              assertThat(role.attachedPolicies())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.policyName()).isEqualTo("AmazonECSTaskExecutionRolePolicy");
                        assertThat(p.document().toString()).contains("ecr:GetAuthorizationToken");
                      });
            });
    assertThat(snapshot.iam().role("api-task"))
        .hasValueSatisfying(
            role -> {
              assertThat(role.assumeRolePolicyDocument().toString())
                  .contains("[\"ecs-tasks.amazonaws.com\"]");
              // URL-decoding must keep the '+' of the bucket name (plain JSON is never
              // URL-decoded).
              assertThat(role.inlinePolicies())
                  .singleElement()
                  .satisfies(
                      p -> assertThat(p.document().toString()).contains("arn:aws:s3:::a+b/*"));
            });
  }

  @Test
  void neverKeepsEnvironmentValues() throws Exception {
    String json = SnapshotJson.mapper().writeValueAsString(snapshot);
    assertThat(json)
        .doesNotContain("hunter2-not-a-real-secret")
        .contains(EnvironmentVariable.MARKER);
  }

  @Test
  void batchesAndPaginatesWithinTheApiLimits() {
    assertThat(recorder.calls())
        .containsEntry("ecs:DescribeServices", 1)
        .containsEntry("ecs:DescribeTaskDefinition", 2)
        .containsEntry("ec2:DescribeNetworkInterfaces", 1);
    // RUNNING and STOPPED are separate ListTasks calls: without the second, stopped tasks are
    // invisible.
    assertThat(recorder.calls()).containsEntry("ecs:ListTasks", 2);
    // every role with its trust and inline policies in one call; a managed policy's document once
    assertThat(recorder.calls())
        .containsEntry("iam:GetAccountAuthorizationDetails", 1)
        .containsEntry("iam:GetPolicy", 1)
        .containsEntry("iam:GetPolicyVersion", 1)
        .doesNotContainKey("iam:GetRole");
  }

  @Test
  void recordsCoverageForEveryStep() {
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.outcome() == Coverage.Outcome.OK)
        .extracting(Coverage::action)
        .contains(
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ecs:ListServices",
            "ecs:DescribeServices",
            "ecs:ListTasks",
            "ecs:DescribeTaskDefinition",
            "iam:GetAccountAuthorizationDetails",
            "servicequotas:GetServiceQuota");
    assertThat(snapshot.coverage()).noneMatch(c -> c.outcome() == Coverage.Outcome.DENIED);
  }

  @Test
  void aRoleThatNoLongerExistsIsRecordedAsMissing() {
    assertThat(snapshot.iam().missingRoles())
        .containsExactly("arn:aws:iam::123456789012:role/deleted-execution");
    assertThat(snapshot.iam().roles())
        .extracting(r -> r.roleName())
        .containsExactlyInAnyOrder("api-execution", "api-task");
  }

  @Test
  void anUnreachableEndpointCollectsNothingAndSaysWhy() {
    AwsSettings dead =
        AwsSettings.defaults()
            .withRegions(List.of(REGION))
            .withEndpoint(URI.create("http://127.0.0.1:9"))
            .withMaxAttempts(1)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));

    assertThatThrownBy(
            () ->
                new Collector(dead, Clock.systemUTC(), "test", new ApiCallRecorder(), Progress.NONE)
                    .collect())
        .isInstanceOf(NothingCollectedException.class)
        .hasMessageContaining("nothing could be collected");
  }
}
