package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("fd.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsExcludesSeveritiesAndThresholds() throws Exception {
    Configuration c =
        ConfigFile.load(
            write(
                """
        # our decisions
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            resource: "subnet-0private*"
            reason: single NAT gateway by design until Q3
        severity:
          deploy-stuck: critical
        thresholds:
          eniWarnPercent: 70
          eniCriticalPercent: 85
          stuckDeploymentMinutes: 45
          trendWindowHours: 12
        """));

    assertThat(c.excludes())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.check()).isEqualTo("ROUTE-CROSS-AZ-NAT");
              assertThat(x.reason()).isEqualTo("single NAT gateway by design until Q3");
            });
    assertThat(c.severities()).containsEntry("DEPLOY-STUCK", Severity.CRITICAL);
    assertThat(c.thresholds().eniWarnPercent()).isEqualTo(70);
    assertThat(c.thresholds().trendWindowHours()).isEqualTo(12);
    assertThat(c.source()).endsWith("fd.yaml");
  }

  @Test
  void anEmptyFileMeansDefaults() throws Exception {
    assertThat(ConfigFile.load(write("# nothing decided yet\n")).thresholds().eniCriticalPercent())
        .isEqualTo(90);
  }

  @Test
  void aDocumentThatIsOnlyARootAnchorMeansDefaultsNotACrash() throws Exception {
    // found by ConfigFileFuzzTest: YAML reads the whole document as null
    assertThat(ConfigFile.load(write(" &a\n")).thresholds().eniCriticalPercent())
        .isEqualTo(dev.fargatedoctor.check.Thresholds.DEFAULTS.eniCriticalPercent());
  }

  @Test
  void aMisspelledKeyIsAnErrorNamingTheLine() throws Exception {
    Path f = write("exclude: []\nthreshold:\n  eniWarnPercent: 70\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(f + ":2:")
        .hasMessageContaining("threshold");
  }

  @Test
  void brokenYamlIsAnErrorNamingTheLine() throws Exception {
    Path f = write("severity:\n  ENI-QUOTA: [high\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(f + ":");
  }

  @Test
  void anExcludeWithoutAReasonIsRefused() throws Exception {
    Path f = write("exclude:\n  - check: ENI-QUOTA\n    resource: us-east-1\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void anUnknownCheckIdIsRefusedAtItsLine() throws Exception {
    Path f = write("severity:\n  ENI-QUOTA: low\n  ENI-QUOTTA: low\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(f + ":3:3")
        .hasMessageContaining("unknown check id 'ENI-QUOTTA'");
  }

  @Test
  void impossibleThresholdsAreRefused() throws Exception {
    Path f = write("thresholds:\n  eniWarnPercent: 95\n  eniCriticalPercent: 90\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("eniWarnPercent (95.0) is above eniCriticalPercent (90.0)");
  }

  @Test
  void theEngineAppliesItAndEveryReportListsIt() throws Exception {
    Path f =
        write(
            """
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            resource: "subnet-0*a"
            reason: accepted until the second NAT gateway lands
        severity:
          TASK-ROLE-TRUST: low
        """);

    Run run = Run.of("demo", "--config", f.toString(), "--output", "json");
    JsonNode report = SnapshotJson.mapper().readTree(run.out());

    assertThat(report.get("findings").toString())
        .doesNotContain("\"checkId\":\"ROUTE-CROSS-AZ-NAT\"");
    assertThat(report.get("configuration").get("excluded")).hasSize(2);
    assertThat(report.get("configuration").get("excluded").get(0).get("reason").asText())
        .isEqualTo("accepted until the second NAT gateway lands");
    assertThat(report.get("findings"))
        .anySatisfy(
            x -> {
              assertThat(x.get("checkId").asText()).isEqualTo("TASK-ROLE-TRUST");
              assertThat(x.get("severity").asText()).isEqualTo("LOW");
            });
    assertThat(Run.of("demo", "--config", f.toString(), "--no-color").out())
        .contains("Excluded by " + f + " (2)", "accepted until the second NAT gateway lands");
    assertThat(Run.of("demo", "--config", f.toString(), "--output", "markdown").out())
        .contains("## Excluded by configuration", "accepted until the second NAT gateway lands");
  }

  @Test
  void aBrokenConfigurationIsExitTwoBeforeAnythingIsCollected() throws Exception {
    Path f = write("severity:\n  NOT-A-CHECK: high\n");
    Run run =
        Run.of(
            "scan",
            "--config",
            f.toString(),
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(f + ":2:3");
  }

  @Test
  void anExcludeMayNameItsOwnerAndTheLastDayItHolds() throws Exception {
    Configuration c =
        ConfigFile.load(
            write(
                """
        exclude:
          - check: FLOWLOGS-MISSING
            resource: "vpc-0dev*"
            reason: development VPC
            owner: platform-team
            expires: 2027-03-31
        """));

    assertThat(c.excludes())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.owner()).isEqualTo("platform-team");
              assertThat(x.expires()).isEqualTo(java.time.LocalDate.parse("2027-03-31"));
              assertThat(x.expiredOn(java.time.LocalDate.parse("2027-03-31"))).isFalse();
              assertThat(x.expiredOn(java.time.LocalDate.parse("2027-04-01"))).isTrue();
            });
  }

  @Test
  void anEmptyExcludeEntryOrANullReasonIsRefusedNotACrash() throws Exception {
    Path empty = write("exclude:\n  - \n");
    assertThatThrownBy(() -> ConfigFile.load(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(empty + ":1:1")
        .hasMessageContaining("exclude[0] names no check");
    Path nullReason = write("exclude:\n  - check: ENI-QUOTA\n    reason: ~\n");
    assertThatThrownBy(() -> ConfigFile.load(nullReason))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("an exclude needs a reason");
  }

  @Test
  void anExpiryThatIsNotADateIsRefusedAtItsLine() throws Exception {
    Path f = write("exclude:\n  - check: ENI-QUOTA\n    reason: known\n    expires: next spring\n");
    assertThatThrownBy(() -> ConfigFile.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(f + ":4:5")
        .hasMessageContaining("expires must be a date such as 2027-03-31");
  }

  @Test
  void anExpiredExcludeHidesNothingAndEveryReportSaysItExpired() throws Exception {
    // the demo is captured on 2026-11-26
    Path f =
        write(
            """
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            reason: accepted until the second NAT gateway lands
            owner: network-team
            expires: 2026-10-31
          - check: FLOWLOGS-MISSING
            reason: flow logs come with the new VPC
            expires: 2026-12-31
        """);

    JsonNode report =
        SnapshotJson.mapper()
            .readTree(Run.of("demo", "--config", f.toString(), "--output", "json").out());

    assertThat(report.get("findings").toString())
        .contains("\"checkId\":\"ROUTE-CROSS-AZ-NAT\"")
        .contains("\"exclude expired\":\"on 2026-10-31 (owner network-team)")
        .doesNotContain("\"checkId\":\"FLOWLOGS-MISSING\"");
    JsonNode expired = report.get("configuration").get("expiredExcludes");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).get("check").asText()).isEqualTo("ROUTE-CROSS-AZ-NAT");
    assertThat(expired.get(0).get("findingsShownAgain")).isNotEmpty();
    assertThat(report.get("configuration").get("excluded").get(0).get("expires").asText())
        .isEqualTo("2026-12-31");
    assertThat(Run.of("demo", "--config", f.toString(), "--no-color").out())
        .contains("Expired excludes in " + f + " (1): they hide nothing any more")
        .contains("ROUTE-CROSS-AZ-NAT (owner network-team), expires 2026-10-31");
    assertThat(Run.of("demo", "--config", f.toString(), "--output", "markdown").out())
        .contains("## Expired excludes");
    assertThat(Run.of("demo", "--config", f.toString(), "--output", "html").out())
        .contains("Expired excludes in");
  }
}
