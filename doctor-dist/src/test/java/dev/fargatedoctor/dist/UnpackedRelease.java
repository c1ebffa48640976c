package dev.fargatedoctor.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release archive unpacked with tar into a temporary directory outside the checkout, once per
 * test run, and processes started the way a user starts them: from another working directory, with
 * a clean environment (PATH and a fresh HOME).
 */
final class UnpackedRelease {
  static final Path ARCHIVE = Path.of(System.getProperty("dist.archive"));
  static final Path ZIP = Path.of(System.getProperty("dist.zip"));
  static final String NAME = System.getProperty("dist.name");

  record Result(int code, String out, String err) {}

  private static UnpackedRelease instance;

  final Path root;
  final Path home;
  final Path elsewhere;

  private UnpackedRelease(Path root, Path home, Path elsewhere) {
    this.root = root;
    this.home = home;
    this.elsewhere = elsewhere;
  }

  static synchronized UnpackedRelease get() throws IOException, InterruptedException {
    if (instance == null) {
      Path dir = Files.createTempDirectory("fargate-doctor-release");
      assertThat(dir.toRealPath().startsWith(Path.of("..").toRealPath()))
          .as("unpacked outside the checkout")
          .isFalse();
      Path home = Files.createTempDirectory("fargate-doctor-home");
      Path elsewhere = Files.createTempDirectory("fargate-doctor-cwd");
      Result tar = run(dir, home, Map.of(), "tar", "-xzf", ARCHIVE.toString());
      assertThat(tar.code()).as(tar.err()).isZero();
      instance = new UnpackedRelease(dir.resolve(NAME), home, elsewhere);
    }
    return instance;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  /** Runs bin/fargate-doctor from another directory. */
  Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = path("bin/fargate-doctor").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    return run(elsewhere, home, env, cmd);
  }

  Result run(Path cwd, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    return run(cwd, home, env, command);
  }

  private static Result run(Path cwd, Path home, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + List.of(command));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
