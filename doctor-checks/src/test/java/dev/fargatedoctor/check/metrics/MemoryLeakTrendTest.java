package dev.fargatedoctor.check.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLeakTrendTest {
  private static final String CLIMBING =
      "MEMORY-LEAK-TREND/fires-memory-climbing-toward-limit-with-restarts.json";
  private final MemoryLeakTrend check = new MemoryLeakTrend();

  private Finding of(String fixture, String service) {
    return of(Fixtures.snapshot(fixture), service);
  }

  private Finding of(Snapshot snapshot, String service) {
    return CheckRunner.run(check, snapshot).stream()
        .filter(f -> f.resource().id().equals("production/" + service))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aClimbInMegabytesWithARestartIsALeakHoursFromTheTaskLimit() {
    Finding f = of(CLIMBING, "api");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title())
        .startsWith("api: memory climbs 12")
        .contains("of 2048 MB: the limit in about 8 h");
    assertThat(f.evidence())
        .containsEntry("limit", "2048 MB (task memory)")
        .containsEntry("restarts seen", 1);
    assertThat((String) f.evidence().get("series"))
        .startsWith(
            "ECS/ContainerInsights MemoryUtilized (Average, MB per "
                + "task), 360 points over 6.0 h");
    assertThat(f.remediation().commands())
        .contains(
            "aws cloudwatch put-metric-alarm --alarm-name api-memory-high "
                + "--namespace AWS/ECS --metric-name MemoryUtilization --dimensions Name=ClusterName,Value=production "
                + "Name=ServiceName,Value=api --statistic Maximum --period 300 --evaluation-periods 3 --threshold 80 "
                + "--comparison-operator GreaterThanThreshold --region us-east-1");
  }

  @Test
  void aClimbInPercentIsConvertedWithTheTaskMemoryAndADayAwayIsMedium() {
    Finding f = of(CLIMBING, "worker");
    assertThat(f.status()).isEqualTo(Status.WARN);
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat((String) f.evidence().get("series"))
        .startsWith("AWS/ECS MemoryUtilization (Average, % of 1024 MiB)");
    assertThat((String) f.evidence().get("growth")).startsWith("15.");
  }

  @Test
  void flatNoisyOutlierAndStepSeriesStayQuiet() {
    assertThat(of(CLIMBING, "orders").status()).isEqualTo(Status.PASS);
    List<Finding> quiet =
        CheckRunner.run(check, "MEMORY-LEAK-TREND/quiet-memory-flat-and-noisy.json");
    assertThat(quiet)
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.status()).as(f.title()).isEqualTo(Status.PASS));
  }

  @Test
  void aServiceWithRunningTasksAndNoMemorySeriesIsUnknownNamingTheMetrics() {
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.resource().id()).isEqualTo("production/api");
              assertThat(f.title())
                  .contains(
                      "ECS/ContainerInsights MemoryUtilized or AWS/ECS MemoryUtilization not in the snapshot");
              assertThat(f.remediation().commands().get(0))
                  .startsWith("aws cloudwatch list-metrics --namespace AWS/ECS");
            });
  }

  @Test
  void aSeriesThatCameBackWithoutPointsIsUnknownNamingIt() {
    Snapshot s =
        Fixtures.edited(
            CLIMBING,
            tree -> {
              for (var m : Fixtures.region(tree).withArray("metrics")) {
                if (m.get("dimensions").get("ServiceName").asText().equals("worker")) {
                  ((ObjectNode) m).remove(List.of("timestamps", "values"));
                }
              }
            });

    Finding f = of(s, "worker");

    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat(f.title())
        .contains("worker: no memory data")
        .contains("AWS/ECS MemoryUtilization (Average, 60 s): no data points");
  }

  @Test
  void aSeriesCloudWatchReturnedInPartIsUnknownNotATrend() {
    Snapshot s =
        Fixtures.edited(
            CLIMBING,
            tree -> {
              for (var m : Fixtures.region(tree).withArray("metrics")) {
                ((ObjectNode) m).put("statusCode", "PartialData");
              }
            });

    Finding f = of(s, "api");

    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat(f.title())
        .contains("ECS/ContainerInsights MemoryUtilized (Average, 60 s) came back incomplete")
        .contains("PartialData");
  }

  @Test
  void aServiceWithoutRunningTasksHasNoMemoryToTrend() {
    Snapshot s =
        Fixtures.edited(
            "healthy-two-az-service.json",
            tree -> {
              ObjectNode service =
                  (ObjectNode) Fixtures.region(tree).get("ecs").get("services").get(0);
              service.put("runningCount", 0).put("desiredCount", 0);
            });

    assertThat(CheckRunner.run(check, s))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).isEqualTo("api: no task running, so no memory to trend");
            });
  }
}
