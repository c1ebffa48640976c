package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.cli.demo.DemoOrganisation;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --org}: the organisation report in every format, its exit code, and the same
 * organisation read back offline from the snapshot directory it writes.
 */
class DemoOrganisationTest {

  @Test
  void theJsonReportOpensWithTheOrganisationAndFollowsItsSchema() throws Exception {
    Run run = Run.of("demo", "--org", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(JsonSchemas.problems("org-report.schema.json", run.out())).isEmpty();
    JsonNode report = SnapshotJson.mapper().readTree(run.out());
    JsonNode summary = report.path("summary");
    assertThat(summary.path("accounts").asInt()).isEqualTo(5);
    assertThat(summary.path("accountsScanned").asInt()).isEqualTo(4);
    assertThat(summary.path("scoredBy").asText()).isEqualTo("111122223333");
    // closest to its ENI quota first: production at 92 %, then payments at 85 %
    assertThat(summary.path("capacity").get(0).path("networkInterfacePercent").asDouble())
        .isEqualTo(92.3);
    assertThat(summary.path("capacity").get(1).path("account").asText())
        .isEqualTo(DemoOrganisation.PAYMENTS);
    assertThat(summary.path("capacity").get(1).path("networkInterfacePercent").asDouble())
        .isEqualTo(85.0);

    Map<String, JsonNode> accounts = new HashMap<>();
    report.path("accounts").forEach(a -> accounts.put(a.path("account").asText(), a));
    JsonNode analytics = accounts.get(DemoOrganisation.ANALYTICS);
    assertThat(analytics.path("scanned").asBoolean()).isFalse();
    assertThat(analytics.path("report").isNull()).isTrue();
    assertThat(analytics.path("notScanned").get(0).path("action").asText())
        .isEqualTo("sts:AssumeRole");

    JsonNode payments = accounts.get(DemoOrganisation.PAYMENTS).path("report");
    JsonNode quota = null;
    for (JsonNode f : payments.path("findings")) {
      if (f.path("checkId").asText().equals("ENI-QUOTA")) quota = f;
    }
    assertThat(quota).isNotNull();
    assertThat(quota.path("account").asText()).isEqualTo(DemoOrganisation.PAYMENTS);
    assertThat(quota.path("severity").asText()).isEqualTo("MEDIUM");
    // the same check on another account is another finding
    String productionQuota = null;
    for (JsonNode f : accounts.get("111122223333").path("report").path("findings")) {
      if (f.path("checkId").asText().equals("ENI-QUOTA"))
        productionQuota = f.path("fingerprint").asText();
    }
    assertThat(productionQuota).isNotNull().isNotEqualTo(quota.path("fingerprint").asText());
  }

  @Test
  void checksAndMinimumSeverityChooseWhatAnOrganisationScanRunsAndReports(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");

    for (Run run :
        List.of(
            Run.of("demo", "--org", "--checks", "SUBNET-IPS,ENI-QUOTA", "-o", "json"),
            Run.of(
                "scan",
                "--snapshot-dir",
                org.toString(),
                "--checks",
                "SUBNET-IPS,ENI-QUOTA",
                "-o",
                "json"))) {
      JsonNode report = SnapshotJson.mapper().readTree(run.out());
      List<String> checks = new java.util.ArrayList<>();
      report
          .path("accounts")
          .forEach(
              a ->
                  a.path("report")
                      .path("findings")
                      .forEach(f -> checks.add(f.path("checkId").asText())));
      assertThat(checks).isNotEmpty().containsOnly("SUBNET-IPS", "ENI-QUOTA");
      // the shared subnet is still judged on every account's view
      assertThat(checks).contains("SUBNET-IPS");
    }

    JsonNode high =
        SnapshotJson.mapper()
            .readTree(Run.of("demo", "--org", "--min-severity", "high", "-o", "json").out());
    List<String> severities = new java.util.ArrayList<>();
    high.path("accounts")
        .forEach(
            a ->
                a.path("report")
                    .path("findings")
                    .forEach(f -> severities.add(f.path("severity").asText())));
    assertThat(severities).isNotEmpty().containsOnly("CRITICAL", "HIGH");
    assertThat(JsonSchemas.problems("org-report.schema.json", high)).isEmpty();
  }

  @Test
  void theSharedSubnetCountsTheTasksOfEveryAccountThatUsesIt() throws Exception {
    JsonNode report =
        SnapshotJson.mapper().readTree(Run.of("demo", "--org", "--output", "json").out());
    JsonNode shared = report.path("summary").path("sharedSubnets");

    // shared-a: 53 free; network's proxy +10, payments' ledger +40, orders' api +10: 7 short.
    JsonNode a = shared.get(0);
    assertThat(a.path("subnetId").asText()).isEqualTo("subnet-0shareda");
    assertThat(a.path("owner").asText()).isEqualTo(DemoOrganisation.NETWORK);
    assertThat(a.path("status").asText()).isEqualTo("FAIL");
    assertThat(a.path("newIpsAtPeak").asInt()).isEqualTo(60);
    assertThat(a.path("freeIpsLeftAtPeak").asInt()).isEqualTo(-7);
    assertThat(a.path("accounts").findValuesAsText("account"))
        .containsExactly(
            DemoOrganisation.ORDERS, DemoOrganisation.NETWORK, DemoOrganisation.PAYMENTS);
    assertThat(a.path("accounts").findValues("interfaces").stream().map(JsonNode::asInt))
        .containsExactly(20, 10, 40);
    // shared-b: analytics' 12 interfaces, seen only by the owner, are bounded, not ignored.
    JsonNode b = shared.get(1);
    assertThat(b.path("status").asText()).isEqualTo("PASS");
    assertThat(b.path("unseenAddresses").asInt()).isEqualTo(12);
    assertThat(b.path("title").asText()).contains("even if the 12 addresses");

    // Each participant's own SUBNET-IPS finding is the organisation's verdict, not its own view's.
    for (JsonNode account : report.path("accounts")) {
      if (!account.path("account").asText().equals(DemoOrganisation.PAYMENTS)) continue;
      JsonNode finding = null;
      for (JsonNode f : account.path("report").path("findings"))
        if (f.path("checkId").asText().equals("SUBNET-IPS")
            && f.path("resource").path("id").asText().equals("subnet-0shareda")) finding = f;
      assertThat(finding).isNotNull();
      assertThat(finding.path("status").asText()).isEqualTo("FAIL");
      assertThat(finding.path("title").asText()).contains("the peak of the tasks of 3 accounts");
    }
  }

  @Test
  void aParticipantScannedAloneSaysItsViewOfTheSharedSubnetIsPartial(@TempDir Path dir) {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");

    Run alone =
        Run.of(
            "scan",
            "--snapshot",
            org.resolve(DemoOrganisation.PAYMENTS).resolve("us-east-1.json.gz").toString(),
            "--no-color");

    assertThat(alone.exitCode()).as(alone.out()).isEqualTo(4);
    assertThat(alone.out())
        .contains("UNKNOWN  SUBNET-IPS  subnet subnet-0shareda")
        .contains("owned by " + DemoOrganisation.NETWORK)
        .contains("30 addresses are held by accounts whose deployments this scan cannot see")
        .contains("--accounts " + DemoOrganisation.NETWORK + "," + DemoOrganisation.PAYMENTS)
        // nor can it see the flow logs of the shared VPC: only the owner's scan can tell
        .contains("UNKNOWN  FLOWLOGS-MISSING  vpc vpc-0shared")
        .contains("vpc-0shared is shared with this account by " + DemoOrganisation.NETWORK);
  }

  private static JsonNode finding(JsonNode report, String account, String checkId, String id) {
    for (JsonNode a : report.path("accounts")) {
      if (!a.path("account").asText().equals(account)) continue;
      for (JsonNode f : a.path("report").path("findings"))
        if (f.path("checkId").asText().equals(checkId)
            && f.path("resource").path("id").asText().equals(id)) return f;
    }
    throw new AssertionError(checkId + " on " + id + " not in the report of " + account);
  }

  @Test
  void aParticipantsFlowLogsAreJudgedWithTheOwnersViewOfTheSharedVpc() throws Exception {
    JsonNode report =
        SnapshotJson.mapper().readTree(Run.of("demo", "--org", "--output", "json").out());
    String ownerArn = "arn:aws:logs:us-east-1:" + DemoOrganisation.NETWORK + ":log-group:";

    for (String participant : List.of(DemoOrganisation.PAYMENTS, DemoOrganisation.ORDERS)) {
      JsonNode f = finding(report, participant, "FLOWLOGS-MISSING", "vpc-0shared");
      assertThat(f.path("status").asText()).isEqualTo("FAIL");
      assertThat(f.path("account").asText()).isEqualTo(participant);
      assertThat(f.path("title").asText())
          .isEqualTo(
              "no flow log records the traffic of vpc-0shared (owned by "
                  + DemoOrganisation.NETWORK
                  + ")");
      assertThat(
              f.path("evidence")
                  .path("flow logs as the owner " + DemoOrganisation.NETWORK + " sees them")
                  .asText())
          .isEqualTo("none");
      assertThat(f.path("remediation").path("text").asText())
          .contains("run these commands in the owner's account, " + DemoOrganisation.NETWORK);
      String commands = f.path("remediation").path("commands").toString();
      assertThat(commands)
          .contains(ownerArn)
          .contains("aws:SourceAccount\\\":\\\"" + DemoOrganisation.NETWORK)
          .doesNotContain(participant);
    }
    // The owner's own verdict is its own scan's.
    assertThat(
            finding(report, DemoOrganisation.NETWORK, "FLOWLOGS-MISSING", "vpc-0shared")
                .path("title")
                .asText())
        .isEqualTo("no flow log records the traffic of vpc-0shared");
  }

  @Test
  void theOwnersFlowLogCreatedAsPrintedClearsTheParticipantsFinding(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run demo = Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    JsonNode before =
        finding(
            SnapshotJson.mapper().readTree(demo.out()),
            DemoOrganisation.PAYMENTS,
            "FLOWLOGS-MISSING",
            "vpc-0shared");
    assertThat(before.path("status").asText()).isEqualTo("FAIL");
    String create = null;
    for (JsonNode c : before.path("remediation").path("commands"))
      if (c.asText().startsWith("aws ec2 create-flow-logs")) create = c.asText();
    assertThat(create).isNotNull();

    // The flow log that command creates in the owner's account, as its next scan reads it.
    Path owner = org.resolve(DemoOrganisation.NETWORK).resolve("us-east-1.json.gz");
    ObjectNode snapshot;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(owner))) {
      snapshot = (ObjectNode) SnapshotJson.mapper().readTree(in);
    }
    ((ObjectNode) snapshot.path("regions").get(0).path("ec2"))
        .withArray("flowLogs")
        .addObject()
        .put("FlowLogId", "fl-0new")
        .put("ResourceId", option(create, "--resource-ids"))
        .put("TrafficType", option(create, "--traffic-type"))
        .put("LogDestinationType", option(create, "--log-destination-type"))
        .put("LogGroupName", option(create, "--log-group-name"))
        .put("FlowLogStatus", "ACTIVE")
        .put("DeliverLogsStatus", "SUCCESS");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(owner))) {
      SnapshotJson.mapper().writeValue(out, snapshot);
    }

    JsonNode after =
        SnapshotJson.mapper()
            .readTree(
                Run.of("scan", "--snapshot-dir", org.toString(), "--include-passed", "-o", "json")
                    .out());
    for (String account :
        List.of(DemoOrganisation.NETWORK, DemoOrganisation.PAYMENTS, DemoOrganisation.ORDERS)) {
      assertThat(finding(after, account, "FLOWLOGS-MISSING", "vpc-0shared").path("status").asText())
          .as(account)
          .isEqualTo("PASS");
    }
  }

  private static String option(String command, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name) + " (\\S+)")
            .matcher(command);
    assertThat(m.find()).as(name + " in " + command).isTrue();
    return m.group(1);
  }

  @Test
  void textMarkdownAndHtmlOpenWithTheSummaryThenEachAccount() {
    Run text = Run.of("demo", "--org", "--no-color");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .startsWith("Fargate Doctor — organisation 5 accounts (4 scanned)")
        .contains("777788889999   us-east-1                 850 / 1000  85.0 %")
        .contains("999900001111  denied sts:AssumeRole")
        .contains("━━ account 777788889999 (payments) ━━")
        .contains("Shared subnets (every scanned account's tasks at their peak)")
        .contains("777788889999 (payments): 40 interfaces · payments/ledger 40 -> 80");
    assertThat(text.out().indexOf("Quotas by account"))
        .isLessThan(text.out().indexOf("━━ account"));

    Run markdown = Run.of("demo", "--org", "-o", "markdown");
    assertThat(markdown.out())
        .startsWith("# Fargate Doctor organisation report")
        .contains("| 777788889999 | us-east-1 | 850 | 1000 | 85.0 % |")
        .contains("## Account 777788889999 (payments)")
        .contains("## Shared subnets")
        .doesNotContain("\n# Fargate Doctor report");

    Run html = Run.of("demo", "--org", "-o", "html");
    assertThat(html.out())
        .contains("Content-Security-Policy")
        .doesNotContain("<script")
        .contains("<h2>Account 777788889999 (payments)</h2>")
        .contains("<code>sts:AssumeRole</code>")
        .contains("<h2>Shared subnets</h2>");
  }

  @Test
  void theSnapshotDirectoryItWritesScansOfflineToTheSameOrganisation(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run demo = Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    assertThat(demo.exitCode()).as(demo.err()).isEqualTo(1);
    assertThat(org.resolve(DemoOrganisation.PAYMENTS).resolve("us-east-1.json.gz")).exists();
    assertThat(org.resolve(DemoOrganisation.ANALYTICS).resolve("account.json")).exists();
    assertThat(Files.exists(org.resolve(DemoOrganisation.ANALYTICS).resolve("us-east-1.json.gz")))
        .isFalse();

    Run offline = Run.of("scan", "--snapshot-dir", org.toString(), "-o", "json");
    assertThat(offline.exitCode()).as(offline.err()).isEqualTo(1);
    ObjectNode before = (ObjectNode) SnapshotJson.mapper().readTree(demo.out());
    ObjectNode after = (ObjectNode) SnapshotJson.mapper().readTree(offline.out());
    assertThat(after.path("summary")).isEqualTo(before.path("summary"));
    assertThat(after.path("accounts").size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(after.path("accounts").get(i).path("report").path("findings"))
          .isEqualTo(before.path("accounts").get(i).path("report").path("findings"));
    }
  }

  @Test
  void aGateOnAnOrganisationWithAnUnscannedAccountIsNotGreen(@TempDir Path dir) throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    // without the production account, nothing fails at critical, but analytics was not scanned
    try (var files = Files.walk(org.resolve("111122223333"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    Run gate = Run.of("scan", "--snapshot-dir", org.toString(), "--fail-on", "critical");
    assertThat(gate.exitCode()).as(gate.out()).isEqualTo(4);
    assertThat(gate.err()).contains("1 account(s) or Region(s) could not be scanned");

    Run allowed =
        Run.of(
            "scan",
            "--snapshot-dir",
            org.toString(),
            "--fail-on",
            "critical",
            "--allow-incomplete");
    assertThat(allowed.exitCode()).isZero();

    Run medium = Run.of("scan", "--snapshot-dir", org.toString(), "--fail-on", "medium");
    assertThat(medium.exitCode()).isEqualTo(1); // payments' ENI quota at 85 %
  }

  @Test
  void aSharedSubnetSplitBetweenMergedShardsIsUnknownNotJudgedOnHalf(@TempDir Path dir)
      throws Exception {
    Path a = dir.resolve("a");
    Run.of("demo", "--org", "--snapshot-dir", a.toString(), "-o", "json");
    Path b = dir.resolve("b");
    Files.createDirectories(b);
    Files.move(a.resolve(DemoOrganisation.PAYMENTS), b.resolve(DemoOrganisation.PAYMENTS));
    Path first = dir.resolve("a.json");
    Path second = dir.resolve("b.json");
    Files.writeString(first, Run.of("scan", "--snapshot-dir", a.toString(), "-o", "json").out());
    Files.writeString(second, Run.of("scan", "--snapshot-dir", b.toString(), "-o", "json").out());

    Run merged = Run.of("report", "merge", first.toString(), second.toString());

    assertThat(JsonSchemas.problems("org-report.schema.json", merged.out())).isEmpty();
    JsonNode shared = SnapshotJson.mapper().readTree(merged.out()).path("summary");
    JsonNode sharedA = shared.path("sharedSubnets").get(0);
    assertThat(sharedA.path("subnetId").asText()).isEqualTo("subnet-0shareda");
    assertThat(sharedA.path("status").asText()).isEqualTo("UNKNOWN");
    assertThat(sharedA.path("title").asText()).contains("scan --snapshot-dir A --snapshot-dir B");
    // read together, the snapshot directories judge it whole again
    Run together =
        Run.of(
            "scan", "--snapshot-dir", a.toString(), "--snapshot-dir", b.toString(), "-o", "json");
    assertThat(
            SnapshotJson.mapper()
                .readTree(together.out())
                .path("summary")
                .path("sharedSubnets")
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("FAIL");
  }

  @Test
  void anAccountInTwoDirectoriesIsBadInputNamingBoth(@TempDir Path dir) {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Run.of("demo", "--org", "--snapshot-dir", a.toString(), "-o", "json");
    Run.of("demo", "--org", "--snapshot-dir", b.toString(), "-o", "json");

    Run run = Run.of("scan", "--snapshot-dir", a.toString(), "--snapshot-dir", b.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is also in " + a.resolve("111122223333"));
  }

  @Test
  void anAccountNameFromAFileIsDataInEveryFormat(@TempDir Path dir) throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    Path manifest = org.resolve(DemoOrganisation.PAYMENTS).resolve("account.json");
    ObjectNode m = (ObjectNode) SnapshotJson.mapper().readTree(manifest.toFile());
    m.put("name", "pay\u001b[2J|<img src=x>\u202e");
    Files.writeString(manifest, m.toString());

    Run text = Run.of("scan", "--snapshot-dir", org.toString(), "--no-color");
    assertThat(text.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u202e")
        .contains("pay\\x1b[2J");
    Run markdown = Run.of("scan", "--snapshot-dir", org.toString(), "-o", "markdown");
    assertThat(markdown.out()).doesNotContain("\u001b").doesNotContain("<img").doesNotContain("|<");
    Run html = Run.of("scan", "--snapshot-dir", org.toString(), "-o", "html");
    assertThat(html.out()).doesNotContain("\u001b").doesNotContain("<img").contains("&lt;img");
  }

  @Test
  void reportMergeOfTwoShardsGivesTheOrganisationsSummary(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Run whole = Run.of("demo", "--org", "--snapshot-dir", a.toString(), "-o", "json");
    Path b = dir.resolve("b");
    Files.createDirectories(b);
    // The shared VPC's accounts stay in one shard, so its judgement is the whole organisation's.
    for (String moved : java.util.List.of("111122223333", DemoOrganisation.ANALYTICS)) {
      Files.move(a.resolve(moved), b.resolve(moved));
    }
    Path first = dir.resolve("a.json");
    Path second = dir.resolve("b.json");
    Files.writeString(first, Run.of("scan", "--snapshot-dir", a.toString(), "-o", "json").out());
    Files.writeString(second, Run.of("scan", "--snapshot-dir", b.toString(), "-o", "json").out());

    Run merged = Run.of("report", "merge", first.toString(), second.toString());
    assertThat(merged.exitCode()).as(merged.err()).isZero();
    assertThat(JsonSchemas.problems("org-report.schema.json", merged.out())).isEmpty();
    JsonNode summary = SnapshotJson.mapper().readTree(merged.out()).path("summary");
    ObjectNode expected = (ObjectNode) SnapshotJson.mapper().readTree(whole.out()).path("summary");
    assertThat(summary).isEqualTo(expected);

    Run twice = Run.of("report", "merge", first.toString(), first.toString());
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("is also in " + first);

    Path single = dir.resolve("single.json");
    Files.writeString(single, Run.of("demo", "-o", "json").out());
    Run mixed = Run.of("report", "merge", single.toString(), first.toString());
    assertThat(mixed.exitCode()).as(mixed.err()).isZero();
    assertThat(JsonSchemas.problems("org-report.schema.json", mixed.out())).isEmpty();
    assertThat(SnapshotJson.mapper().readTree(mixed.out()).path("summary").path("accounts").asInt())
        .isEqualTo(4);

    Run notAReport = Run.of("report", "merge", b.resolve("111122223333/account.json").toString());
    assertThat(notAReport.exitCode()).isEqualTo(2);
    assertThat(notAReport.err()).contains("not a Fargate Doctor report");
  }
}
