package dev.fargatedoctor.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fargatedoctor.dist.UnpackedRelease.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/ci-scan.sh, the steps of the GitHub Action (action.yml), run from the unpacked release as
 * a CI job runs them: install the release archive, scan, keep every report format, and exit with
 * the scan's code.
 */
class CiScanIT {
  private static final Path HEALTHY =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures")
          .resolve("healthy-two-az-service.json")
          .toAbsolutePath()
          .normalize();

  private static UnpackedRelease release;
  private static Path demo;

  @BeforeAll
  static void demoSnapshot() throws Exception {
    release = UnpackedRelease.get();
    demo = Files.createTempDirectory("ci-scan").resolve("demo.json");
    Result saved = release.launch(Map.of(), "demo", "--save-snapshot", demo.toString());
    assertThat(saved.code()).as(saved.err()).isEqualTo(1);
  }

  private static Result ciScan(Path workspace, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(release.path("scripts/ci-scan.sh").toString()));
    cmd.addAll(List.of(args));
    return release.run(
        workspace,
        Map.of(
            "GITHUB_OUTPUT",
            workspace.resolve("github-output").toString(),
            "RUNNER_TEMP",
            workspace.toString()),
        cmd.toArray(String[]::new));
  }

  private static List<String> reports(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void findingsExitOneAndEveryFormatIsWrittenFromOneCollection() throws Exception {
    Path workspace = Files.createTempDirectory("ci-job");
    Result r =
        ciScan(
            workspace,
            "--release",
            UnpackedRelease.ARCHIVE.toString(),
            "--",
            "--snapshot",
            demo.toString(),
            "--fail-on",
            "high");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    Path reports = workspace.resolve("fargate-doctor-reports");
    assertThat(reports(reports))
        .containsExactly(
            "fargate-doctor.html",
            "fargate-doctor.json",
            "fargate-doctor.md",
            "fargate-doctor.txt",
            "snapshot.json.gz");
    JsonNode json = new ObjectMapper().readTree(reports.resolve("fargate-doctor.json").toFile());
    assertThat(json.path("schema").asText()).isEqualTo("fargate-doctor/report/v1");
    assertThat(json.path("findings").toString()).contains("EXEC-ROLE-TRUST");
    assertThat(Files.readString(reports.resolve("fargate-doctor.txt"))).contains("EXEC-ROLE-TRUST");
    assertThat(Files.readString(reports.resolve("fargate-doctor.md"))).contains("EXEC-ROLE-TRUST");
    assertThat(Files.readString(reports.resolve("fargate-doctor.html"))).contains("<html");
    assertThat(Files.readString(workspace.resolve("github-output")))
        .contains("exit-code=1", "report-dir=fargate-doctor-reports");
  }

  @Test
  void anAccountWithNothingFailingButChecksLeftUnknownDoesNotPassTheGate() throws Exception {
    // The healthy fixture holds no quotas or metrics: those checks are UNKNOWN, so exit 4.
    Path workspace = Files.createTempDirectory("ci-job");
    Result r = ciScan(workspace, "--formats", "json", "--", "--snapshot", HEALTHY.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(r.err()).contains("incomplete", "--allow-incomplete");
    assertThat(reports(workspace.resolve("fargate-doctor-reports")))
        .contains("fargate-doctor.json");
    assertThat(Files.readString(workspace.resolve("github-output"))).contains("exit-code=4");
  }

  @Test
  void aHealthyAccountExitsZeroWithItsReportsWhenIncompleteIsAllowed() throws Exception {
    Path workspace = Files.createTempDirectory("ci-job");
    Result r =
        ciScan(
            workspace,
            "--out-dir",
            "out",
            "--formats",
            "json,markdown",
            "--",
            "--snapshot",
            HEALTHY.toString(),
            "--allow-incomplete",
            "--output",
            "text");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(reports(workspace.resolve("out")))
        .as("only the formats asked for; the user's --output is the script's to set")
        .containsExactly("fargate-doctor.json", "fargate-doctor.md", "snapshot.json.gz");
    assertThat(Files.readString(workspace.resolve("github-output"))).contains("exit-code=0");
  }

  @Test
  void aFailOnAboveEveryFindingPassesTheGate() throws Exception {
    Path workspace = Files.createTempDirectory("ci-job");
    Result r =
        ciScan(
            workspace,
            "--formats",
            "json",
            "--",
            "--snapshot",
            demo.toString(),
            "--force-exit-zero");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void badInputExitsTwoNamingTheFileAndWritesNoReports() throws Exception {
    Path workspace = Files.createTempDirectory("ci-job");
    Path broken = workspace.resolve("broken.json");
    Files.writeString(broken, "{\"schema\": \"fargate-doctor/snapshot/v1\", \"regions\": [");
    Result r = ciScan(workspace, "--", "--snapshot", broken.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("broken.json");
    assertThat(reports(workspace.resolve("fargate-doctor-reports"))).isEmpty();
    assertThat(Files.readString(workspace.resolve("github-output"))).contains("exit-code=2");
  }

  @Test
  void aReleaseThatIsNotAnArchiveIsBadInput() throws Exception {
    Path workspace = Files.createTempDirectory("ci-job");
    Path notTar = Files.writeString(workspace.resolve("release.tar.gz"), "not an archive");
    Result r =
        ciScan(workspace, "--release", notTar.toString(), "--", "--snapshot", demo.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("release.tar.gz");
  }

  @Test
  void theActionRunsThisScriptWithTheSameDefaultFormats() throws Exception {
    JsonNode action = new YAMLMapper().readTree(release.path("action.yml").toFile());
    assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
    String steps = action.path("runs").path("steps").toString();
    assertThat(steps).contains("$GITHUB_ACTION_PATH/scripts/ci-scan.sh", "upload-artifact");
    String defaults = action.path("inputs").path("formats").path("default").asText();
    String script = Files.readString(release.path("scripts/ci-scan.sh"));
    assertThat(script).contains("formats=\"" + defaults + "\"");
    assertThat(action.path("outputs").has("exit-code")).isTrue();
  }
}
