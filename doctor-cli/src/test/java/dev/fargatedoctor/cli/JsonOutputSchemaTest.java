package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingFacts;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.cli.demo.DemoEnvironment;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.JsonSchemas;
import dev.fargatedoctor.triage.Symptom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every JSON document a command prints follows its published schema in docs/schemas/. */
class JsonOutputSchemaTest {

  @Test
  void theDemoReportFollowsTheReportSchemaWithAndWithoutPasses() {
    for (String[] args :
        List.of(
            new String[] {"demo", "--output", "json"},
            new String[] {"demo", "-o", "JSON", "--include-passed"})) {
      Run run = Run.of(args);
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(JsonSchemas.problems("report.schema.json", run.out())).isEmpty();
    }
  }

  @Test
  void aPreflightFollowsThePreflightSchema() {
    for (String[] args :
        List.of(
            new String[] {"preflight", "--demo", "--scale", "api=10x", "-o", "json"},
            new String[] {
              "preflight",
              "--demo",
              "--scale",
              "api=+2",
              "--scale",
              "payments-worker=3",
              "--no-deployment",
              "-o",
              "json"
            })) {
      Run run = Run.of(args);
      assertThat(run.err()).isEmpty();
      assertThat(JsonSchemas.problems("preflight.schema.json", run.out())).isEmpty();
    }
  }

  @Test
  void anOrganisationPreflightFollowsItsSchemaWithSharedSubnetsAndAnUnreadAccount(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String org = dir.resolve("org").toString();
    Run.of("demo", "--org", "--snapshot-dir", org, "-o", "json");

    Run run =
        Run.of(
            "preflight",
            "--snapshot-dir",
            org,
            "--scale",
            "ledger=+10",
            "--scale",
            "api=+10",
            "-o",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("\"sharedSubnets\" : [ {", "\"NOT_SCANNED\"");
    assertThat(JsonSchemas.problems("preflight-org.schema.json", run.out())).isEmpty();
  }

  @Test
  void theDemoFindingsHaveTypedFactsAndDistinctFingerprints() {
    List<Finding> findings =
        new CheckEngine(CheckRegistry.all(), Run.CLOCK, Thresholds.DEFAULTS)
            .run(DemoEnvironment.build(Run.CLOCK))
            .findings();
    List<String> problems = new ArrayList<>();
    findings.forEach(f -> problems.addAll(FindingFacts.problems(f)));
    assertThat(problems).isEmpty();
    assertThat(FindingFacts.duplicateFingerprints(findings)).isEmpty();
  }

  @Test
  void aScriptReadsNumbersFromFactsNotFromEvidence() throws Exception {
    JsonNode report = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    JsonNode eni = null;
    for (JsonNode f : report.get("findings")) {
      if (f.get("checkId").asText().equals("ENI-QUOTA")) eni = f;
    }
    assertThat(eni).isNotNull();
    assertThat(eni.get("evidence").get("utilisation").asText()).endsWith(" %");
    assertThat(eni.get("facts").get("utilisationPercent").isNumber()).isTrue();
    assertThat(eni.get("facts").get("utilisationPercent").asDouble()).isGreaterThan(90);
    assertThat(eni.get("facts").get("byConsumer").fieldNames()).toIterable().isNotEmpty();
    assertThat(eni.get("account").asText()).isEqualTo(DemoEnvironment.ACCOUNT);
    assertThat(eni.get("fingerprint").asText()).matches("[0-9a-f]{32}");
  }

  @Test
  void fingerprintsStayTheSameFromRunToRun() throws Exception {
    JsonNode a = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    JsonNode b = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    a.get("findings").forEach(f -> first.add(f.get("fingerprint").asText()));
    b.get("findings").forEach(f -> second.add(f.get("fingerprint").asText()));
    assertThat(first).isNotEmpty().isEqualTo(second).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(Symptom.class)
  void everyTriageFollowsTheTriageSchema(Symptom symptom) {
    Run run = Run.of("triage", symptom.argument(), "--demo", "--output", "json");
    assertThat(run.err()).isEmpty();
    assertThat(JsonSchemas.problems("triage.schema.json", run.out())).isEmpty();
  }

  @Test
  void theCatalogueFollowsTheChecksSchemaAndListsEveryCheck() throws Exception {
    Run run = Run.of("checks", "--output", "json");
    assertThat(run.exitCode()).isZero();
    assertThat(JsonSchemas.problems("checks.schema.json", run.out())).isEmpty();
    JsonNode checks = SnapshotJson.mapper().readTree(run.out()).get("checks");
    assertThat(checks).hasSize(CheckRegistry.all().size());
    assertThat(checks.get(0).get("documentation").asText()).startsWith("# ");
  }

  @Test
  void aBrokenDocumentIsCaught() {
    // The schema is strict enough to matter: a display string where facts need a key fails.
    String bad =
        Run.of("demo", "--output", "json")
            .out()
            .replace("\"facts\" : {", "\"facts\" : { \"free IPs\" : 1,");
    assertThat(JsonSchemas.problems("report.schema.json", bad)).isNotEmpty();
  }
}
