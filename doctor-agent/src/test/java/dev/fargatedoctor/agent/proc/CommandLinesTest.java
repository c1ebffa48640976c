package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  @Test
  void splitsOnNulBytes() {
    byte[] raw = "node\0server.js\0--port\08080\0".getBytes(StandardCharsets.UTF_8);
    assertThat(CommandLines.split(raw, raw.length))
        .containsExactly("node", "server.js", "--port", "8080");
    byte[] noTrailingNul = ("sleep\0" + "30").getBytes(StandardCharsets.UTF_8);
    assertThat(CommandLines.split(noTrailingNul, noTrailingNul.length))
        .containsExactly("sleep", "30");
  }

  @Test
  void redactsSecretsInEveryUsualShape() {
    String shown =
        CommandLines.display(
            List.of(
                "java",
                "-Xmx512m",
                "-Dspring.datasource.password=hunter2",
                "-javaagent:/opt/doctor-agent.jar=port=9779,token=abcdefghijklmnop1234",
                "-jar",
                "app.jar",
                "--api-key",
                "AKIAEXAMPLE",
                "--token=tok123",
                "--db",
                "postgres://app:pw123@db:5432/x",
                "--verbose",
                "--secret",
                "--next"));
    assertThat(shown)
        .doesNotContain("hunter2", "abcdefghijklmnop1234", "AKIAEXAMPLE", "tok123", "pw123");
    assertThat(shown)
        .contains(
            "-Xmx512m",
            "-Dspring.datasource.password=<redacted>",
            "-javaagent:/opt/doctor-agent.jar=<redacted>",
            "--api-key <redacted>",
            "--token=<redacted>",
            "postgres://<redacted>@db:5432/x",
            "--verbose",
            "--secret --next");
  }

  @Test
  void cutsVeryLongCommandLines() {
    String shown = CommandLines.display(List.of("python", "x".repeat(1000)));
    assertThat(shown).hasSize(CommandLines.MAX_DISPLAY).endsWith("...");
  }
}
