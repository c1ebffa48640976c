package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmsCommandTest {
  @TempDir Path dir;

  @Test
  void theDemoAccountGetsATemplateWithItsServicesAndRoles() throws Exception {
    Path demo = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", demo.toString(), "--output", "json");
    Path out = dir.resolve("alarms.json");

    Run run =
        Run.of(
            "alarms",
            "--snapshot",
            demo.toString(),
            "--format",
            "cloudformation",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    var resources = SnapshotJson.mapper().readTree(Files.readString(out)).get("Resources");
    assertThat(resources.has("ProductionCheckoutMemory")).isTrue();
    assertThat(resources.has("DevelopmentLoadTestRunning")).isTrue();
    assertThat(resources.get("IamTrustChanges").toString())
        .contains("checkout-execution", "search-task");
  }

  @Test
  void terraformGoesToStdout() throws Exception {
    Path demo = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", demo.toString(), "--output", "json");

    Run run = Run.of("alarms", "--snapshot", demo.toString(), "--format", "terraform");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("# Fargate Doctor alarms for account 111122223333 in us-east-1")
        .contains("resource \"aws_cloudwatch_metric_alarm\" \"production_search_memory\"");
  }

  @Test
  void aSnapshotOfSeveralRegionsNeedsOneRegionChosen() throws Exception {
    Path two = dir.resolve("two.json");
    Files.writeString(
        two,
        "{\"schema\":\"fargate-doctor/snapshot/v1\",\"regions\":[{\"region\":\"us-east-1\"},"
            + "{\"region\":\"eu-west-1\"}]}");

    Run ambiguous = Run.of("alarms", "--snapshot", two.toString(), "--format", "terraform");
    Run chosen =
        Run.of(
            "alarms",
            "--snapshot",
            two.toString(),
            "--format",
            "terraform",
            "--region",
            "eu-west-1");

    assertThat(ambiguous.exitCode()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains("alarms are per region and the snapshot has 2: give one --region");
    assertThat(chosen.exitCode()).isZero();
    assertThat(chosen.out()).contains("in eu-west-1", "fargate-doctor-eu-west-1-eni-80");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(Run.of("alarms", "--format", "yaml", "--snapshot", "x.json").exitCode())
        .isEqualTo(2);
  }
}
