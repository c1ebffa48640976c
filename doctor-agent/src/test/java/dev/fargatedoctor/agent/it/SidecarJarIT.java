package dev.fargatedoctor.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.http.Http;
import dev.fargatedoctor.agent.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** java -jar doctor-agent.jar, as the sidecar container runs it. */
class SidecarJarIT {

  @Test
  void servesOnLoopbackWritesEmfAndStopsOnSigterm() throws Exception {
    try (Launched agent =
        new Launched(
            List.of(
                Launched.java(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-jar",
                Launched.agentJar(),
                "--port",
                "0",
                "--interval",
                "1s"))) {
      int port = agent.startedPort();
      String emf = agent.awaitLine("\"_aws\"", 30);
      assertThat(Json.parseObject(emf))
          .containsKeys("TcpEstablished", "TcpCloseWait", "TaskFamily");

      String base = "http://127.0.0.1:" + port;
      assertThat(Http.get(base + "/health").statusCode()).isEqualTo(200);
      Map<String, Object> detailed = Json.parseObject(Http.get(base + "/health/detailed").body());
      assertThat(detailed).containsEntry("mode", "sidecar").containsKey("connections");
      assertThat(Http.get(base + "/debug/connections").body()).contains("\"byPid\"");
      assertThat(Http.get(base + "/metrics").body())
          .contains("fargate_doctor_tcp_connections{state=\"LISTEN\"}");
      assertThat(Http.get(base + "/debug/threads").statusCode()).isEqualTo(404);

      agent.process.destroy(); // SIGTERM, as ECS stops a container
      assertThat(agent.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }
  }
}
