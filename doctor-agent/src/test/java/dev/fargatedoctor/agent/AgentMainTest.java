package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.http.AgentHttpServer;
import dev.fargatedoctor.agent.http.AgentState;
import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return AgentMain.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void taskDefinitionSubcommand() {
    assertThat(run(Map.of(), "task-definition", "--port", "9800", "--region", "eu-west-1"))
        .isZero();
    Map<String, Object> json = Json.parseObject(out.toString(StandardCharsets.UTF_8));
    assertThat(json).containsEntry("pidMode", "task");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("pidMode");
  }

  @Test
  void onceTakesOneSampleAndPrintsIt() {
    assertThat(run(Map.of(), "--once")).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\n}\n{") + 3;
    Map<String, Object> health = Json.parseObject(text.substring(0, split));
    Map<String, Object> connections = Json.parseObject(text.substring(split));
    assertThat(health).containsEntry("status", "UP").containsEntry("mode", "sidecar");
    assertThat(JsonValues.object(connections, "byState")).containsKey("ESTABLISHED");
  }

  @Test
  void getReadsAnEndpointOfTheRunningAgent() throws Exception {
    AgentState state =
        new AgentState(
            AgentState.Mode.SIDECAR,
            Instant.now(),
            Sample.builder(Instant.now()).build(),
            List.of(),
            List.of());
    try (AgentHttpServer server =
        AgentHttpServer.start(
            InetAddress.getLoopbackAddress(), 0, () -> state, Clock.systemUTC(), null)) {
      assertThat(
              run(
                  Map.of("FARGATE_DOCTOR_AGENT_PORT", Integer.toString(server.port())),
                  "get",
                  "/health"))
          .isZero();
      assertThat(Json.parseObject(out.toString(StandardCharsets.UTF_8)))
          .containsEntry("status", "UP");
      out.reset();
      assertThat(run(Map.of(), "get", "/nope", "--port", Integer.toString(server.port())))
          .isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("no such endpoint");
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(run(Map.of(), "get", "--port=" + closed)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no agent is listening on 127.0.0.1:" + closed);
    assertThat(run(Map.of(), "get", "health")).isEqualTo(2);
  }

  @Test
  void getFailsWhileTheAgentHasNoSampleYet() throws Exception {
    AgentState starting =
        new AgentState(AgentState.Mode.SIDECAR, Instant.now(), null, List.of(), List.of());
    try (AgentHttpServer server =
        AgentHttpServer.start(
            InetAddress.getLoopbackAddress(), 0, () -> starting, Clock.systemUTC(), null)) {
      assertThat(run(Map.of(), "get", "/health", "--port", Integer.toString(server.port())))
          .isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("no sample yet");
    }
  }

  @Test
  void helpAndUsageErrors() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: fargate-doctor-agent");
    assertThat(run(Map.of(), "--port")).isEqualTo(2);
    assertThat(run(Map.of(), "stray")).isEqualTo(2);
    assertThat(run(Map.of("FARGATE_DOCTOR_AGENT_PORT", "not-a-port-secret"), "--once"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("FARGATE_DOCTOR_AGENT_PORT")
        .doesNotContain("not-a-port-secret");
  }
}
