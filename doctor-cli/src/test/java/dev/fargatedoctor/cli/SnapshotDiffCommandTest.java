package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDiffCommandTest {
  @TempDir Path dir;

  @Test
  void showsTheRogueRouteFixBetweenTwoDemoSnapshots() throws Exception {
    Path before = dir.resolve("before.json");
    Run.of("demo", "--save-snapshot", before.toString());
    // the network team reverts its change: private subnet a back to its own AZ's NAT gateway
    String text = Files.readString(before);
    String fixed =
        text.replaceFirst(
            "\"NatGatewayId\" : \"nat-0b4f1e2d3c\",\n(\\s*)\"State\" : \"active\",\n"
                + "(\\s*)\"Origin\" : \"ReplaceRoute\"",
            "\"NatGatewayId\" : \"nat-0a4f1e2d3c\",\n$1\"State\" : \"active\",\n"
                + "$2\"Origin\" : \"ReplaceRoute\"");
    assertThat(fixed).isNotEqualTo(text);
    Path after = dir.resolve("after.json");
    Files.writeString(after, fixed);

    Run run = Run.of("snapshot", "diff", before.toString(), after.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "routes (1)",
            "us-east-1 rtb-0privatea 0.0.0.0/0 modified: nat-0b4f1e2d3c (active) -> nat-0a4f1e2d3c (active)");

    JsonNode json =
        SnapshotJson.mapper()
            .readTree(
                Run.of("snapshot", "diff", before.toString(), after.toString(), "--output", "json")
                    .out());
    assertThat(json.get("schema").asText()).isEqualTo("fargate-doctor/diff/v1");
    assertThat(json.get("changes").get(0).get("kind").asText()).isEqualTo("route");
    assertThat(Run.of("snapshot", "diff", before.toString(), before.toString()).exitCode())
        .isZero();
  }

  @Test
  void aBrokenSnapshotIsExitTwo() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"schema\":");
    Run run = Run.of("snapshot", "diff", bad.toString(), bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.json");
  }
}
