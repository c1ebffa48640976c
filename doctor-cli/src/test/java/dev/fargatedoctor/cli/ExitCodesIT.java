package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.LoopbackHttp.Answer;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's table "Exit codes and what you see", row by row, through the real CLI process: one
 * line on stderr that names the fix, the documented exit code, never a stack trace.
 */
@ExtendWith(MotoExtension.class)
class ExitCodesIT {
  private CliProcess cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliProcess();
  }

  private static void oneLine(CliProcess.Result r, int code, String... fragments) {
    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(fragments);
  }

  @Test
  void noCredentialsAtAll() throws Exception {
    CliProcess.Result r = cli.run("scan", "--region", "us-east-1");

    oneLine(
        r,
        3,
        "no AWS credentials found: run `aws configure`, `aws sso login --profile",
        "or set AWS_PROFILE");
  }

  @Test
  void aProfileThatDoesNotExistListsTheProfilesThereAre() throws Exception {
    cli.write(".aws/config", "[profile prod]\nregion = us-east-1\n[profile staging]\n");
    cli.write(".aws/credentials", "[default]\naws_access_key_id = a\naws_secret_access_key = b\n");

    CliProcess.Result r = cli.run("scan", "--profile", "prdo", "--region", "us-east-1");

    oneLine(r, 2, "profile 'prdo'", "default, prod, staging");
  }

  private static final String SSO_CONFIG =
      """
      [profile dev]
      sso_session = corp
      sso_account_id = 230000000001
      sso_role_name = ReadOnly
      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = us-east-1
      """;

  @Test
  void anExpiredSsoSignIn() throws Exception {
    cli.write(".aws/config", SSO_CONFIG);
    cli.write(
        SsoCache.file("corp"),
        "{\"accessToken\": \"old\", \"expiresAt\": \""
            + Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
            + "\", \"region\": \"us-east-1\", \"startUrl\": \"https://corp.awsapps.com/start\"}");

    CliProcess.Result r = cli.run("scan", "--profile", "dev", "--region", "us-east-1");

    oneLine(r, 3, "run `aws sso login --profile dev`");
  }

  @Test
  void aMissingSsoSignIn() throws Exception {
    cli.write(".aws/config", SSO_CONFIG);

    CliProcess.Result r = cli.run("scan", "--profile", "dev", "--region", "us-east-1");

    oneLine(r, 3, "run `aws sso login --profile dev`");
  }

  @Test
  void aFailingCredentialProcessShowsItsExitCodeAndStderr() throws Exception {
    Path script =
        cli.write(
            "bin/corp-login",
            "#!/bin/sh\necho 'corp-login: your session expired, run corp-login --renew' >&2\nexit 7\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    cli.write(".aws/config", "[profile corp]\ncredential_process = " + script + "\n");

    CliProcess.Result r = cli.run("scan", "--profile", "corp", "--region", "us-east-1");

    oneLine(
        r,
        3,
        "credential_process of profile corp failed with exit code 7",
        "your session expired, run corp-login --renew");
  }

  @Test
  void anAssumeRoleThatIsDenied() throws Exception {
    cli.write(
        ".aws/config",
        "[profile scanner]\nrole_arn = arn:aws:iam::230000000002:role/scanner\n"
            + "source_profile = base\nregion = us-east-1\n");
    cli.write(".aws/credentials", "[base]\naws_access_key_id = a\naws_secret_access_key = b\n");
    try (LoopbackHttp sts = LoopbackHttp.start()) {
      sts.answer(
          "POST",
          "/",
          new Answer(
              403,
              "text/xml",
              "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                  + "<Type>Sender</Type><Code>AccessDenied</Code><Message>User: "
                  + "arn:aws:iam::230000000002:user/dev is not authorized to perform: "
                  + "sts:AssumeRole on resource: arn:aws:iam::230000000002:role/scanner"
                  + "</Message></Error><RequestId>1a2b</RequestId></ErrorResponse>",
              Map.of()));
      cli.env("AWS_ENDPOINT_URL_STS", sts.url("").toString());

      CliProcess.Result r = cli.run("scan", "--profile", "scanner", "--region", "us-east-1");

      oneLine(
          r,
          3,
          "arn:aws:iam::230000000002:role/scanner",
          "AccessDenied",
          "not authorized to perform: sts:AssumeRole");
    }
  }

  @Test
  void aWebIdentityTokenThatStsRefuses() throws Exception {
    Path token = cli.write("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    try (LoopbackHttp sts = LoopbackHttp.start()) {
      sts.answer(
          "POST",
          "/",
          new Answer(
              400,
              "text/xml",
              "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
                  + "<Message>Couldn't retrieve verification key from your identity provider"
                  + "</Message></Error><RequestId>3c4d</RequestId></ErrorResponse>",
              Map.of()));
      cli.env("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
          .env("AWS_ROLE_ARN", "arn:aws:iam::230000000004:role/github-actions")
          .env("AWS_ENDPOINT_URL_STS", sts.url("").toString());

      CliProcess.Result r = cli.run("scan", "--region", "us-east-1");

      oneLine(
          r,
          3,
          "web identity token in " + token,
          "arn:aws:iam::230000000004:role/github-actions",
          "Couldn't retrieve verification key from your identity provider");
    }
  }

  @Test
  void anEndpointThatAnswers404NamesTheServiceAndUrl() throws Exception {
    cli.env("AWS_ACCESS_KEY_ID", "testing").env("AWS_SECRET_ACCESS_KEY", "testing");
    try (LoopbackHttp nothing = LoopbackHttp.start()) {
      String url = nothing.url("/moto").toString();

      CliProcess.Result r = cli.run("scan", "--region", "us-east-1", "--endpoint-url", url);

      oneLine(r, 3, "nothing could be collected", "HTTP 404", "no ec2 API at " + url);
    }
  }

  @Test
  void outIntoADirectoryOrUnderAFileIsBadUsage() throws Exception {
    Path dir = Files.createDirectories(cli.home().resolve("reports"));
    oneLine(cli.run("demo", "--out", dir.toString()), 2, "--out " + dir, "is a directory");

    Path file = cli.write("notes.txt", "a file");
    oneLine(
        cli.run("demo", "--out", file.resolve("report.txt").toString()),
        2,
        "--out " + file.resolve("report.txt"),
        "is a file, not a directory");
  }

  @Test
  void anUnknownCheckIdIsBadUsageNamingIt() throws Exception {
    CliProcess.Result r = cli.run("scan", "--demo", "--checks", "ENI-QUOTA,ENI-QOUTA", "--quiet");

    oneLine(r, 2, "--checks: unknown check id 'ENI-QOUTA'", "fargate-doctor checks");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void textFitsColumnsAndAWrappedFixStillPastes() throws Exception {
    CliProcess.Result r =
        cli.env("COLUMNS", "64").run("demo", "--checks", "ENI-QUOTA", "--no-color");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains(" \\\n");
    for (String line : r.out().lines().toList()) {
      // only a quoted argument (a --query) is never split
      if (!line.contains("'")) assertThat(line.length()).as(line).isLessThanOrEqualTo(64);
    }
  }

  @Test
  void uncheckedChecksAtTheGateSeverityAreIncomplete() throws Exception {
    // aws-CLI dumps of two commands: every check that needs more is UNKNOWN, none fails.
    Path dumps = Files.createDirectories(cli.home().resolve("dumps"));
    Files.writeString(
        dumps.resolve("sts-get-caller-identity.json"),
        "{\"UserId\": \"AIDA\", \"Account\": \"230000000003\","
            + " \"Arn\": \"arn:aws:iam::230000000003:user/dev\"}");
    Files.writeString(
        dumps.resolve("ec2-describe-network-interfaces.json"), "{\"NetworkInterfaces\": []}");

    CliProcess.Result r =
        cli.run("scan", "--aws-cli-dir", dumps.toString(), "--region", "us-east-1");
    oneLine(r, 4, "incomplete", "could not be evaluated", "--allow-incomplete");
    assertThat(r.out()).contains("UNKNOWN");

    CliProcess.Result allowed =
        cli.run(
            "scan",
            "--aws-cli-dir",
            dumps.toString(),
            "--region",
            "us-east-1",
            "--allow-incomplete");
    assertThat(allowed.code()).as(allowed.err()).isZero();
  }

  @Test
  void aCleanAccountExitsZeroAndFindingsExitOne(MotoServer moto) throws Exception {
    moto.reset();
    cli.env("AWS_ACCESS_KEY_ID", "testing").env("AWS_SECRET_ACCESS_KEY", "testing");
    CliProcess.Result clean =
        cli.run("scan", "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1");
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.err()).isEmpty();

    CliProcess.Result demo = cli.run("demo");
    assertThat(demo.code()).isEqualTo(1);
    assertThat(demo.err()).isEmpty();
  }

  @Test
  void badUsageIsTwoAndDebugShowsTheTrace() throws Exception {
    CliProcess.Result unknownOption = cli.run("scan", "--no-such-option");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("Unknown option: '--no-such-option'");

    CliProcess.Result quiet = cli.run("scan", "--region", "us-east-1");
    assertThat(quiet.stackTrace()).isFalse();
    CliProcess.Result debug = cli.run("scan", "--region", "us-east-1", "--debug");
    assertThat(debug.code()).isEqualTo(3);
    assertThat(debug.err()).contains("no AWS credentials found", "\tat ", "DEBUG software.amazon");
  }

  @Test
  void aClusterServiceOrRegionThatMatchesNothingIsTwoNamingWhatThereIs(MotoServer moto)
      throws Exception {
    moto.reset();
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String vpc = env.vpc("10.9.0.0/16");
      String subnet = env.subnet(vpc, "10.9.1.0/24", "us-east-1a");
      String sg = env.securityGroup(vpc, "app");
      String role =
          env.role("ec-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      env.service(
          env.cluster("shop"),
          "cart",
          env.taskDefinition("cart", role, role),
          List.of(subnet),
          List.of(sg),
          1);
    }
    cli.env("AWS_ACCESS_KEY_ID", "testing").env("AWS_SECRET_ACCESS_KEY", "testing");
    String endpoint = moto.endpoint().toString();

    oneLine(
        cli.run("scan", "--endpoint-url", endpoint, "--region", "us-east-1", "--cluster", "shpo"),
        2,
        "--cluster shpo",
        "the clusters there: shop");
    oneLine(
        cli.run(
            "triage",
            "wont-start",
            "--endpoint-url",
            endpoint,
            "--region",
            "us-east-1",
            "--service",
            "crat"),
        2,
        "--service crat matches no service",
        "shop/cart");
    oneLine(
        cli.run("scan", "--region", "mars-east-9"),
        2,
        "--region 'mars-east-9' is not a Region",
        "us-east-1");
  }

  @Test
  void aBrokenSnapshotOrConfigurationIsTwoNamingWhere() throws Exception {
    Path snapshot = cli.home().resolve("demo.json");
    assertThat(cli.run("demo", "--save-snapshot", snapshot.toString()).code()).isEqualTo(1);
    String json = Files.readString(snapshot);
    Path noName =
        cli.write("no-name.json", json.replaceFirst("\"serviceName\"\\s*:\\s*\"[^\"]*\",", ""));
    oneLine(cli.run("scan", "--snapshot", noName.toString()), 2, "no-name.json", ".serviceName");

    Path truncated = cli.write("truncated.json", json.substring(0, json.length() / 2));
    CliProcess.Result cut = cli.run("scan", "--snapshot", truncated.toString());
    oneLine(cut, 2, "truncated.json:");
    assertThat(cut.err()).containsPattern("truncated\\.json:\\d+:\\d+: ");

    Path config = cli.write(".fargate-doctor.yaml", "exclude:\n  - check: [ENI-QUOTA\n");
    oneLine(
        cli.run("scan", "--snapshot", snapshot.toString(), "--config", config.toString()),
        2,
        ".fargate-doctor.yaml");
  }

  @Test
  void anExpiredExcludeHidesNothingAndTheGateCountsItAgain() throws Exception {
    Path snapshot = cli.home().resolve("demo.json");
    assertThat(cli.run("demo", "--save-snapshot", snapshot.toString()).code()).isEqualTo(1);
    Path current =
        cli.write(
            "current.yaml",
            "exclude:\n  - check: ROUTE-CROSS-AZ-NAT\n    reason: one NAT gateway for now\n"
                + "    expires: 2999-12-31\n");
    Path expired =
        cli.write(
            "expired.yaml",
            "exclude:\n  - check: ROUTE-CROSS-AZ-NAT\n    reason: one NAT gateway for now\n"
                + "    owner: network-team\n    expires: 2020-01-31\n");

    CliProcess.Result hidden =
        cli.run(
            "scan",
            "--snapshot",
            snapshot.toString(),
            "--config",
            current.toString(),
            "--output",
            "json");
    CliProcess.Result back =
        cli.run(
            "scan",
            "--snapshot",
            snapshot.toString(),
            "--config",
            expired.toString(),
            "--output",
            "json");

    assertThat(hidden.stackTrace()).isFalse();
    assertThat(back.stackTrace()).isFalse();
    assertThat(back.code()).as(back.err()).isEqualTo(1);
    assertThat(back.out()).contains("expiredExcludes", "network-team", "2020-01-31");
    assertThat(countFailing(back.out(), "ROUTE-CROSS-AZ-NAT"))
        .isGreaterThan(countFailing(hidden.out(), "ROUTE-CROSS-AZ-NAT"));
  }

  private static long countFailing(String reportJson, String checkId) throws Exception {
    long n = 0;
    for (var f :
        dev.fargatedoctor.snapshot.SnapshotJson.mapper().readTree(reportJson).get("findings")) {
      if (checkId.equals(f.path("checkId").asText())
          && List.of("FAIL", "WARN").contains(f.path("status").asText())) {
        n++;
      }
    }
    return n;
  }
}
