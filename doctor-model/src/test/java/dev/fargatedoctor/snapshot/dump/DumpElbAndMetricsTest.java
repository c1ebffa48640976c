package dev.fargatedoctor.snapshot.dump;

import static dev.fargatedoctor.snapshot.dump.DumpDirs.IMPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load-balancer and CloudWatch dumps: target health joined through the file label, series through
 * the query label.
 */
class DumpElbAndMetricsTest {
  private static final String TG_ARN =
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/6d0ecf831eec9f09";

  @TempDir Path dir;

  private void targetGroups() {
    DumpDirs.write(
        dir,
        "elbv2-describe-target-groups.json",
        """
        {"TargetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "api-tg", "Protocol": "HTTP", "Port": 8080,
          "TargetType": "ip", "HealthCheckPath": "/health", "HealthCheckIntervalSeconds": 30,
          "Matcher": {"HttpCode": "200"},
          "LoadBalancerArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"]}]}
        """
            .formatted(TG_ARN));
  }

  @Test
  void targetHealthIsJoinedToTheTargetGroupNamedByTheFileLabel() {
    targetGroups();
    DumpDirs.write(
        dir,
        "elbv2-describe-load-balancers.json",
        """
        {"LoadBalancers": [{"LoadBalancerArn":
           "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
           "LoadBalancerName": "web", "Type": "application",
           "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-1"}]}]}
        """);
    DumpDirs.write(
        dir,
        "elbv2-describe-target-health.api-tg.json",
        """
        {"TargetHealthDescriptions": [
          {"Target": {"Id": "10.0.1.17", "Port": 8080, "AvailabilityZone": "us-east-1a"}, "HealthCheckPort": "8080",
           "TargetHealth": {"State": "unhealthy", "Reason": "Target.ResponseCodeMismatch",
                            "Description": "Health checks failed with these codes: [502]"}}]}
        """);

    RegionSnapshot region = IMPORTER.importDirectory(dir, "us-east-1").regions().get(0);

    ElbData elb = region.elb();
    assertThat(elb.targetGroup(TG_ARN))
        .hasValueSatisfying(t -> assertThat(t.healthCheckPath()).isEqualTo("/health"));
    assertThat(elb.targetsOf(TG_ARN))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.state()).isEqualTo("unhealthy");
              assertThat(h.target().id()).isEqualTo("10.0.1.17");
              assertThat(h.targetHealth().description()).contains("[502]");
            });
    assertThat(elb.loadBalancers().get(0).metricDimension()).isEqualTo("app/web/50dc6c495c0c9188");
  }

  @Test
  void targetHealthWithoutATargetGroupLabelIsRefusedNamingTheFile() {
    targetGroups();
    Path file =
        DumpDirs.write(
            dir, "elbv2-describe-target-health.json", "{\"TargetHealthDescriptions\": []}");

    assertThatThrownBy(() -> IMPORTER.importDirectory(dir, "us-east-1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("elbv2-describe-target-health.TARGET-GROUP-NAME");
  }

  @Test
  void targetHealthLabelledWithAnUnknownTargetGroupIsRefused() {
    targetGroups();
    DumpDirs.write(
        dir, "elbv2-describe-target-health.web-tg.json", "{\"TargetHealthDescriptions\": []}");

    assertThatThrownBy(() -> IMPORTER.importDirectory(dir, "us-east-1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no target group named \"web-tg\"");
  }

  @Test
  void metricSeriesAreReadFromTheQueryLabelsAndSortedOldestFirst() {
    DumpDirs.write(
        dir,
        "cloudwatch-get-metric-data.memory.json",
        """
        {"MetricDataResults": [{"Id": "m0",
           "Label": "ECS/ContainerInsights|MemoryUtilized|Average|60|ClusterName=production,ServiceName=api",
           "Timestamps": ["2026-11-26T11:59:00+00:00", "2026-11-26T11:58:00+00:00"],
           "Values": [812.5, 810.0], "StatusCode": "Complete"}], "Messages": []}
        """);

    Snapshot s = IMPORTER.importDirectory(dir, "us-east-1");

    MetricSeries series = s.regions().get(0).metrics().get(0);
    assertThat(
            series.is(
                "ECS/ContainerInsights",
                "MemoryUtilized",
                Map.of("ClusterName", "production", "ServiceName", "api")))
        .isTrue();
    assertThat(series.unit()).isEqualTo("Megabytes");
    assertThat(series.periodSeconds()).isEqualTo(60);
    assertThat(series.timestamps())
        .containsExactly(
            Instant.parse("2026-11-26T11:58:00Z"), Instant.parse("2026-11-26T11:59:00Z"));
    assertThat(series.values()).containsExactly(810.0, 812.5);
    assertThat(s.coverage())
        .anyMatch(c -> c.action().equals("cloudwatch:GetMetricData") && c.collected());
  }

  @Test
  void aResultWhoseLabelDoesNotSayWhatItIsIsRefusedWithItsPosition() {
    Path file =
        DumpDirs.write(
            dir,
            "cloudwatch-get-metric-data.json",
            "{\n  \"MetricDataResults\": [{\"Id\": \"m0\", \"Label\": \"MemoryUtilized\", \"Timestamps\": [], \"Values\": []}]}");

    assertThatThrownBy(() -> IMPORTER.importDirectory(dir, "us-east-1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file + ":2:")
        .hasMessageContaining("NAMESPACE|METRIC|STAT|PERIOD");
  }

  @Test
  void anAccountWithoutTargetGroupsNeedsNoTargetHealthDumps() {
    DumpDirs.write(dir, "elbv2-describe-target-groups.json", "{\"TargetGroups\": []}");

    Snapshot s = IMPORTER.importDirectory(dir, "us-east-1");

    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("elasticloadbalancing:DescribeTargetHealth"))
        .singleElement()
        .satisfies(c -> assertThat(c.collected()).isTrue());
  }

  @Test
  void withoutLoadBalancerOrMetricDumpsThoseActionsAreNotCollected() {
    targetGroups();

    Snapshot s = IMPORTER.importDirectory(dir, "us-east-1");

    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("cloudwatch:GetMetricData"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.outcome()).isEqualTo(Coverage.Outcome.NOT_COLLECTED);
              assertThat(c.message()).contains("aws cloudwatch get-metric-data");
            });
    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("elasticloadbalancing:DescribeTargetGroups"))
        .singleElement()
        .satisfies(c -> assertThat(c.collected()).isTrue());
  }
}
