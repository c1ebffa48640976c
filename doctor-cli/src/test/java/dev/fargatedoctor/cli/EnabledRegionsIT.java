package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --regions enabled} scans what EC2 says is enabled in the account, and nothing else. moto
 * enables some thirty Regions; a loopback front answers DescribeRegions with three (one of them not
 * opted in) so the scan stays small, and passes everything else to moto.
 */
@ExtendWith(MotoExtension.class)
class EnabledRegionsIT {
  private static final String REGIONS =
      "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
          + "<requestId>1</requestId><regionInfo>"
          + region("us-east-1", "opt-in-not-required")
          + region("eu-west-1", "opt-in-not-required")
          + region("ap-east-1", "not-opted-in")
          + "</regionInfo></DescribeRegionsResponse>";

  private static String region(String name, String optIn) {
    return "<item><regionName>"
        + name
        + "</regionName><regionEndpoint>ec2."
        + name
        + ".amazonaws.com</regionEndpoint><optInStatus>"
        + optIn
        + "</optInStatus></item>";
  }

  @Test
  void theAccountsEnabledRegionsAreScannedAndTheOthersAreNot(MotoEnvironment env) throws Exception {
    env.vpc("10.3.0.0/16");
    try (LoopbackHttp front =
        LoopbackHttp.start()
            .forwardTo(env.endpoint())
            .answerWhen(
                body -> body.contains("Action=DescribeRegions"),
                new LoopbackHttp.Answer(200, "text/xml", REGIONS, Map.of()))) {
      Run run =
          Run.live(
              new ApiCallRecorder(),
              "scan",
              "--accounts",
              MotoEnvironment.ACCOUNT, // the caller's own: its own credentials, no role
              "--regions",
              "enabled",
              "--endpoint-url",
              front.url("").toString(),
              "--region",
              "us-east-1",
              "--output",
              "json",
              "--allow-incomplete");

      assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
      JsonNode account = SnapshotJson.mapper().readTree(run.out()).path("accounts").get(0);
      assertThat(account.path("scanned").asBoolean()).isTrue();
      assertThat(account.path("notScanned")).isEmpty();
      assertThat(account.path("regions").toString()).isEqualTo("[\"eu-west-1\",\"us-east-1\"]");
      assertThat(account.path("report").path("regions").toString())
          .isEqualTo("[\"eu-west-1\",\"us-east-1\"]");
    }
  }
}
