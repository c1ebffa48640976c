package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightCommandTest {
  private static final Path FIXTURES =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures");

  @TempDir Path dir;

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  @Test
  void aPlanThatFitsExitsZeroAndSaysSo() {
    Run run =
        Run.of(
            "preflight",
            "--snapshot",
            fixture("preflight-shop-fits.json"),
            "--scale",
            "api=10x",
            "--scale",
            "worker=3x");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "The plan fits.",
            "production/api",
            "network interfaces",
            "FITS",
            "Fargate On-Demand vCPU",
            "Fargate Spot vCPU",
            "subnet IPs subnet-private-c",
            "Launching 114 Fargate On-Demand task(s): at least 1 s");
    assertThat(run.out().lines())
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
  }

  @Test
  void aPlanThatDoesNotFitExitsOneNamingTheResourceAndItsShortfall() throws Exception {
    Run run =
        Run.of(
            "preflight",
            "--snapshot",
            fixture("preflight-shop-subnet-c-small.json"),
            "--scale",
            "api=10x",
            "--scale",
            "worker=3x",
            "--output",
            "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = SnapshotJson.mapper().readTree(run.out());
    assertThat(json.get("schema").asText()).isEqualTo("fargate-doctor/preflight/v1");
    assertThat(json.get("fits").asBoolean()).isFalse();
    List<String> short_ = new ArrayList<>();
    json.get("regions")
        .get(0)
        .get("resources")
        .forEach(
            r -> {
              if (r.get("verdict").asText().equals("DOES_NOT_FIT"))
                short_.add(r.get("id").asText() + " " + r.get("margin"));
            });
    assertThat(short_).containsExactly("subnet-private-c -8.0", "us-east-1c -8.0");
  }

  @Test
  void anUnknownServiceIsExitTwoListingTheServices() {
    Run run =
        Run.of(
            "preflight",
            "--snapshot",
            fixture("preflight-shop-fits.json"),
            "--scale",
            "checkout=2x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--scale checkout=2x matches no service in the snapshot", "production/api");
  }

  @Test
  void aMalformedFactorIsExitTwo() {
    Run run =
        Run.of(
            "preflight", "--snapshot", fixture("preflight-shop-fits.json"), "--scale", "api=lots");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("factor 'lots' is none of 10x");
  }

  @Test
  void withoutScaleItIsAUsageError() {
    assertThat(Run.of("preflight", "--snapshot", fixture("preflight-shop-fits.json")).exitCode())
        .isEqualTo(2);
  }

  @Test
  void theAnswerCanGoToAFile() throws Exception {
    Path out = dir.resolve("plan.json");

    Run run =
        Run.of(
            "preflight",
            "--snapshot",
            fixture("preflight-shop-fits.json"),
            "--scale",
            "api=2x",
            "--output",
            "json",
            "--out",
            out.toString());

    assertThat(run.out()).isEmpty();
    assertThat(SnapshotJson.mapper().readTree(Files.readString(out)).get("fits").asBoolean())
        .isTrue();
  }

  @Test
  void theDemoAccountCannotTakeFortyTimesApiBecauseOfItsNetworkInterfaces() throws Exception {
    Path demo = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", demo.toString(), "--output", "json");

    Run run = Run.of("preflight", "--snapshot", demo.toString(), "--scale", "api=40x");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("network interfaces +DOES NOT FIT");
  }
}
