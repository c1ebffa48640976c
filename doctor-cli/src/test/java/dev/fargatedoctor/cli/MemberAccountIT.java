package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoOrganisation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account options of triage, watch, preflight and alarms, run through the real command line
 * against moto's organisation: a member account that runs the service "api" (the management account
 * runs none), and a member whose role is refused. moto lets any role be assumed, so a loopback
 * front answers AssumeRole into the refused member, and into the management account itself (whose
 * own credentials must be used, never a role), with STS's AccessDenied.
 */
@ExtendWith(MotoExtension.class)
class MemberAccountIT {
  private static final String DENIED =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
          + "</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole"
          + "</Message></Error><RequestId>1</RequestId></ErrorResponse>";

  private static String member;
  private static String refused;
  private static LoopbackHttp front;

  @BeforeAll
  static void organisation(MotoEnvironment management) throws Exception {
    MotoOrganisation org = new MotoOrganisation(management.endpoint()).create();
    member = org.createAccount("payments");
    refused = org.createAccount("locked");
    try (MotoEnvironment env = org.member(member, "us-east-1")) {
      String vpc = env.vpc("10.7.0.0/16");
      String a = env.subnet(vpc, "10.7.1.0/24", "us-east-1a");
      String b = env.subnet(vpc, "10.7.2.0/28", "us-east-1b");
      String exec =
          env.role("api-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      env.service(
          env.cluster("payments"),
          "api",
          env.taskDefinition("api", exec, exec),
          List.of(a, b),
          List.of(env.securityGroup(vpc, "api")),
          2);
    }
    front =
        LoopbackHttp.start()
            .forwardTo(management.endpoint())
            .answerWhen(
                body ->
                    body.contains("Action=AssumeRole")
                        && (body.contains(refused) || body.contains(MotoEnvironment.ACCOUNT)),
                new LoopbackHttp.Answer(403, "text/xml", DENIED, Map.of()));
  }

  @AfterAll
  static void close() {
    if (front != null) front.close();
  }

  private static Run live(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint-url", front.url("").toString(), "--region", "us-east-1"));
    return Run.live(new ApiCallRecorder(), all.toArray(String[]::new));
  }

  @Test
  void triageOfOneServiceRunsInTheMemberAccountItAssumesInto() throws Exception {
    Run here = live("triage", "wont-start", "--service", "api", "-o", "json");
    assertThat(here.exitCode()).as("the management account runs no api").isEqualTo(2);

    Run there = live("triage", "wont-start", "--service", "api", "-o", "json", "--account", member);
    assertThat(there.exitCode()).as(there.err()).isIn(0, 1, 4);
    JsonNode triage = SnapshotJson.mapper().readTree(there.out());
    assertThat(triage.path("service").asText()).contains("api");
  }

  @Test
  void aRefusedRoleStopsTheCommandNamingTheRoleAndThePermission() {
    Run run = live("triage", "wont-start", "--account", refused, "--external-id", "ops-7");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("arn:aws:iam::" + refused + ":role/OrganizationAccountAccessRole")
        .contains("sts:AssumeRole")
        .contains("with this --external-id")
        .doesNotContain("\tat ");
  }

  @Test
  void theCallersOwnAccountKeepsItsOwnCredentials() throws Exception {
    Run run = live("scan", "--account", MotoEnvironment.ACCOUNT, "--output", "json");
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 4);
    assertThat(SnapshotJson.mapper().readTree(run.out()).path("account").asText())
        .isEqualTo(MotoEnvironment.ACCOUNT);
  }

  @Test
  void watchFollowsTheMemberAccount(@TempDir Path state) {
    Run run =
        live(
            "watch",
            "--account",
            member,
            "--cycles",
            "1",
            "--interval",
            "30s",
            "--state-dir",
            state.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(SnapshotFiles.read(state.resolve("previous-snapshot.json.gz")).accountId())
        .isEqualTo(member);
  }

  @Test
  void preflightPlansEachAccountOnItsOwnForTheServicesItRuns() throws Exception {
    String accounts = String.join(",", MotoEnvironment.ACCOUNT, member, refused);
    Run run = live("preflight", "--accounts", accounts, "--scale", "api=10x", "--output", "json");

    // the member's /28 cannot take its share of 40 tasks at the deployment's peak
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode plan = SnapshotJson.mapper().readTree(run.out());
    assertThat(plan.path("schema").asText()).isEqualTo("fargate-doctor/preflight-org/v1");
    assertThat(plan.path("fits").asBoolean()).isFalse();
    Map<String, JsonNode> byAccount = new java.util.HashMap<>();
    plan.path("accounts").forEach(a -> byAccount.put(a.path("account").asText(), a));
    assertThat(byAccount.get(MotoEnvironment.ACCOUNT).path("status").asText())
        .isEqualTo("NO_PLANNED_SERVICE");
    assertThat(byAccount.get(refused).path("status").asText()).isEqualTo("NOT_SCANNED");
    assertThat(byAccount.get(refused).path("notScanned").get(0).path("action").asText())
        .isEqualTo("sts:AssumeRole");
    JsonNode mine = byAccount.get(member).path("preflight");
    assertThat(mine.path("account").asText()).isEqualTo(member);
    assertThat(mine.path("regions").get(0).path("resources").toString()).contains("DOES_NOT_FIT");

    Run nowhere = live("preflight", "--accounts", MotoEnvironment.ACCOUNT, "--scale", "api=2x");
    assertThat(nowhere.exitCode()).isEqualTo(2);
    assertThat(nowhere.err()).contains("--scale api=2x: no scanned account runs api");
  }

  @Test
  void alarmsAreOneTemplatePerAccountAndRegionAndAnUnreadAccountIsNamed(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("alarms");
    Run run =
        live(
            "alarms",
            "--accounts",
            member + "," + refused,
            "--format",
            "cloudformation",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    Path template = out.resolve(member).resolve("us-east-1").resolve("alarms.json");
    assertThat(run.out()).contains(template.toString());
    JsonNode stack = SnapshotJson.mapper().readTree(template.toFile());
    assertThat(stack.path("Resources").toString()).contains("AWS::CloudWatch::Alarm");
    assertThat(out.resolve(refused)).doesNotExist();
    assertThat(run.err()).contains("no alarms for account " + refused).contains("sts:AssumeRole");

    Run allowed =
        live(
            "alarms",
            "--accounts",
            member + "," + refused,
            "--format",
            "terraform",
            "--out",
            out.toString(),
            "--allow-incomplete");
    assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(0);
    assertThat(out.resolve(member).resolve("us-east-1").resolve("alarms.tf")).exists();
  }
}
