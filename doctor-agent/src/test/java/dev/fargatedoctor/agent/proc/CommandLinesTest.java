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
                "-starts-with-a-dash",
                "--url=https://u:p@ss/w@rd@host/x"));
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
            "--secret <redacted>",
            "--url=https://<redacted>@host/x");
    assertThat(shown).doesNotContain("starts-with-a-dash", "ss/w", "rd@");
  }

  @Test
  void aPasswordThatHoldsAnotherUrlOrADashIsRedactedWhole() {
    // Found by CommandLinesFuzzTest: the userinfo was cut at the password's own "postgres://",
    // and a value starting with '-' after --password was taken for the next option and shown.
    assertThat(CommandLines.redact("postgres://:pw-postgres://x@db/app"))
        .isEqualTo("postgres://<redacted>@db/app");
    assertThat(CommandLines.display(List.of("app", "--password", "-hunter2", "--port", "1")))
        .isEqualTo("app --password <redacted> --port 1");
    assertThat(CommandLines.display(List.of("app", "--token", "--password", "hunter2")))
        .isEqualTo("app --token <redacted> <redacted>");
  }

  @Test
  void cutsVeryLongCommandLines() {
    String shown = CommandLines.display(List.of("python", "x".repeat(1000)));
    assertThat(shown).hasSize(CommandLines.MAX_DISPLAY).endsWith("...");
  }
}
