package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.SignedJsonCall;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * scan --publish securityhub, the opt-in write of the report's ASFF findings: a live scan of a
 * small moto account imports exactly what --output asff prints, read back with GetFindings; a
 * denied call and findings Security Hub refuses are exit 2 naming the permission and the ids.
 */
@ExtendWith(MotoExtension.class)
class SecurityHubPublishIT {
  private static final Path FIXTURES =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures");

  @Test
  void aLiveScanImportsItsAsffFindingsIntoTheAccountsOwnProduct(MotoEnvironment env)
      throws Exception {
    String vpc = env.vpc("10.7.0.0/16");
    String subnet = env.subnet(vpc, "10.7.1.0/24", "us-east-1a"); // one AZ: a finding to import
    String exec =
        env.role("sh-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    String cluster = env.cluster("production");
    String td = env.taskDefinition("api", exec, exec);
    env.service(cluster, "api", td, List.of(subnet), List.of(env.securityGroup(vpc, "api")), 2);

    ApiCallRecorder recorder = new ApiCallRecorder();
    Run run =
        Run.live(
            recorder,
            "scan",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--output",
            "asff",
            "--publish",
            "securityhub",
            "--allow-incomplete"); // moto knows no Fargate quota: some checks stay UNKNOWN
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
    JsonNode printed = SnapshotJson.mapper().readTree(run.out());
    assertThat(printed.size()).isPositive();
    assertThat(run.err())
        .contains("imported " + printed.size() + " finding(s) into Security Hub in 1 ");

    JsonNode stored = getFindings(env.endpoint());
    assertThat(stored.size()).isEqualTo(printed.size());
    Map<String, JsonNode> byId = new HashMap<>();
    stored.forEach(f -> byId.put(f.path("Id").asText(), f));
    for (JsonNode p : printed) {
      JsonNode s = byId.get(p.path("Id").asText());
      assertThat(s).as(p.path("Id").asText()).isNotNull();
      assertThat(s.path("ProductArn").asText())
          .isEqualTo("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
      assertThat(s.path("Severity").path("Label").asText())
          .isEqualTo(p.path("Severity").path("Label").asText())
          .isIn("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
    }
    List<String> checks = new ArrayList<>();
    stored.forEach(f -> checks.add(f.path("GeneratorId").asText()));
    assertThat(checks).contains("fargate-doctor/SERVICE-SINGLE-AZ");
    // the import is the one Security Hub call: hand-signed, and counted like the SDK's calls
    assertThat(recorder.actions())
        .filteredOn(a -> a.startsWith("securityhub:"))
        .containsExactly("securityhub:BatchImportFindings");
    assertThat(recorder.calls()).containsEntry("securityhub:BatchImportFindings", 1);
  }

  @Test
  void aDeniedImportIsExitTwoNamingThePermissionAfterTheReport() throws Exception {
    try (FakeSecurityHub hub =
        new FakeSecurityHub(
            403,
            "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform"
                + " securityhub:BatchImportFindings\"}")) {
      Run run = scanFixtureInto(hub.endpoint());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).contains("EXEC-ROLE-TRUST");
      assertThat(run.err())
          .contains("securityhub:BatchImportFindings in us-east-1 failed: AccessDeniedException")
          .contains("docs/iam-policy-securityhub-import.json")
          .doesNotContain("at dev.fargatedoctor");
      assertThat(hub.paths).containsExactly("/findings/import");
    }
  }

  @Test
  void refusedFindingsAreExitTwoNamingTheirIds() throws Exception {
    try (FakeSecurityHub hub =
        new FakeSecurityHub(
            200,
            "{\"FailedCount\":1,\"SuccessCount\":0,\"FailedFindings\":[{\"Id\":\"fargate-doctor/x\","
                + "\"ErrorCode\":\"InvalidInput\",\"ErrorMessage\":\"Finding too large\"}]}")) {
      Run run = scanFixtureInto(hub.endpoint());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains("securityhub:BatchImportFindings: Security Hub refused 1 of ")
          .contains("fargate-doctor/x (InvalidInput: Finding too large)");
    }
  }

  private static Run scanFixtureInto(URI endpoint) {
    return Run.of(
        "scan",
        "--snapshot",
        FIXTURES
            .resolve("EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json")
            .toAbsolutePath()
            .toString(),
        "--endpoint-url",
        endpoint.toString(),
        "--region",
        "us-east-1",
        "--publish",
        "securityhub",
        "--allow-incomplete");
  }

  /** GetFindings, signed like the import, from the account's us-east-1 hub. */
  private static JsonNode getFindings(URI endpoint) {
    try (var http = ApacheHttpClient.create()) {
      SignedJsonCall call =
          new SignedJsonCall(http, MotoEnvironment.CREDENTIALS, "securityhub", "us-east-1");
      return call.post(
              call.endpoint(endpoint, "/findings"),
              Map.of("Content-Type", "application/json"),
              JsonNodeFactory.instance.objectNode(),
              "securityhub:GetFindings")
          .path("Findings");
    }
  }

  /** A loopback Security Hub that gives every import the same answer. */
  private static final class FakeSecurityHub implements AutoCloseable {
    final List<String> paths = new ArrayList<>();
    private final HttpServer server;

    FakeSecurityHub(int status, String answer) throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            synchronized (paths) {
              paths.add(exchange.getRequestURI().getPath());
            }
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
