package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStatsCommandTest {
  @TempDir Path dir;

  @Test
  void countsWhatTheDemoSnapshotHoldsPerRegion() throws Exception {
    Path file = dir.resolve("demo.json.gz");
    Run.of("demo", "--save-snapshot", file.toString());
    Snapshot s = SnapshotFiles.read(file);
    RegionSnapshot r = s.regions().get(0);

    Run text = Run.of("snapshot", "stats", file.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains(r.region())
        .containsPattern(
            "networkInterfaces +"
                + String.format(java.util.Locale.ROOT, "%,d", r.ec2().networkInterfaces().size()))
        .containsPattern("services +" + r.ecs().services().size());

    JsonNode json =
        SnapshotJson.mapper()
            .readTree(Run.of("snapshot", "stats", file.toString(), "--output", "json").out());
    assertThat(json.get("schema").asText()).isEqualTo("fargate-doctor/snapshot-stats/v1");
    JsonNode region = json.get("regions").get(0);
    assertThat(region.get("networkInterfaces").asInt())
        .isEqualTo(r.ec2().networkInterfaces().size());
    assertThat(region.get("tasks").asInt()).isEqualTo(r.ecs().tasks().size());
    assertThat(json.get("iam").get("roles").asInt()).isEqualTo(s.iam().roles().size());
    assertThat(json.get("coverage").get("gaps").asLong())
        .isEqualTo(s.coverage().stream().filter(c -> !c.collected()).count())
        .isPositive(); // the demo has one API that stayed throttled
  }

  @Test
  void textFromTheFileIsPrintedEscaped() throws Exception {
    Path file = dir.resolve("demo.json.gz");
    Run.of("demo", "--save-snapshot", file.toString());
    Snapshot s = SnapshotFiles.read(file);
    Capture c = s.capture();
    Capture hostile =
        new Capture(
            c.tool(),
            c.toolVersion(),
            c.capturedAt(),
            "live\u001b]0;owned\u0007",
            "1234\u001b[2J",
            c.callerArn(),
            c.regions(),
            c.endpoint());
    Path evil = dir.resolve("evil.json");
    SnapshotFiles.write(
        new Snapshot(s.schema(), hostile, s.regions(), s.iam(), s.coverage()), evil);

    Run run = Run.of("snapshot", "stats", evil.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).doesNotContain("\u001b").contains("\\x1b[2J");
  }

  @Test
  void aBrokenSnapshotIsExitTwoNamingTheFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"schema\":\"fargate-doctor/snapshot/v1\",\"regions\":[{]}");
    Run run = Run.of("snapshot", "stats", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.json");
  }
}
