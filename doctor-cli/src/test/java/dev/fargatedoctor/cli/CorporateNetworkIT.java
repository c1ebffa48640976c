package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.ConnectProxy;
import dev.fargatedoctor.testkit.LoopbackHttp;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import dev.fargatedoctor.testkit.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A company network: AWS is reached through an HTTPS proxy that CONNECTs, and the endpoints present
 * certificates of the company's own CA. moto sits behind a loopback HTTPS front whose certificate
 * signs itself; the scan and the SDK's own STS client (assume-role) go through both.
 */
@ExtendWith(MotoExtension.class)
class CorporateNetworkIT {
  private CliProcess cli;
  private LoopbackHttp https;
  private ConnectProxy proxy;
  private SelfSignedCertificate ca;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    cli = new CliProcess();
    ca = SelfSignedCertificate.create(Files.createTempDirectory("fd-ca"));
    https = LoopbackHttp.startTls(ca).forwardTo(moto.endpoint());
    proxy = ConnectProxy.start();
    cli.write(
        ".aws/config",
        """
        [profile scanner]
        role_arn = arn:aws:iam::220000000001:role/scanner
        source_profile = base
        region = us-east-1
        """);
    cli.write(
        ".aws/credentials",
        "[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
    cli.env("AWS_ENDPOINT_URL_STS", https.url("").toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    https.close();
    proxy.close();
  }

  private CliProcess.Result scan() throws Exception {
    return cli.run(
        "scan",
        "--profile",
        "scanner",
        "--endpoint-url",
        https.url("").toString(),
        "--region",
        "us-east-1",
        "--output",
        "json");
  }

  private static String account(CliProcess.Result r) throws Exception {
    JsonNode report = SnapshotJson.mapper().readTree(r.out());
    return report.get("account").asText();
  }

  @Test
  void theScanAndAssumeRoleGoThroughHttpsProxyAndTrustAwsCaBundle() throws Exception {
    cli.env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", null)
        .env("AWS_CA_BUNDLE", ca.pem().toString());

    CliProcess.Result r = scan();

    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(account(r)).isEqualTo("220000000001");
    // STS (for the role) and the scan's own calls: all tunnelled to the HTTPS front.
    assertThat(proxy.tunnels()).isNotEmpty().allMatch(t -> t.equals("127.0.0.1:" + https.port()));
    assertThat(https.requests())
        .anySatisfy(q -> assertThat(q.headers().get("authorization")).contains("/sts/"))
        .anySatisfy(q -> assertThat(q.headers().get("authorization")).contains("/ec2/"));
  }

  @Test
  void noProxySendsAHostDirect() throws Exception {
    cli.env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", "localhost,.internal.example,127.0.0.0/8")
        .env("AWS_CA_BUNDLE", ca.pem().toString());

    CliProcess.Result r = scan();

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(account(r)).isEqualTo("220000000001");
    assertThat(proxy.tunnels()).isEmpty();
    assertThat(https.requests()).isNotEmpty();
  }

  @Test
  void theProfilesCaBundleIsTrusted() throws Exception {
    Path config = cli.home().resolve(".aws/config");
    Files.writeString(config, Files.readString(config) + "ca_bundle = " + ca.pem() + "\n");

    CliProcess.Result r = scan();

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(account(r)).isEqualTo("220000000001");
  }

  @Test
  void anUntrustedCertificateIsOneLineNamingTheFix() throws Exception {
    CliProcess.Result r = scan();

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("not trusted", "AWS_CA_BUNDLE");
  }
}
