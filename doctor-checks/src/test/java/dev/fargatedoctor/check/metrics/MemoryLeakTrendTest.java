package dev.fargatedoctor.check.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLeakTrendTest {
  private static final String CLIMBING = "memory-climbing-toward-limit-with-restarts.json";
  private final MemoryLeakTrend check = new MemoryLeakTrend();

  private Finding of(String fixture, String service) {
    return CheckRunner.run(check, fixture).stream()
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
    List<Finding> quiet = CheckRunner.run(check, "memory-flat-and-noisy.json");
    assertThat(quiet)
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.status()).as(f.title()).isEqualTo(Status.PASS));
  }

  @Test
  void servicesWithoutMemoryMetricsAreLeftOut() {
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json")).isEmpty();
  }
}
