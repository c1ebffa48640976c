package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --region and --cluster pick what a scan looks at, offline as live; a name that matches nothing is
 * bad input answered with what there is, never a scan of nothing that passes.
 */
class SourceSelectionTest {
  @TempDir Path dir;
  private String demo;

  @BeforeEach
  void saveTheDemo() {
    demo = dir.resolve("demo.json").toString();
    Run.of("demo", "--save-snapshot", demo, "--output", "json");
  }

  @Test
  void aClusterTheSnapshotDoesNotHaveIsExitTwoListingTheClustersThereAre() {
    Run run = Run.of("scan", "--snapshot", demo, "--cluster", "nosuch");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--cluster nosuch matches no cluster in the snapshot; its clusters: development, production");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aClusterOfTheSnapshotScansOnlyThatClustersServices() throws Exception {
    Run run = Run.of("scan", "--snapshot", demo, "--cluster", "development", "--output", "json");

    List<String> services = new ArrayList<>();
    for (JsonNode f : SnapshotJson.mapper().readTree(run.out()).get("findings")) {
      if (f.get("resource").get("type").asText().equals("service"))
        services.add(f.get("resource").get("id").asText());
    }
    assertThat(services).isNotEmpty().allMatch(id -> id.startsWith("development/"));
  }

  @Test
  void aRegionTheSnapshotDoesNotHaveIsExitTwoListingItsRegions() {
    Run run = Run.of("scan", "--snapshot", demo, "--region", "eu-west-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--region eu-west-1 is not in the snapshot; its regions: us-east-1");
  }

  @Test
  void aServiceThatMatchesNothingIsExitTwoListingTheServices() {
    Run run = Run.of("triage", "slow", "--snapshot", demo, "--service", "chekout");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--service chekout matches no service in the snapshot")
        .contains("production/checkout");
  }

  @Test
  void aRegionTheSdkDoesNotKnowIsExitTwoBeforeAnyCall() {
    Run run = Run.of("scan", "--region", "us-est-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--region 'us-est-1' is not a Region the AWS SDK knows (did you mean us-east-1?)");
  }
}
