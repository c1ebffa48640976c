package dev.fargatedoctor.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/fargate-doctor-agent: finds the built jar, and says how to build it when it is missing. */
class LauncherScriptIT {

  private static Path launcher() {
    String path = System.getProperty("agent.launcher");
    assertThat(path).as("failsafe passes -Dagent.launcher").isNotNull();
    return Path.of(path);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(Path script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("JAVA_OPTS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void runsTheBuiltJar() throws Exception {
    Result r = run(launcher(), "task-definition", "--port", "9800");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.parseObject(r.out())).containsEntry("pidMode", "task");
  }

  @Test
  void explainsHowToBuildWhenTheJarIsMissing(@TempDir Path checkout) throws Exception {
    Path script = copyScript(checkout);
    Files.createDirectories(checkout.resolve("doctor-agent/target"));
    Result r = run(script, "--help");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not built", "mvn -q -DskipTests package");
  }

  @Test
  void neverPicksTheTestsOrSourcesJar(@TempDir Path checkout) throws Exception {
    Path script = copyScript(checkout);
    Path target = Files.createDirectories(checkout.resolve("doctor-agent/target"));
    Files.copy(Path.of(Launched.agentJar()), target.resolve("doctor-agent-0.1.0-SNAPSHOT.jar"));
    // Newer, and not runnable: picking either would fail the run below.
    Thread.sleep(20);
    Files.writeString(target.resolve("doctor-agent-0.1.0-SNAPSHOT-tests.jar"), "not a jar");
    Files.writeString(target.resolve("doctor-agent-0.1.0-SNAPSHOT-sources.jar"), "not a jar");
    Result r = run(script, "--help");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("usage: fargate-doctor-agent");
  }

  private static Path copyScript(Path checkout) throws Exception {
    Path bin = Files.createDirectories(checkout.resolve("bin"));
    Path script = bin.resolve("fargate-doctor-agent");
    Files.copy(launcher(), script);
    script.toFile().setExecutable(true);
    return script;
  }
}
