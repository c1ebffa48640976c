package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher a new user runs, bin/fargate-doctor over the shaded jar, as its own process: with a
 * temporary HOME whose ~/.aws the test writes, none of the user's environment, instance metadata
 * off, and every AWS endpoint the SDK would otherwise find pointed at a closed loopback port (as
 * are the proxies for anything that is not loopback), so nothing can reach real AWS. A test adds
 * what its case needs.
 */
final class CliProcess {
  private static final Path LAUNCHER =
      Path.of("..", "bin", "fargate-doctor").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "fargate-doctor.jar").toAbsolutePath();

  record Result(int code, String out, String err) {
    /** What a user sees on stderr is one line per problem and never a Java stack trace. */
    boolean stackTrace() {
      return err.contains("\tat ") || err.contains("Exception in thread") || err.contains("SLF4J");
    }
  }

  private final Path home;
  private final Map<String, String> env = new LinkedHashMap<>();

  CliProcess() throws IOException {
    this.home = Files.createTempDirectory("fd-home");
    Files.createDirectories(home.resolve(".aws"));
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    // Port 9 (discard) on loopback: a client a test forgot to point somewhere fails fast, and
    // so does any request to a host that is not loopback (the SDK hard-codes a few endpoints).
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("HTTP_PROXY", "http://127.0.0.1:9");
    env.put("NO_PROXY", "127.0.0.1,localhost");
  }

  CliProcess env(String name, String value) {
    if (value == null) env.remove(name);
    else env.put(name, value);
    return this;
  }

  Path home() {
    return home;
  }

  /** Writes a file under HOME (e.g. ".aws/config") and returns it. */
  Path write(String relative, String content) throws IOException {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    return start(cmd);
  }

  /**
   * The same jar and main class as the launcher, in its own process, with extra checks on the class
   * path: each class copied beside a services file that registers it, as a plug-in would be. How a
   * test makes a real run meet a check that breaks; the test class path itself registers none.
   */
  Result runWithChecks(List<Class<? extends Check>> checks, String... args)
      throws IOException, InterruptedException {
    Path extra = Files.createTempDirectory("fd-checks");
    StringBuilder services = new StringBuilder();
    for (Class<? extends Check> check : checks) {
      String file = check.getName().replace('.', '/') + ".class";
      Path target = extra.resolve(file);
      Files.createDirectories(target.getParent());
      try (var in = check.getClassLoader().getResourceAsStream(file)) {
        Files.copy(in, target);
      }
      services.append(check.getName()).append('\n');
    }
    Path registry = extra.resolve("META-INF/services/" + Check.class.getName());
    Files.createDirectories(registry.getParent());
    Files.writeString(registry, services);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR + java.io.File.pathSeparator + extra,
                "dev.fargatedoctor.cli.FargateDoctor"));
    cmd.addAll(List.of(args));
    return start(cmd);
  }

  private Result start(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("fd-out", ".txt");
    Path err = Files.createTempFile("fd-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(home.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + cmd + "\n" + Files.readString(err));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
