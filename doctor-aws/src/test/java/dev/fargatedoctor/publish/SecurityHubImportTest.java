package dev.fargatedoctor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.collect.ApiCallRecorder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** Batches of at most 100, each sent to and signed for its findings' own Region. */
class SecurityHubImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Call(String path, String scope, int findings) {}

  private final List<Call> calls = new ArrayList<>();
  private HttpServer server;
  private SdkHttpClient http;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          // Credential=KEY/DATE/REGION/SERVICE/aws4_request
          String scope = auth.replaceAll(".*Credential=[^/]+/[^/]+/([^/]+/[^/]+)/.*", "$1");
          int n = body.path("Findings").size();
          synchronized (calls) {
            calls.add(new Call(exchange.getRequestURI().getPath(), scope, n));
          }
          byte[] answer =
              ("{\"FailedCount\":0,\"SuccessCount\":" + n + ",\"FailedFindings\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    http = ApacheHttpClient.create();
  }

  @AfterEach
  void stop() {
    http.close();
    server.stop(0);
  }

  @Test
  void findingsGoInBatchesOfAHundredToTheirOwnRegion() {
    ArrayNode findings = JSON.createArrayNode();
    for (int i = 0; i < 250; i++)
      findings.addObject().put("Id", "a" + i).put("Region", "eu-west-1");
    for (int i = 0; i < 3; i++) findings.addObject().put("Id", "b" + i).put("Region", "us-east-2");

    ApiCallRecorder recorder = new ApiCallRecorder();
    SecurityHubImport.Outcome outcome =
        new SecurityHubImport(
                http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                recorder)
            .importFindings(findings);

    assertThat(outcome.imported()).isEqualTo(253);
    assertThat(outcome.calls()).isEqualTo(4);
    assertThat(outcome.failed()).isEmpty();
    assertThat(calls)
        .containsExactly(
            new Call("/findings/import", "eu-west-1/securityhub", 100),
            new Call("/findings/import", "eu-west-1/securityhub", 100),
            new Call("/findings/import", "eu-west-1/securityhub", 50),
            new Call("/findings/import", "us-east-2/securityhub", 3));
    assertThat(recorder.calls()).containsExactly(Map.entry("securityhub:BatchImportFindings", 4));
  }
}
