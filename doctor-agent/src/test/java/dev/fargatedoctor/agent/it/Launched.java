package dev.fargatedoctor.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A child process whose stdout lines are collected as they arrive. */
final class Launched implements AutoCloseable {

  final Process process;
  final List<String> lines = new CopyOnWriteArrayList<>();
  final StringBuilder stderr = new StringBuilder();

  Launched(List<String> command) throws IOException {
    this.process = new ProcessBuilder(command).start();
    Thread out =
        new Thread(
            () ->
                pump(
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    true),
            "it-stdout");
    Thread err =
        new Thread(
            () ->
                pump(
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                    false),
            "it-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String agentJar() {
    String jar = System.getProperty("agent.jar");
    assertThat(jar).as("failsafe passes -Dagent.jar").isNotNull();
    return jar;
  }

  private void pump(BufferedReader reader, boolean toQueue) {
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (toQueue) {
          lines.add(line);
        } else {
          synchronized (stderr) {
            stderr.append(line).append('\n');
          }
        }
      }
    } catch (IOException closed) {
      // the process ended
    }
  }

  /** The first stdout line (so far, or within the timeout) containing the text. */
  String awaitLine(String containing, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (line.contains(containing)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no stdout line with '" + containing + "' within " + seconds + " s; stderr: " + stderr());
  }

  /** The port from the agent's "started" line. */
  int startedPort() throws InterruptedException {
    String started = awaitLine("fargate-doctor.started", 30);
    String listen = JsonValues.string(Json.parseObject(started), "listen");
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  @Override
  public void close() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
