package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Load balancers, target health, metric series and stopped tasks as the collector reads them from
 * moto.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadCollectionIT {
  private static final String REGION = "us-east-1";
  private static final String KMS_KEY =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private Snapshot snapshot;
  private ApiCallRecorder recorder;
  private String targetGroup;

  @BeforeAll
  void collect(MotoEnvironment env) throws Exception {
    String vpc = env.vpc("10.30.0.0/16");
    String a = env.subnet(vpc, "10.30.1.0/24", "us-east-1a");
    String b = env.subnet(vpc, "10.30.2.0/24", "us-east-1b");
    String sg = env.securityGroup(vpc, "web");
    String role =
        env.role("api-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    String cluster = env.clusterWithContainerInsights("production");
    env.clusterWithExecLogging("audited", KMS_KEY, "/ecs/exec-audit");
    String td = env.taskDefinition("api", role, role);
    String alb = env.applicationLoadBalancer("web", List.of(a, b), sg);
    targetGroup = env.targetGroup("api-tg", vpc, alb);
    env.registerTargets(targetGroup, "10.30.1.10", "10.30.2.10");
    env.serviceBehind(cluster, "api", td, List.of(a, b), List.of(sg), 2, targetGroup);
    double[] memory = new double[120];
    for (int i = 0; i < memory.length; i++) memory[i] = 300 + i;
    env.putSeries(
        "ECS/ContainerInsights",
        "MemoryUtilized",
        Map.of("ClusterName", "production", "ServiceName", "api"),
        StandardUnit.MEGABYTES,
        memory);
    env.stopTask(
        cluster,
        env.runTask(cluster, "api", td, List.of(a), List.of(sg)),
        "Task failed container health checks");
    recorder = new ApiCallRecorder();
    AwsSettings settings =
        AwsSettings.defaults()
            .withRegions(List.of(REGION))
            .withEndpoint(env.endpoint())
            .withMaxAttempts(1);
    snapshot =
        new Collector(settings, Clock.systemUTC(), "test", recorder, Progress.NONE).collect();
  }

  @Test
  void aClustersEcsExecKeyAndSessionLoggingAreRead() {
    var clusters = snapshot.region(REGION).orElseThrow().ecs().clusters();
    assertThat(clusters)
        .filteredOn(c -> c.clusterName().equals("audited"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.executeCommandConfiguration())
                    .hasValueSatisfying(
                        exec -> {
                          assertThat(exec.kmsKeyId()).isEqualTo(KMS_KEY);
                          assertThat(exec.logging()).isEqualTo("OVERRIDE");
                          assertThat(exec.logConfiguration().cloudWatchLogGroupName())
                              .isEqualTo("/ecs/exec-audit");
                        }));
    assertThat(clusters)
        .filteredOn(c -> c.clusterName().equals("production"))
        .singleElement()
        .satisfies(c -> assertThat(c.executeCommandConfiguration()).isEmpty());
  }

  @Test
  void targetGroupsLoadBalancersAndTargetHealthOfTheServicesAreRead() {
    RegionSnapshot r = snapshot.region(REGION).orElseThrow();
    assertThat(r.elb().targetGroup(targetGroup))
        .hasValueSatisfying(
            tg -> {
              assertThat(tg.healthCheckPath()).isEqualTo("/health");
              assertThat(tg.targetType()).isEqualTo("ip");
            });
    assertThat(r.elb().loadBalancers())
        .singleElement()
        .satisfies(
            lb -> {
              assertThat(lb.type()).isEqualTo("application");
              assertThat(lb.availabilityZones()).hasSize(2);
            });
    assertThat(r.elb().targetsOf(targetGroup))
        .extracting(h -> h.target().id() + " " + h.state())
        .containsExactlyInAnyOrder("10.30.1.10 healthy", "10.30.2.10 healthy");
    assertThat(recorder.calls())
        .containsEntry("elasticloadbalancing:DescribeTargetGroups", 1)
        .containsEntry("elasticloadbalancing:DescribeLoadBalancers", 1)
        .containsEntry("elasticloadbalancing:DescribeTargetHealth", 1);
  }

  @Test
  void memoryOfAContainerInsightsClusterComesBackLabelledInMegabytes() {
    MetricSeries memory =
        snapshot.region(REGION).orElseThrow().metrics().stream()
            .filter(
                m -> m.is("ECS/ContainerInsights", "MemoryUtilized", Map.of("ServiceName", "api")))
            .findFirst()
            .orElseThrow();
    assertThat(memory.unit()).isEqualTo("Megabytes");
    assertThat(memory.size()).isBetween(118, 120);
    assertThat(memory.values().get(memory.size() - 1)).isGreaterThan(memory.values().get(0));
  }

  @Test
  void percentilesAreAskedForInACallOfTheirOwn() {
    // an endpoint that cannot compute p99 (older moto answers HTTP 500) then costs only those
    // series
    assertThat(recorder.calls()).containsEntry("cloudwatch:GetMetricData", 2);
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.action().equals("cloudwatch:GetMetricData"))
        .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(Coverage.Outcome.OK));
  }

  @Test
  void aStoppedTaskKeepsItsReason() {
    assertThat(snapshot.region(REGION).orElseThrow().ecs().tasks())
        .filteredOn(Task::isStopped)
        .singleElement()
        .satisfies(
            t -> assertThat(t.stoppedReason()).isEqualTo("Task failed container health checks"));
  }
}
