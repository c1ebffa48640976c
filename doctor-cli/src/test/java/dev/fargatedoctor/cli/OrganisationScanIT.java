package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.JsonSchemas;
import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoOrganisation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organisation of 21 accounts (the management account and 20 members, each with its own network
 * interfaces in two Regions) scanned in one run through moto's Organizations and assume-role. One
 * member refuses the role: moto lets any role be assumed ("the role does not need to exist"), so a
 * loopback front answers that account's AssumeRole with STS's AccessDenied and passes the rest on.
 */
@ExtendWith(MotoExtension.class)
class OrganisationScanIT {
  private static final String DENIED =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
          + "</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/scanner"
          + " is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>1"
          + "</RequestId></ErrorResponse>";

  private static final List<String> MEMBERS = new ArrayList<>();
  private static final Map<String, Integer> EAST = new HashMap<>();
  private static final Map<String, Integer> WEST = new HashMap<>();
  private static String refused;
  private static LoopbackHttp front;

  @BeforeAll
  static void organisation(MotoEnvironment management) throws Exception {
    MotoOrganisation org = new MotoOrganisation(management.endpoint()).create();
    for (int i = 1; i <= 20; i++) MEMBERS.add(org.createAccount("team" + i));
    for (int i = 0; i < MEMBERS.size(); i++) {
      String account = MEMBERS.get(i);
      // each account's own count per Region, so a mix-up between accounts shows
      EAST.put(account, i + 1);
      WEST.put(account, 20 - i);
      populate(org, account, "us-east-1", "us-east-1a", i + 1);
      populate(org, account, "eu-west-1", "eu-west-1a", 20 - i);
    }
    refused = MEMBERS.get(7);
    front =
        LoopbackHttp.start()
            .forwardTo(management.endpoint())
            .answerWhen(
                body -> body.contains("Action=AssumeRole") && body.contains(refused),
                new LoopbackHttp.Answer(403, "text/xml", DENIED, Map.of()));
  }

  private static void populate(
      MotoOrganisation org, String account, String region, String az, int interfaces)
      throws Exception {
    try (MotoEnvironment env = org.member(account, region)) {
      String vpc = env.vpc("10.1.0.0/16");
      String subnet = env.subnet(vpc, "10.1.1.0/24", az);
      env.networkInterfaces(subnet, interfaces, n -> "app " + n);
      env.cluster("team");
    }
  }

  @AfterAll
  static void close() {
    if (front != null) front.close();
  }

  @Test
  void everyAccountIsScannedInBothRegionsAndTheRefusedRoleIsUnknownNotSkipped(@TempDir Path dir)
      throws Exception {
    Path snapshots = dir.resolve("org");
    ApiCallRecorder recorder = new ApiCallRecorder();
    Run run =
        Run.live(
            recorder,
            "scan",
            "--org",
            "--endpoint-url",
            front.url("").toString(),
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "--snapshot-dir",
            snapshots.toString(),
            "--output",
            "json");

    // the refused account is UNKNOWN: the gate does not pass on it
    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).contains("1 account(s) or Region(s) could not be scanned");
    assertThat(JsonSchemas.problems("org-report.schema.json", run.out())).isEmpty();
    JsonNode report = SnapshotJson.mapper().readTree(run.out());
    assertOrganisation(report);
    // the hand-signed ListAccounts is counted with the SDK's calls (one page of 21 accounts)
    assertThat(recorder.calls()).containsEntry("organizations:ListAccounts", 1);

    // one snapshot per account and Region, and a manifest per account
    try (Stream<Path> files = Files.walk(snapshots)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json.gz")).count()).isEqualTo(40);
    }
    assertThat(snapshots.resolve(refused).resolve("account.json")).exists();

    // offline, the directory gives the same organisation
    Run offline = Run.of("scan", "--snapshot-dir", snapshots.toString(), "--output", "json");
    assertThat(offline.exitCode()).as(offline.err()).isEqualTo(4);
    assertThat(JsonSchemas.problems("org-report.schema.json", offline.out())).isEmpty();
    assertOrganisation(SnapshotJson.mapper().readTree(offline.out()));
  }

  private static void assertOrganisation(JsonNode report) {
    assertThat(report.path("summary").path("accounts").asInt()).isEqualTo(21);
    assertThat(report.path("summary").path("accountsScanned").asInt()).isEqualTo(20);
    Map<String, JsonNode> accounts = new HashMap<>();
    report.path("accounts").forEach(a -> accounts.put(a.path("account").asText(), a));
    assertThat(accounts).containsKeys(MEMBERS.toArray(String[]::new));
    assertThat(accounts).containsKey(MotoEnvironment.ACCOUNT);

    JsonNode denied = accounts.get(refused);
    assertThat(denied.path("scanned").asBoolean()).isFalse();
    JsonNode gap = denied.path("notScanned").get(0);
    assertThat(gap.path("action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(gap.path("outcome").asText()).isEqualTo("DENIED");
    assertThat(gap.path("resource").asText())
        .isEqualTo("arn:aws:iam::" + refused + ":role/OrganizationAccountAccessRole");
    assertThat(gap.path("message").asText()).contains("account " + refused);

    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode row : report.path("summary").path("capacity")) {
      seen.put(
          row.path("account").asText() + "/" + row.path("region").asText(),
          row.path("networkInterfaces").asInt());
    }
    for (String member : MEMBERS) {
      if (member.equals(refused)) {
        assertThat(seen).doesNotContainKey(member + "/us-east-1");
        continue;
      }
      assertThat(seen).containsEntry(member + "/us-east-1", EAST.get(member));
      assertThat(seen).containsEntry(member + "/eu-west-1", WEST.get(member));
      JsonNode section = accounts.get(member).path("report");
      assertThat(section.path("account").asText()).isEqualTo(member);
      section
          .path("findings")
          .forEach(f -> assertThat(f.path("account").asText()).isEqualTo(member));
    }
    assertThat(seen).containsEntry(MotoEnvironment.ACCOUNT + "/us-east-1", 0);
  }

  @Test
  void chosenAccountsExcludesAndAllowIncomplete() {
    String other = MEMBERS.get(0);
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--accounts",
            refused + "," + other + "," + MEMBERS.get(1),
            "--exclude-accounts",
            MEMBERS.get(1),
            "--endpoint-url",
            front.url("").toString(),
            "--region",
            "us-east-1",
            "--allow-incomplete");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("2 accounts (1 scanned)")
        .contains("━━ account " + other)
        .doesNotContain(MEMBERS.get(1))
        .contains("sts:AssumeRole")
        .contains("arn:aws:iam::" + refused + ":role/OrganizationAccountAccessRole");
  }

  @Test
  void aRegionNotEnabledInTheAccountIsSaidNotScanned() throws Exception {
    String member = MEMBERS.get(2);
    // moto reports ap-east-1 as not-opted-in, as AWS does for a Region launched after 2019
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--accounts",
            member,
            "--endpoint-url",
            front.url("").toString(),
            "--region",
            "us-east-1",
            "--region",
            "ap-east-1",
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    JsonNode account = SnapshotJson.mapper().readTree(run.out()).path("accounts").get(0);
    assertThat(account.path("scanned").asBoolean()).isTrue();
    assertThat(account.path("regions").toString()).contains("us-east-1", "ap-east-1");
    JsonNode gap = account.path("notScanned").get(0);
    assertThat(gap.path("region").asText()).isEqualTo("ap-east-1");
    assertThat(gap.path("action").asText()).isEqualTo("account:EnableRegion");
    assertThat(gap.path("message").asText()).contains("not enabled in account " + member);
  }

  @Test
  void twoShardsCoverTheOrganisationOnceAndReadBackAsOne(@TempDir Path dir) throws Exception {
    List<String> dirs = new ArrayList<>();
    int scanned = 0;
    for (String shard : List.of("1/2", "2/2")) {
      Path out = dir.resolve("shard" + shard.charAt(0));
      dirs.add(out.toString());
      Run run =
          Run.live(
              new ApiCallRecorder(),
              "scan",
              "--org",
              "--shard",
              shard,
              "--endpoint-url",
              front.url("").toString(),
              "--region",
              "us-east-1",
              "--snapshot-dir",
              out.toString(),
              "--output",
              "json",
              "--allow-incomplete");
      assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
      int accounts =
          SnapshotJson.mapper().readTree(run.out()).path("summary").path("accounts").asInt();
      assertThat(accounts).isBetween(1, 20);
      scanned += accounts;
    }
    assertThat(scanned).isEqualTo(21);

    Run merged =
        Run.of("scan", "--snapshot-dir", dirs.get(0), "--snapshot-dir", dirs.get(1), "-o", "json");
    assertThat(merged.exitCode()).as(merged.err()).isEqualTo(4); // the refused account
    JsonNode summary = SnapshotJson.mapper().readTree(merged.out()).path("summary");
    assertThat(summary.path("accounts").asInt()).isEqualTo(21);
    assertThat(summary.path("accountsScanned").asInt()).isEqualTo(20);
  }
}
