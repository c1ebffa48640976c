package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.LoopbackHttp.Answer;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Every credential source the aws CLI supports, each run through the real CLI process. moto serves
 * STS (assume-role, web identity) and the scan; loopback servers stand in for the container
 * credentials endpoint, instance metadata and the IAM Identity Center portal. Each source hands out
 * credentials of a role in its own account, so the account the report names proves which
 * credentials the scan used.
 */
@ExtendWith(MotoExtension.class)
class CredentialSourcesIT {
  private MotoServer moto;
  private CliProcess cli;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    this.cli = new CliProcess();
  }

  /** Credentials of role ROLE in ACCOUNT, issued by moto's STS. */
  private Credentials roleIn(String account, String role) {
    try (SdkHttpClient http = ApacheHttpClient.create();
        StsClient sts =
            StsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing")))
                .build()) {
      return sts.assumeRole(
              r ->
                  r.roleArn("arn:aws:iam::" + account + ":role/" + role).roleSessionName("fixture"))
          .credentials();
    }
  }

  private String scannedAccount(String... extra) throws Exception {
    String[] args = new String[extra.length + 7];
    System.arraycopy(
        new String[] {
          "scan",
          "--endpoint-url",
          moto.endpoint().toString(),
          "--region",
          "us-east-1",
          "--output",
          "json"
        },
        0,
        args,
        0,
        7);
    System.arraycopy(extra, 0, args, 7, extra.length);
    CliProcess.Result r = cli.run(args);
    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(r.code()).as(r.err()).isIn(0, 1, 4);
    JsonNode report = SnapshotJson.mapper().readTree(r.out());
    return report.get("account").asText();
  }

  private static String json(Credentials c) {
    return "{\"Version\": 1, \"AccessKeyId\": \""
        + c.accessKeyId()
        + "\", \"SecretAccessKey\": \""
        + c.secretAccessKey()
        + "\", \"SessionToken\": \""
        + c.sessionToken()
        + "\", \"Expiration\": \""
        + c.expiration()
        + "\"}";
  }

  @Test
  void environmentVariables() throws Exception {
    Credentials c = roleIn("210000000001", "ci");
    cli.env("AWS_ACCESS_KEY_ID", c.accessKeyId())
        .env("AWS_SECRET_ACCESS_KEY", c.secretAccessKey())
        .env("AWS_SESSION_TOKEN", c.sessionToken());

    assertThat(scannedAccount()).isEqualTo("210000000001");
  }

  @Test
  void roleArnWithSourceProfile() throws Exception {
    cli.write(
        ".aws/config",
        """
        [profile scanner]
        role_arn = arn:aws:iam::210000000002:role/scanner
        source_profile = base
        region = us-east-1
        """);
    cli.write(
        ".aws/credentials",
        """
        [base]
        aws_access_key_id = testing
        aws_secret_access_key = testing
        """);
    cli.env("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());

    assertThat(scannedAccount("--profile", "scanner")).isEqualTo("210000000002");
  }

  @Test
  void roleArnWithCredentialSourceEnvironment() throws Exception {
    cli.write(
        ".aws/config",
        """
        [profile deploy]
        role_arn = arn:aws:iam::210000000003:role/deploy
        credential_source = Environment
        region = us-east-1
        """);
    cli.env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());

    assertThat(scannedAccount("--profile", "deploy")).isEqualTo("210000000003");
  }

  @Test
  void webIdentityTokenFile() throws Exception {
    Path token = cli.write("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
    cli.env("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
        .env("AWS_ROLE_ARN", "arn:aws:iam::210000000004:role/github-actions")
        .env("AWS_ROLE_SESSION_NAME", "ci")
        .env("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());

    assertThat(scannedAccount()).isEqualTo("210000000004");
  }

  @Test
  void credentialProcess() throws Exception {
    Credentials c = roleIn("210000000005", "process");
    Path script =
        cli.write("bin/corp-credentials", "#!/bin/sh\ncat <<'EOF'\n" + json(c) + "\nEOF\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    cli.write(".aws/config", "[profile corp]\ncredential_process = " + script + " --role reader\n");

    assertThat(scannedAccount("--profile", "corp")).isEqualTo("210000000005");
  }

  @Test
  void containerCredentialsWhenRunningAsATask() throws Exception {
    Credentials c = roleIn("210000000006", "task");
    try (LoopbackHttp endpoint = LoopbackHttp.start()) {
      endpoint.answer(
          "GET",
          "/v2/credentials/task",
          Answer.json(json(c).replace("\"Version\": 1, ", "").replace("SessionToken", "Token")));
      cli.env("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/v2/credentials/task").toString())
          .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token");

      assertThat(scannedAccount()).isEqualTo("210000000006");
      assertThat(endpoint.requests())
          .anySatisfy(
              r -> assertThat(r.headers()).containsEntry("authorization", "task-auth-token"));
    }
  }

  @Test
  void instanceMetadata() throws Exception {
    Credentials c = roleIn("210000000007", "instance");
    try (LoopbackHttp imds = LoopbackHttp.start()) {
      imds.answer("PUT", "/latest/api/token", Answer.text("imds-session-token"))
          .answer("GET", "/latest/meta-data/iam/security-credentials/", Answer.text("scanner"))
          .answer(
              "GET",
              "/latest/meta-data/iam/security-credentials/scanner",
              Answer.json(
                  json(c)
                      .replace("\"Version\": 1, ", "\"Code\": \"Success\", ")
                      .replace("SessionToken", "Token")));
      cli.env("AWS_EC2_METADATA_DISABLED", null)
          .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url("").toString());

      assertThat(scannedAccount()).isEqualTo("210000000007");
      assertThat(imds.requests())
          .anySatisfy(
              r ->
                  assertThat(r.headers())
                      .containsEntry("x-aws-ec2-metadata-token", "imds-session-token"));
    }
  }

  private LoopbackHttp ssoPortal(Credentials c) throws Exception {
    long expires = c.expiration().toEpochMilli();
    LoopbackHttp portal = LoopbackHttp.start();
    portal.answer(
        "GET",
        "/federation/credentials",
        Answer.json(
            "{\"roleCredentials\": {\"accessKeyId\": \""
                + c.accessKeyId()
                + "\", \"secretAccessKey\": \""
                + c.secretAccessKey()
                + "\", \"sessionToken\": \""
                + c.sessionToken()
                + "\", \"expiration\": "
                + expires
                + "}}"));
    cli.env("AWS_ENDPOINT_URL_SSO", portal.url("").toString());
    return portal;
  }

  private void cachedSsoToken(String key, Instant expiresAt) throws Exception {
    cli.write(
        SsoCache.file(key),
        "{\"accessToken\": \"sso-access-token\", \"expiresAt\": \""
            + expiresAt.truncatedTo(ChronoUnit.SECONDS)
            + "\", \"region\": \"us-east-1\", \"startUrl\": \"https://corp.awsapps.com/start\"}");
  }

  private static final String SSO_SESSION_CONFIG =
      """
      [profile dev]
      sso_session = corp
      sso_account_id = 210000000008
      sso_role_name = ReadOnly
      region = us-east-1

      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = us-east-1
      sso_registration_scopes = sso:account:access
      """;

  @Test
  void iamIdentityCenterWithAnSsoSession() throws Exception {
    cli.write(".aws/config", SSO_SESSION_CONFIG);
    cachedSsoToken("corp", Instant.now().plus(1, ChronoUnit.HOURS));
    try (LoopbackHttp portal = ssoPortal(roleIn("210000000008", "ReadOnly"))) {
      assertThat(scannedAccount("--profile", "dev")).isEqualTo("210000000008");
      assertThat(portal.requests())
          .anySatisfy(
              r -> {
                assertThat(r.headers()).containsEntry("x-amz-sso_bearer_token", "sso-access-token");
                assertThat(r.query()).contains("role_name=ReadOnly", "account_id=210000000008");
              });
    }
  }

  @Test
  void iamIdentityCenterWithALegacyProfile() throws Exception {
    cli.write(
        ".aws/config",
        """
        [profile legacy]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 210000000009
        sso_role_name = ReadOnly
        region = us-east-1
        """);
    cachedSsoToken("https://corp.awsapps.com/start", Instant.now().plus(1, ChronoUnit.HOURS));
    try (LoopbackHttp portal = ssoPortal(roleIn("210000000009", "ReadOnly"))) {
      assertThat(scannedAccount("--profile", "legacy")).isEqualTo("210000000009");
      assertThat(portal.requests()).isNotEmpty();
    }
  }
}
