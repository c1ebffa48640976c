package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `flows` as a user runs it: the demo's flow-log file read back with --file against the saved
 * snapshot solves the write-up's incident from the records alone; broken files are counted and
 * named, and only a source with nothing readable at all exits 2.
 */
class FlowsCommandTest {
  @TempDir Path dir;

  static List<String> problems(String json) throws Exception {
    List<String> out = new ArrayList<>();
    JsonNode report = SnapshotJson.mapper().readTree(json);
    report
        .get("findings")
        .forEach(
            f ->
                out.add(
                    f.get("status").asText()
                        + " "
                        + f.get("checkId").asText()
                        + " "
                        + f.get("resource").get("id").asText()));
    return out;
  }

  private Path[] demoFiles() {
    Path snapshot = dir.resolve("demo.json");
    Path flows = dir.resolve("demo-flows.log.gz");
    Run saved =
        Run.of(
            "demo",
            "--save-snapshot",
            snapshot.toString(),
            "--save-flow-log",
            flows.toString(),
            "--output",
            "json");
    assertThat(saved.exitCode()).as(saved.err()).isEqualTo(1);
    return new Path[] {snapshot, flows};
  }

  @Test
  void theDemosFlowLogReadFromAFileFindsTheHangTheDroppedRepliesAndWhatTheyCost() throws Exception {
    Path[] demo = demoFiles();
    Run run =
        Run.of(
            "flows",
            "--snapshot",
            demo[0].toString(),
            "--file",
            demo[1].toString(),
            "--output",
            "json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(problems(run.out()))
        .containsExactlyInAnyOrder(
            "FAIL FLOW-NO-REPLY production/api",
            "FAIL FLOW-REJECTED production/ingest",
            "FAIL CROSS-AZ-TRAFFIC production/api",
            "WARN CROSS-AZ-TRAFFIC production/orders",
            "FAIL NAT-TRAFFIC-ENDPOINT production/api");
    assertThat(run.err()).contains("flow records over 30 min from " + demo[1]);
    // the same as the demo's own reading of those records
    Run direct = Run.of("flows", "--demo", "--output", "json");
    assertThat(problems(direct.out())).containsExactlyInAnyOrderElementsOf(problems(run.out()));
  }

  @Test
  void theTextReportNamesServiceDestinationRuleAzAndCost() throws Exception {
    Run run = Run.of("flows", "--demo");
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("production/api: 60 connection attempts to the internet (198.51.100.20):443")
        .contains("us-east-1a: 60 of 60 unanswered")
        .contains("leaves subnet-0privatea as: nat-0b4f1e2d3c in us-east-1b")
        .contains("network ACL acl-0ingest rule 90 denies tcp 1024-65535 from 0.0.0.0/0")
        .contains("return traffic")
        .contains("a month through another AZ's NAT gateway")
        .contains("$ aws ec2 replace-route --route-table-id rtb-0privatea");
  }

  @Test
  void brokenFilesAreCountedAndShownAsCoverageWhileTheRestIsJudged() throws Exception {
    Path[] demo = demoFiles();
    byte[] whole = Files.readAllBytes(demo[1]);
    Path truncated = dir.resolve("truncated.log.gz");
    Files.write(truncated, Arrays.copyOf(whole, whole.length * 2 / 3));
    Path skewed = dir.resolve("wrong-fields.log.gz");
    String text;
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(demo[1]))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(' '))); // a field short
    lines.add(lines.get(5).replace(" OK ", " SKIPDATA "));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
    Files.write(skewed, b.toByteArray());

    Run run =
        Run.of(
            "flows",
            "--snapshot",
            demo[0].toString(),
            "--file",
            truncated.toString(),
            "--file",
            skewed.toString(),
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode coverage = SnapshotJson.mapper().readTree(run.out()).get("coverage");
    List<String> failed = new ArrayList<>();
    coverage.forEach(
        c -> {
          if (c.get("outcome").asText().equals("FAILED")) {
            failed.add(c.get("resource").asText() + " " + c.get("message").asText());
          }
        });
    assertThat(failed)
        .anyMatch(f -> f.startsWith(truncated.toString()) && f.contains("gzip stream ends early"))
        .anyMatch(
            f ->
                f.startsWith(skewed.toString())
                    && f.contains("line 4: 26 fields where the format has 27"));
    assertThat(run.err()).contains("1 truncated").contains("1 malformed lines");
    assertThat(problems(run.out())).contains("FAIL FLOW-NO-REPLY production/api");
  }

  @Test
  void nothingReadableExitsTwoNamingTheFileAndLine() throws Exception {
    Path[] demo = demoFiles();
    Path junk = dir.resolve("junk.log");
    Files.writeString(junk, "this is not\na flow log\n");
    Run run = Run.of("flows", "--snapshot", demo[0].toString(), "--file", junk.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(junk + ":1: no flow-log record could be read");
  }

  @Test
  void aLogFormatThatIsNotOneIsBadUsage() throws Exception {
    Path[] demo = demoFiles();
    Run run =
        Run.of(
            "flows",
            "--snapshot",
            demo[0].toString(),
            "--file",
            demo[1].toString(),
            "--log-format",
            "version srcaddr");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'version' is not a ${field}");
  }

  @Test
  void aMissingFileIsBadUsage() {
    Run run = Run.of("flows", "--demo", "--file", dir.resolve("nope.log.gz").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.log.gz: no such file");
  }
}
