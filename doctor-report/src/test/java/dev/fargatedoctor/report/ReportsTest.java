package dev.fargatedoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportsTest {
  // The rendering is under test, not the catalogue: these checks' findings are what the
  // expectations
  // describe, and checks added later do not change them.
  private static final List<Check> CHECKS =
      CheckRegistry.all().stream()
          .filter(
              c ->
                  Set.of(
                          "DEPLOY-STUCK",
                          "ENI-QUOTA",
                          "EXEC-ROLE-TRUST",
                          "ROUTE-CROSS-AZ-NAT",
                          "TASK-ROLE-TRUST")
                      .contains(c.info().id()))
          .toList();
  private final Diagnosis diagnosis =
      new CheckEngine(CHECKS, CheckRunner.CLOCK, Thresholds.DEFAULTS)
          .run(Fixtures.snapshot("EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json"));
  private final Diagnosis crossAz =
      new CheckEngine(CHECKS, CheckRunner.CLOCK, Thresholds.DEFAULTS)
          .run(
              Fixtures.snapshot(
                  "ROUTE-CROSS-AZ-NAT/fires-one-route-table-for-both-azs-to-nat-a.json"));

  private static String text(Diagnosis d, boolean color, boolean passed) {
    StringWriter out = new StringWriter();
    new TextReport(color, passed).render(d, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void withColoursTheOnlyEscapeSequencesAreTheReportsOwn() {
    // a trust policy that names a role nobody should see: its principal carries a terminal attack
    Diagnosis hostile =
        new CheckEngine(CHECKS, CheckRunner.CLOCK, Thresholds.DEFAULTS)
            .run(
                Fixtures.edited(
                    "EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json",
                    tree ->
                        ((com.fasterxml.jackson.databind.node.ObjectNode)
                                tree.at(
                                    "/iam/roles/0/AssumeRolePolicyDocument/Statement/0/Principal"))
                            .put(
                                "Service",
                                "ec2.amazonaws.com\u001b]0;owned\u0007\u001b[2J\u001b[31m")));
    String report = text(hostile, true, true);

    assertThat(report).contains("\\x1b]0;owned\\x07\\x1b[2J\\x1b[31m");
    assertThat(report.replaceAll("\u001b\\[(0|1|2|3[1-6]|1;31)m", ""))
        .as("nothing but the report's own colours")
        .doesNotContain("\u001b", "\u0007");
  }

  @Test
  void textGroupsFindingsByLawAndShowsEvidenceAndFixes() {
    String report = text(diagnosis, false, false);

    assertThat(report)
        .contains("When won't start: ENI limits, security groups, IAM roles, in that order")
        .contains("CRITICAL EXEC-ROLE-TRUST  iam-role api-execution")
        .contains("trusted principals: Service:ec2.amazonaws.com")
        .contains("$ aws iam update-assume-role-policy --role-name api-execution")
        .contains("Summary: 1 failed, 0 warnings (1 critical)")
        .doesNotContain("PASS ");
  }

  @Test
  void textFitsOneHundredColumnsExceptForUnbreakableWords() {
    for (Diagnosis d : new Diagnosis[] {diagnosis, crossAz}) {
      for (String line : text(d, false, true).split("\n")) {
        if (line.length() <= 100) continue;
        // only a token that cannot be broken — a long word, or a quoted argument (a policy
        // document, a
        // flow-log format) that TextWrap never splits — may run past the edge
        java.util.List<String> tokens =
            new java.util.ArrayList<>(java.util.List.of(line.trim().split(" ")));
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'[^']*'").matcher(line);
        while (quoted.find()) tokens.add(quoted.group());
        assertThat(tokens).as(line).anySatisfy(word -> assertThat(word.length()).isGreaterThan(60));
      }
    }
  }

  @Test
  void longCommandsWrapAtOptionsWithContinuationsSoTheyStillPaste() {
    String command =
        crossAz.findings().stream()
            .flatMap(f -> f.remediation().commands().stream())
            .filter(c -> c.contains("replace-route-table-association"))
            .findFirst()
            .orElseThrow();
    var lines = TextWrap.command(command, 60, "      ");

    assertThat(lines).hasSizeGreaterThan(1);
    assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).endsWith(" \\"));
    String pasted = String.join("\n", lines).replace(" \\\n      ", " ");
    assertThat(pasted).isEqualTo(command);
  }

  @Test
  void textFitsANarrowTerminalExceptForUnbreakableWords() {
    StringWriter out = new StringWriter();
    new TextReport(false, true, 60).render(crossAz, new PrintWriter(out));
    for (String line : out.toString().split("\n")) {
      if (line.length() <= 60) continue;
      // a quoted argument or a single long token is never split
      assertThat(line).as(line).containsAnyOf("'", "\"");
    }
    assertThat(out.toString()).contains(" \\\n");
  }

  @Test
  void aWrappedCommandIsTheSameCommandToTheShell() throws Exception {
    String command =
        crossAz.findings().stream()
                .flatMap(f -> f.remediation().commands().stream())
                .filter(c -> c.contains("replace-route-table-association"))
                .findFirst()
                .orElseThrow()
            // a quoted argument with spaces, as a --query or a policy document has
            + " --query 'Associations[0].{id: AssociationId, table: RouteTableId}'";
    String wrapped = String.join("\n", TextWrap.command(command, 50, "      "));
    assertThat(wrapped.lines().count()).isGreaterThan(2);

    // bash splits both into the same words: the wrapped text pastes and runs as one command
    assertThat(shellWords(wrapped)).isEqualTo(shellWords(command));
    assertThat(shellWords(command))
        .contains("Associations[0].{id: AssociationId, table: RouteTableId}");
  }

  private static java.util.List<String> shellWords(String command) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", "set -- " + command + "\nprintf '%s\\0' \"$@\"")
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return java.util.List.of(out.split("\0"));
  }

  @Test
  void theSummaryIsOneRowPerProblemMostSevereFirstWithinTheWidth() {
    StringWriter out = new StringWriter();
    new TextReport(false, false, 80).summary(crossAz, new PrintWriter(out));
    java.util.List<String> lines = out.toString().lines().toList();

    assertThat(lines.get(0)).startsWith("SEVERITY  CHECK").contains("RESOURCE", "TITLE");
    long problems = crossAz.findings().stream().filter(f -> f.status() != Status.PASS).count();
    assertThat(lines).hasSize((int) problems + 1);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(1)).startsWith("HIGH").contains("ROUTE-CROSS-AZ-NAT");
    assertThat(out.toString()).doesNotContain("Score:", "$ aws");
  }

  @Test
  void markdownOpensWithAProblemsTableShortEnoughForAChat() {
    StringWriter out = new StringWriter();
    new MarkdownReport(java.time.Clock.systemUTC(), false).render(crossAz, new PrintWriter(out));
    String md = out.toString();
    String opening = md.substring(0, md.indexOf("\n## "));

    assertThat(opening)
        .contains("| Severity | Check | Resource |", "| HIGH | `ROUTE-CROSS-AZ-NAT` |");
    assertThat(opening.lines().filter(l -> l.startsWith("| ")).count())
        .isLessThanOrEqualTo(8 + MarkdownReport.SUMMARY_ROWS + 1);
  }

  @Test
  void colourIsOnlyUsedWhenAsked() {
    assertThat(text(diagnosis, false, true)).doesNotContain("\u001b[");
    assertThat(text(diagnosis, true, true)).contains("\u001b[1;31mCRITICAL");
  }

  @Test
  void passedFindingsAreListedOnRequest() {
    assertThat(text(diagnosis, false, true))
        .contains("PASS     ROUTE-CROSS-AZ-NAT  subnet subnet-private-a");
  }

  @Test
  void jsonFollowsTheReportSchema() throws Exception {
    StringWriter out = new StringWriter();
    new JsonReport(CheckRunner.CLOCK, false).render(diagnosis, out);
    JsonNode json = SnapshotJson.mapper().readTree(out.toString());

    assertThat(json.get("schema").asText()).isEqualTo("fargate-doctor/report/v1");
    assertThat(json.get("account").asText()).isEqualTo("123456789012");
    assertThat(json.get("regions").get(0).asText()).isEqualTo("us-east-1");
    assertThat(json.get("generatedAt").asText()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(json.get("coverage").isArray()).isTrue();
    JsonNode f = json.get("findings").get(0);
    assertThat(f.get("checkId").asText()).isEqualTo("EXEC-ROLE-TRUST");
    assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(f.get("status").asText()).isEqualTo("FAIL");
    assertThat(f.get("law").asText()).isEqualTo("won't start");
    assertThat(f.get("resource").get("arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/api-execution");
    assertThat(f.get("evidence").get("services").get(0).asText()).isEqualTo("api");
    assertThat(f.get("remediation").get("commands").get(0).asText())
        .startsWith("aws iam update-assume-role-policy");
    // passed findings are left out
    assertThat(json.get("findings")).extracting(x -> x.get("status").asText()).containsOnly("FAIL");
    assertThat(json.get("summary").get("byStatus").get("FAIL").asInt()).isEqualTo(1);
    assertThat(json.get("summary").get("problemsBySeverity").get("CRITICAL").asInt()).isEqualTo(1);
  }
}
