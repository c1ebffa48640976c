package dev.fargatedoctor.check.elb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancerAzSkewTest {
  private final LoadBalancerAzSkew check = new LoadBalancerAzSkew();

  @Test
  @SuppressWarnings("unchecked")
  void fiveHundredsAndLatencyInOneAzStandOut() {
    assertThat(CheckRunner.problems(check, "alb-unhealthy-targets-and-5xx-in-one-az.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.resource().id()).isEqualTo("web");
              assertThat(f.title())
                  .isEqualTo(
                      "web: us-east-1a: HTTPCode_ELB_5XX_Count 432, 432.0× the other AZs' rate "
                          + "(and 1 more)");
              assertThat((List<String>) f.evidence().get("stands out"))
                  .last()
                  .asString()
                  .startsWith("us-east-1a: p99 target response time 1.8");
              assertThat((List<String>) f.evidence().get("by AZ"))
                  .first()
                  .asString()
                  .startsWith(
                      "us-east-1a: 72000 requests, HTTPCode_ELB_5XX_Count 432, TargetConnectionErrorCount 0, p99 1.");
              assertThat(f.remediation().commands())
                  .singleElement()
                  .asString()
                  .isEqualTo(
                      "aws cloudwatch "
                          + "get-metric-statistics --namespace AWS/ApplicationELB --metric-name HTTPCode_ELB_5XX_Count --dimensions "
                          + "Name=LoadBalancer,Value=app/web/50dc6c495c0c9188 Name=AvailabilityZone,Value=us-east-1a --start-time "
                          + "2026-11-26T06:00:00Z --end-time 2026-11-26T12:00:00Z --period 300 --statistics Sum --region us-east-1");
            });
  }

  @Test
  void aFewErrorsSpreadEvenlyAreQuiet() {
    assertThat(CheckRunner.problems(check, "alb-healthy-targets-and-even-azs.json")).isEmpty();
    assertThat(CheckRunner.run(check, "alb-healthy-targets-and-even-azs.json"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.title()).isEqualTo("web: errors and latency even across 2 AZs"));
  }

  @Test
  void seriesCloudWatchReturnedInPartAreUnknownNotAnEvenSpread() {
    Snapshot s =
        Fixtures.edited(
            "alb-healthy-targets-and-even-azs.json",
            tree -> {
              var metrics = Fixtures.region(tree).withArray("metrics");
              ((ObjectNode) metrics.get(0)).put("statusCode", "InternalError");
            });

    assertThat(CheckRunner.run(check, s))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title())
                  .contains("CloudWatch returned part of its metrics", "InternalError");
            });
  }

  @Test
  void aLoadBalancerWithoutAnyPointHadNoRequests() {
    Snapshot s =
        Fixtures.edited(
            "alb-healthy-targets-and-even-azs.json",
            tree -> {
              for (var m : Fixtures.region(tree).withArray("metrics")) {
                ((ObjectNode) m).remove(List.of("timestamps", "values"));
              }
            });

    assertThat(CheckRunner.run(check, s))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).endsWith(": no requests in the window read");
            });
  }
}
