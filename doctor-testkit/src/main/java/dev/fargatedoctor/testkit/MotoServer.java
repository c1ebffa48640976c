package dev.fargatedoctor.testkit;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A moto server (the AWS API emulator) on a free loopback port, started and stopped by the tests
 * themselves. Found as {@code moto_server} on PATH, else {@code python3 -m moto.server}. Binds to
 * 127.0.0.1 only; nothing here ever talks to a real AWS endpoint.
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private MotoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The command that starts moto here, or empty when moto is not installed. */
  public static Optional<List<String>> command() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "moto_server");
      if (Files.isExecutable(candidate)) return Optional.of(List.of(candidate.toString()));
    }
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      if (p.waitFor() == 0) return Optional.of(List.of("python3", "-m", "moto.server"));
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /**
   * Starts moto with the given extra environment (e.g. {@code MOTO_IAM_LOAD_MANAGED_POLICIES=true})
   * and waits until it answers.
   */
  public static MotoServer start(Map<String, String> environment) throws IOException {
    List<String> base =
        command()
            .orElseThrow(
                () -> new IOException("moto is not installed: pip install 'moto[server]'"));
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> cmd = new ArrayList<>(base);
      cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
      Path log = Files.createTempFile("moto-server-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(environment);
      Process process = pb.start();
      MotoServer server = new MotoServer(process, port, log);
      try {
        server.awaitReady(Duration.ofSeconds(60));
        return server;
      } catch (IOException e) {
        last = e;
        server.close();
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) throw new IOException("moto_server exited: " + tail());
      try {
        HttpURLConnection c =
            (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() > 0) return;
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for moto", e);
      }
    }
    throw new IOException("moto_server did not answer within " + timeout + ": " + tail());
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Wipes every account's state, so each test builds its environment from scratch. */
  public void reset() {
    post("/moto-api/reset", "");
  }

  /**
   * Makes moto check every request's signature and IAM policies from now on, as AWS does (true), or
   * accept any request again (false). With it on, only access keys moto itself issued work.
   */
  public void enforceIam(boolean on) {
    post("/moto-api/reset-auth", on ? "0" : "inf");
  }

  private void post(String path, String body) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint().resolve(path).toURL().openConnection();
      c.setRequestMethod("POST");
      // not a form: moto reads the raw body (a form content type would hide it)
      c.setRequestProperty("Content-Type", "text/plain");
      c.setDoOutput(true);
      c.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (c.getResponseCode() >= 300)
        throw new IOException("moto " + path + " answered " + c.getResponseCode());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
        process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file; the OS cleans it
    }
  }
}
