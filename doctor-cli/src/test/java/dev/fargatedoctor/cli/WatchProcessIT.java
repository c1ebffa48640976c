package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.SnapshotFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch as a separate process, as a service manager runs it: SIGTERM ends it cleanly. */
class WatchProcessIT {
  private static final Path LAUNCHER =
      Path.of("..", "bin", "fargate-doctor").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void sigtermEndsTheWatchAfterItsCycleWithTheStateWhole() throws Exception {
    Path demo = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", demo.toString(), "--output", "json");
    Path state = dir.resolve("state");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "watch",
                "--snapshot",
                demo.toString(),
                "--interval",
                "1h",
                "--state-dir",
                state.toString())
            .redirectError(err.toFile());
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).as("first line").contains("\"kind\":\"baseline\"");
      while (!Files.exists(state.resolve("previous-snapshot.json.gz"))) Thread.sleep(20);

      p.destroy(); // SIGTERM

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
    assertThat(Files.readString(err)).contains("watch stopped after 1 cycle(s), 0 failed");
    try (var files = Files.list(state)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of("findings.json", "previous-snapshot.json.gz", "stopped-tasks.json"));
    }
    assertThat(SnapshotFiles.read(state.resolve("previous-snapshot.json.gz")).regions()).hasSize(1);
  }
}
