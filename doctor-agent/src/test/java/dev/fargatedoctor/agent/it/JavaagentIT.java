package dev.fargatedoctor.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.http.Http;
import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -javaagent:doctor-agent.jar inside a JVM application. */
class JavaagentIT {

  private static final String TOKEN = "it-heap-dump-token-0123456789";

  @Test
  void servesThreadsAndHeapDumpsAndNeverKeepsTheApplicationAlive(@TempDir Path dumps)
      throws Exception {
    try (Launched app =
        new Launched(
            List.of(
                Launched.java(),
                "-Xmx64m",
                "-javaagent:"
                    + Launched.agentJar()
                    + "=port=0,interval=1s,heapdump-dir="
                    + dumps
                    + ",token="
                    + TOKEN,
                "-cp",
                System.getProperty("java.class.path"),
                ToyApp.class.getName(),
                "stdin"))) {
      int port = app.startedPort();
      app.awaitLine("toy app running", 10);
      String base = "http://127.0.0.1:" + port;
      app.awaitLine("\"_aws\"", 60); // the first sample is published with its EMF line

      assertThat(Json.parseObject(Http.get(base + "/health/detailed").body()))
          .containsEntry("mode", "javaagent");
      HttpResponse<String> threads = Http.get(base + "/debug/threads");
      assertThat(threads.statusCode()).isEqualTo(200);
      assertThat(threads.body()).contains("\"main\"", "ToyApp.main");
      assertThat(Json.parseObject(Http.get(base + "/debug/memory").body())).containsKey("jvm");

      assertThat(Http.post(base + "/debug/heapdump").statusCode()).isEqualTo(401);
      HttpResponse<String> dump =
          Http.post(base + "/debug/heapdump", "Authorization", "Bearer " + TOKEN);
      assertThat(dump.statusCode()).as(dump.body()).isEqualTo(200);
      assertThat(dumps.resolve(JsonValues.string(Json.parseObject(dump.body()), "fileName")))
          .exists();

      // main returns once its stdin closes: the agent's daemon threads must not hold the JVM
      app.process.getOutputStream().close();
      assertThat(app.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(app.process.exitValue()).isZero();
      app.awaitLine("toy app done", 5);
      assertThat(app.stderr()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aBadAgentOptionIsReportedAndTheApplicationRunsAnyway() throws Exception {
    try (Launched app =
        new Launched(
            List.of(
                Launched.java(),
                "-Xmx64m",
                "-javaagent:" + Launched.agentJar() + "=colour=blue",
                "-cp",
                System.getProperty("java.class.path"),
                ToyApp.class.getName(),
                "1"))) {
      app.awaitLine("toy app done", 30);
      assertThat(app.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(app.process.exitValue()).isZero();
      assertThat(app.stderr())
          .contains("fargate-doctor agent not started: unknown option 'colour'");
    }
  }
}
