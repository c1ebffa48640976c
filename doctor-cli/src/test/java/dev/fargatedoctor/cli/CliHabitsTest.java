package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The habits users bring from Prowler, Trivy and the aws CLI: selection, output, width, quiet. */
class CliHabitsTest {
  @TempDir Path dir;

  private static JsonNode json(Run run) throws Exception {
    return SnapshotJson.mapper().readTree(run.out());
  }

  private static Set<String> checkIds(JsonNode report) {
    Set<String> ids = new TreeSet<>();
    report.get("findings").forEach(f -> ids.add(f.get("checkId").asText()));
    return ids;
  }

  @Test
  void checksRunsOnlyTheNamedChecksWhateverTheirCase() throws Exception {
    Run run = Run.of("scan", "--demo", "-o", "json", "--checks", "eni-quota,ROUTE-CROSS-AZ-NAT");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = json(run);
    assertThat(checkIds(report)).containsExactly("ENI-QUOTA", "ROUTE-CROSS-AZ-NAT");
    assertThat(report.at("/summary/checksRun").asInt()).isEqualTo(2);
  }

  @Test
  void excludeChecksRunsEveryOtherCheck() throws Exception {
    Set<String> all = checkIds(json(Run.of("demo", "-o", "json")));
    Set<String> rest =
        checkIds(json(Run.of("demo", "-o", "json", "--exclude-checks", "ENI-QUOTA,OOM-KILLS")));

    assertThat(all).contains("ENI-QUOTA", "OOM-KILLS");
    assertThat(rest).doesNotContain("ENI-QUOTA", "OOM-KILLS");
    Set<String> expected = new TreeSet<>(all);
    expected.removeAll(Set.of("ENI-QUOTA", "OOM-KILLS"));
    assertThat(rest).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--checks", "--exclude-checks"})
  void anUnknownCheckIdIsBadInputNamingIt(String option) {
    Run run = Run.of("demo", option, "ENI-QUOTA,NO-SUCH-CHECK");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(option, "'NO-SUCH-CHECK'").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void excludingEveryCheckIsBadInputNotAGreenRun() {
    Run run = Run.of("demo", "--checks", "ENI-QUOTA", "--exclude-checks", "ENI-QUOTA");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no check to run");
  }

  @Test
  void minSeverityReportsOnlyFindingsAtOrAboveIt() throws Exception {
    JsonNode all = json(Run.of("demo", "-o", "json"));
    JsonNode critical = json(Run.of("demo", "-o", "json", "--min-severity", "Critical"));

    assertThat(all.get("findings").findValuesAsText("severity")).contains("HIGH", "LOW");
    assertThat(critical.get("findings").findValuesAsText("severity"))
        .isNotEmpty()
        .containsOnly("CRITICAL");
    // the gate follows what is reported: nothing critical left means exit 0 at --fail-on high
    Run lowOnly =
        Run.of("demo", "--checks", "FLOWLOGS-MISSING", "--min-severity", "high", "-o", "json");
    assertThat(json(lowOnly).get("findings")).isEmpty();
  }

  @Test
  void outputFormatsAreCaseInsensitiveOnEveryCommand() throws Exception {
    Path snapshot = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", snapshot.toString());

    List<List<String>> commands =
        List.of(
            List.of("demo", "-o", "JSON"),
            List.of("scan", "--demo", "--output", "Json"),
            List.of("triage", "wont-start", "--demo", "-o", "JSON"),
            List.of("preflight", "--demo", "--scale", "production/checkout=+2", "-o", "Json"),
            List.of("checks", "-o", "JSON"),
            List.of("snapshot", "stats", snapshot.toString(), "-o", "JSON"),
            List.of("snapshot", "diff", snapshot.toString(), snapshot.toString(), "-o", "JSON"));
    for (List<String> args : commands) {
      Run run = Run.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(args + run.err()).isNotEqualTo(2);
      assertThat(SnapshotJson.mapper().readTree(run.out()).isObject()).as(args.toString()).isTrue();
    }
  }

  @Test
  void summaryIsTheFindingsTableOnly() {
    Run run = Run.of("demo", "--summary", "--no-color");

    assertThat(run.exitCode()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("SEVERITY  CHECK").contains("RESOURCE", "TITLE");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("CRITICAL  ENI-QUOTA"));
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    assertThat(run.out()).doesNotContain("$ aws", "Score:", "When won't start");
  }

  @Test
  void markdownSummaryIsTheOpeningTablesOnly() {
    String full = Run.of("demo", "-o", "markdown").out();
    String summary = Run.of("demo", "-o", "Markdown", "--summary").out();

    assertThat(full).startsWith(summary.stripTrailing());
    assertThat(summary).contains("| Severity | Check | Resource |", "more.").doesNotContain("## ");
    assertThat(summary.lines().count()).isLessThan(30);
  }

  @Test
  void summaryIsRefusedWhereTheFormatHasNoSummary() {
    Run run = Run.of("demo", "--summary", "-o", "sarif");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--summary");
  }

  @Test
  void quietPrintsNothingButKeepsTheExitCodeAndTheFile() throws Exception {
    Run quiet = Run.of("demo", "--quiet");
    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.out()).isEmpty();

    Path out = dir.resolve("report.md");
    Run toFile = Run.of("demo", "-q", "-o", "markdown", "--out", out.toString());
    assertThat(toFile.exitCode()).isEqualTo(1);
    assertThat(toFile.out()).isEmpty();
    assertThat(Files.readString(out)).startsWith("# Fargate Doctor report");

    Run broken = Run.of("demo", "-q", "--checks", "NOPE");
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err()).contains("NOPE");
  }

  @Test
  void everyCommandThatRendersTakesTheSameOutputOptions() {
    // picocli's model of each command: the shared mixin gives --out, --quiet and --no-color alike
    var root = FargateDoctor.commandLine(Context.system());
    Map<String, List<String>> rendering = new java.util.LinkedHashMap<>();
    rendering.put("scan", List.of());
    rendering.put("demo", List.of());
    rendering.put("triage", List.of());
    rendering.put("preflight", List.of());
    rendering.put("path", List.of());
    rendering.put("flows", List.of());
    rendering.put("checks", List.of());
    rendering.put("explain", List.of());
    rendering.put("snapshot diff", List.of());
    rendering.put("snapshot stats", List.of());
    List<String> missing = new ArrayList<>();
    for (String name : rendering.keySet()) {
      var cmd = root;
      for (String part : name.split(" ")) cmd = cmd.getSubcommands().get(part);
      for (String option : List.of("--out", "--quiet", "--no-color")) {
        if (cmd.getCommandSpec().findOption(option) == null) missing.add(name + " " + option);
      }
      boolean readsSnapshot = cmd.getCommandSpec().findOption("--snapshot") != null;
      if (readsSnapshot && cmd.getCommandSpec().findOption("--demo") == null) {
        missing.add(name + " --demo");
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void demoWorksWhereverASnapshotIsRead() {
    assertThat(Run.of("scan", "--demo", "--summary").out()).contains("ENI-QUOTA");
    Run path = Run.of("path", "--demo", "--service", "ingest", "--to", "s3");
    assertThat(path.exitCode()).as(path.err()).isIn(0, 1, 4);
    assertThat(path.out()).contains("ingest");
    Run both = Run.of("scan", "--demo", "--snapshot", "x.json");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("alternatives");
  }

  @Test
  void widthFollowsColumnsThenTheTerminalElseOneHundred() {
    assertThat(TerminalWidth.of(Map.of("COLUMNS", "72"), false)).isEqualTo(72);
    assertThat(TerminalWidth.of(Map.of("COLUMNS", "10"), true)).isEqualTo(TerminalWidth.MIN);
    assertThat(TerminalWidth.of(Map.of("COLUMNS", "wide"), false)).isEqualTo(100);
    assertThat(TerminalWidth.of(Map.of(), false)).isEqualTo(100);
  }

  @Test
  void explainLaysTheDocumentOutForTheTerminalOrPrintsItAsWritten() {
    Run text = Run.of("explain", "eni-quota");
    Run markdown = Run.of("explain", "ENI-QUOTA", "-o", "MARKDOWN");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out().lines().toList().get(1)).matches("=+");
    assertThat(text.out())
        .contains("What it detects. The number of elastic network interfaces")
        .doesNotContain("**");
    assertThat(text.out().lines().toList())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    assertThat(markdown.out()).startsWith("# ENI-QUOTA").contains("**What it detects.**");
  }
}
