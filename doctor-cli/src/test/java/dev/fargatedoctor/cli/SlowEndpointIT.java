package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A slow endpoint, played by a loopback server that holds chosen calls back: an attempt that runs
 * past --api-attempt-timeout is retried and counted, and Service Quotas' fallbacks stop once a
 * lookup timed out.
 */
@ExtendWith(MotoExtension.class)
class SlowEndpointIT {
  private MotoServer moto;

  @BeforeEach
  void aSmallAccount(MotoServer moto) throws Exception {
    this.moto = moto;
    moto.reset();
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String subnet = env.subnet(env.vpc("10.6.0.0/16"), "10.6.1.0/24", "us-east-1a");
      env.networkInterfaces(subnet, 20, i -> env.ecsAttachmentDescription());
    }
  }

  private static JsonNode scan(
      SlowEndpoint slow, ApiCallRecorder recorder, String attempt, String call) throws Exception {
    Run run =
        Run.live(
            recorder,
            "scan",
            "--endpoint-url",
            slow.endpoint().toString(),
            "--region",
            "us-east-1",
            "--api-attempt-timeout",
            attempt,
            "--api-timeout",
            call,
            "--output",
            "json",
            "--include-passed");
    assertThat(run.exitCode()).as(run.err()).isNotIn(2, 3, 5);
    return SnapshotJson.mapper().readTree(run.out());
  }

  private static List<JsonNode> coverage(JsonNode report, String action) {
    List<JsonNode> out = new ArrayList<>();
    report
        .get("coverage")
        .forEach(
            c -> {
              if (c.get("action").asText().equals(action)) out.add(c);
            });
    return out;
  }

  @Test
  void anAttemptHeldPastTheAttemptTimeoutIsRetriedCountedAndTheAnswerUsed() throws Exception {
    try (SlowEndpoint slow = new SlowEndpoint(moto.endpoint())) {
      slow.hold("DescribeNetworkInterfaces", Duration.ofSeconds(20), 1);
      ApiCallRecorder recorder = new ApiCallRecorder();

      JsonNode report = scan(slow, recorder, "5s", "2m");

      assertThat(slow.held("DescribeNetworkInterfaces")).isEqualTo(1);
      assertThat(coverage(report, "ec2:DescribeNetworkInterfaces"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.get("outcome").asText()).isEqualTo("OK");
                assertThat(c.get("retries").asInt()).isGreaterThanOrEqualTo(1);
              });
      assertThat(report.get("findings").toString()).contains("\"checkId\":\"ENI-QUOTA\"");
      for (JsonNode f : report.get("findings")) {
        if (f.get("checkId").asText().equals("ENI-QUOTA")) {
          assertThat(f.get("evidence").get("network interfaces").asInt())
              .isGreaterThanOrEqualTo(20);
        }
      }
    }
  }

  @Test
  void aServiceQuotasLookupThatTimesOutEndsTheSearchForQuotasInTheRegion() throws Exception {
    try (SlowEndpoint slow = new SlowEndpoint(moto.endpoint())) {
      slow.hold("GetServiceQuota", Duration.ofSeconds(30), Integer.MAX_VALUE);
      ApiCallRecorder recorder = new ApiCallRecorder();

      JsonNode report = scan(slow, recorder, "2s", "5s");

      assertThat(coverage(report, "servicequotas:GetServiceQuota"))
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.get("outcome").asText()).isEqualTo("TIMEOUT"))
          .anySatisfy(c -> assertThat(c.get("retries").asInt()).isGreaterThanOrEqualTo(1));
      assertThat(recorder.calls())
          .doesNotContainKey("servicequotas:ListServiceQuotas")
          .doesNotContainKey("servicequotas:ListAWSDefaultServiceQuotas");
      for (JsonNode f : report.get("findings")) {
        if (f.get("checkId").asText().equals("ENI-QUOTA")) {
          assertThat(f.get("status").asText()).isEqualTo("UNKNOWN");
        }
      }
    }
  }
}
