package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.http.AgentState;
import dev.fargatedoctor.agent.http.Http;
import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.metadata.FakeMetadataEndpoint;
import dev.fargatedoctor.agent.proc.KernelSockets;
import dev.fargatedoctor.agent.proc.TcpState;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent against the real kernel, a fake metadata endpoint, and secrets it must not echo.
 */
class AgentTest {

  private static final String TOKEN = "token-from-env-0123456789";
  private static final String PROCESS_SECRET = "hunter2-in-a-command-line";
  private static final String ENV_SECRET = "value-of-an-environment-variable";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void servesWarnsAndWritesEmfWithoutEchoingAnySecret(@TempDir Path dumps) throws Exception {
    try (FakeMetadataEndpoint metadata =
            FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json");
        ServerSocket peer = new ServerSocket(0, 5, KernelSockets.LOOPBACK)) {
      Map<String, String> env =
          Map.of(
              "ECS_CONTAINER_METADATA_URI_V4",
              metadata.uri(),
              "FARGATE_DOCTOR_AGENT_PORT",
              "0",
              "FARGATE_DOCTOR_AGENT_HEAPDUMP_TOKEN",
              TOKEN,
              "FARGATE_DOCTOR_AGENT_HEAPDUMP_DIR",
              dumps.toString(),
              "FARGATE_DOCTOR_AGENT_CLOSE_WAIT_THRESHOLD",
              "3",
              "SOME_APP_PASSWORD",
              ENV_SECRET);
      AgentConfig config = AgentConfig.load(env, Map.of("interval", "1h", "window", "3h"));
      // Another "application" in the task: its command line and environment hold secrets.
      ProcessBuilder pb =
          new ProcessBuilder(
              "bash",
              "-c",
              "exec 3<>/dev/tcp/127.0.0.1/"
                  + peer.getLocalPort()
                  + " && echo ready && exec -a 'worker --password="
                  + PROCESS_SECRET
                  + "' sleep 60");
      pb.environment().put("DB_PASSWORD", ENV_SECRET);
      Process app = pb.start();
      List<String> bodies = new ArrayList<>();
      try (Agent agent =
              new Agent(config, AgentState.Mode.JAVAAGENT, clock, print(stdout), print(stderr));
          KernelSockets leak = KernelSockets.closeWait(4)) {
        assertThat(
                new BufferedReader(
                        new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))
                    .readLine())
            .isEqualTo("ready");
        peer.accept().close();
        KernelSockets.awaitConnections(
            c -> KernelSockets.count(c, TcpState.CLOSE_WAIT, leak.serverEndpoint()) == 4);
        agent.start(); // samples once right away
        awaitFirstSample(agent);
        clock.advance(Duration.ofSeconds(10));
        AgentState state = agent.tick();
        assertThat(state.warnings())
            .anySatisfy(
                w -> {
                  assertThat(w.detector()).isEqualTo("close-wait-pileup");
                  assertThat(w.message())
                      .contains("4 sockets in CLOSE_WAIT to " + leak.serverEndpoint());
                });
        assertThat(state.latest().task().availabilityZone()).isEqualTo("us-east-1d");
        assertThat(state.latest().processes().get((int) app.pid()).commandLine())
            .isEqualTo("worker --password=<redacted> 60");

        String base = "http://127.0.0.1:" + agent.port();
        for (String path :
            List.of(
                "/health",
                "/health/detailed",
                "/debug/memory",
                "/debug/connections",
                "/debug/fds",
                "/metrics",
                "/debug/threads")) {
          var response = Http.get(base + path);
          assertThat(response.statusCode()).as(path).isEqualTo(200);
          bodies.add(response.body());
        }
        bodies.add(
            Http.post(base + "/debug/heapdump", "Authorization", "Bearer wrong-token-0000000000")
                .body());
      }
      app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

      String out = stdout.toString(StandardCharsets.UTF_8);
      String err = stderr.toString(StandardCharsets.UTF_8);
      List<String> lines = out.lines().toList();
      assertThat(Json.parseObject(lines.get(0)))
          .containsEntry("type", "fargate-doctor.started")
          .containsEntry("mode", "javaagent")
          .containsEntry("heapdump", "enabled")
          .containsEntry("taskMetadata", "present");
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"_aws\":"));
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("\"type\":\"fargate-doctor.warning\"", "close-wait-pileup"));
      assertThat(lines)
          .allSatisfy(l -> Json.parseObject(l)); // every stdout line is one JSON document
      assertThat(err).isEmpty();

      String everything = String.join("\n", bodies) + out + err;
      assertThat(everything)
          .contains("us-east-1d", "sample-fargate")
          .doesNotContain(
              TOKEN,
              PROCESS_SECRET,
              ENV_SECRET,
              metadata.uri(),
              FakeMetadataEndpoint.SECRET_PATH,
              dumps.toString());
    }
  }

  private static void awaitFirstSample(Agent agent) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (agent.state().latest() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(agent.state().latest()).isNotNull();
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
