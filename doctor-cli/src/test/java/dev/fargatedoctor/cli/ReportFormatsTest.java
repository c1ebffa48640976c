package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatsTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/demo.md");
  @TempDir Path dir;

  @Test
  void theMarkdownReportOfTheDemoMatchesItsGoldenFile() throws Exception {
    String markdown = Run.of("demo", "--output", "markdown").out();
    Golden.matches(GOLDEN, markdown);
  }

  @Test
  void theHtmlReportIsOneSelfContainedFile() throws Exception {
    Path html = dir.resolve("report.html");
    Run.of("demo", "--output", "html", "--out", html.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);

    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<svg",
            "4614 of 5000",
            "Free IP addresses per task subnet",
            "checkout-execution",
            "<h2>Coverage</h2>",
            "ecs:DescribeTasks");
    // the memory chart draws the slope MEMORY-LEAK-TREND reports for the demo's leaking service
    assertThat(page).contains("Memory · catalog · us-east-1", "350 MB/hour (robust slope)");
    // nothing fetched from anywhere: no external script, stylesheet, font or image
    assertThat(page)
        .doesNotContainPattern("(?i)<script[^>]+src=")
        .doesNotContainPattern("(?i)<link[^>]+href=")
        .doesNotContain("@import")
        .doesNotContain("url(")
        .doesNotContainPattern("(?i)<img");
  }

  @Test
  void scoreIsInEveryReportAndMinScoreGatesTheExitCode() throws Exception {
    JsonNode json = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    int score = json.get("summary").get("score").asInt();

    assertThat(score).isBetween(0, 59);
    assertThat(json.get("summary").get("grade").asText()).isEqualTo("F");
    assertThat(Run.of("demo", "--no-color").out()).contains("Score: " + score + "/100 (F)");
    assertThat(Run.of("demo", "--fail-on", "critical", "--min-score", "0").exitCode()).isEqualTo(1);
    assertThat(Run.of("demo", "--force-exit-zero").exitCode()).isZero();
    assertThat(Run.of("demo", "--min-score", "101").exitCode()).isEqualTo(2);
  }

  @Test
  void explainPrintsTheDocumentationOfACheck() {
    Run run = Run.of("explain", "route-cross-az-nat");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("ROUTE-CROSS-AZ-NAT")
        .contains("Why it matters.", "Law: slow")
        .doesNotContain("**");
    Run markdown = Run.of("explain", "route-cross-az-nat", "-o", "markdown");
    assertThat(markdown.out()).contains("# ROUTE-CROSS-AZ-NAT", "**Why it matters.**", "Law: slow");
    Run unknown = Run.of("explain", "NOPE");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown check id 'NOPE'").contains("ENI-QUOTA");
  }

  @Test
  void agentTaskDefinitionPrintsTheSidecarForATaskDefinition() throws Exception {
    Run run =
        Run.of("agent", "task-definition", "--region", "eu-west-1", "--log-group", "/ecs/agent");
    assertThat(run.exitCode()).isZero();
    JsonNode fragment = SnapshotJson.mapper().readTree(run.out());
    assertThat(fragment.get("pidMode").asText()).isEqualTo("task");
    JsonNode sidecar = fragment.get("containerDefinitions").get(0);
    assertThat(sidecar.get("essential").asBoolean()).isFalse();
    assertThat(sidecar.get("logConfiguration").get("options").get("awslogs-group").asText())
        .isEqualTo("/ecs/agent");
  }
}
