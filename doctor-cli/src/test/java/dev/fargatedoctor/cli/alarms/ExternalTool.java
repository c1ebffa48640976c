package dev.fargatedoctor.cli.alarms;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a linter installed on the machine (cfn-lint, terraform). A required tool that is missing
 * skips the test with a message, except under CI=true, where it fails: CI must never pass by
 * skipping.
 */
public final class ExternalTool {
  public record Result(int exitCode, String output) {}

  private ExternalTool() {}

  public static Path find(String name, boolean requiredInCi) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) return candidate;
    }
    String message = name + " is not installed (not on PATH)";
    if (requiredInCi && "true".equalsIgnoreCase(System.getenv("CI")))
      fail(message + ": CI needs it");
    Assumptions.abort(message + ": skipped");
    return null;
  }

  public static Result run(Path dir, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in 120 s");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
