package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.http.SlowLoris;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark for bench/agent/run.sh (not a test): the sidecar's /health latency while a neighbour
 * holds N half-sent requests (test source SlowLoris: held, trickling a byte a second, reopened when
 * dropped), against the same sidecar with no attack in the same run; and the sidecar's resident
 * memory and open fds in both phases.
 */
public final class SlowClientsBench {

  private SlowClientsBench() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    List<String> opts = Arrays.asList(args[1].trim().split("\\s+"));
    int slowClients = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(opts);
    command.addAll(List.of("-jar", jar, "--port", "0", "--interval", "10s", "--no-emf"));
    Process sidecar = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(sidecar.getInputStream(), StandardCharsets.UTF_8));
      String started = out.readLine();
      if (started == null || !started.contains("fargate-doctor.started")) {
        throw new IllegalStateException("sidecar did not start: " + started);
      }
      int port = Integer.parseInt(started.replaceAll(".*\"listen\":\"[^\"]*:(\\d+)\".*", "$1"));
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // warning lines; the sidecar must never block on a full pipe
                  }
                } catch (IOException ignored) {
                  // stopped
                }
              });
      drain.setDaemon(true);
      drain.start();

      System.out.println(
          "== /health of a sidecar (java "
              + String.join(" ", opts)
              + "), "
              + seconds
              + " s per phase, one probe every 50 ms ==");
      awaitFirstSample(port);
      Phase quiet = probe(port, seconds, sidecar.pid());
      report("no slow clients (baseline)", quiet);
      Phase attacked;
      long connects;
      try (SlowLoris attack = new SlowLoris(port, slowClients).start()) {
        Thread.sleep(2000); // let the attack reach full strength
        attacked = probe(port, seconds, sidecar.pid());
        connects = attack.connects();
      }
      report(slowClients + " slow clients held", attacked);
      System.out.printf(
          Locale.ROOT,
          "RATIO  p50 %.2fx, p99 %.2fx of the baseline; %d of %d probes failed"
              + " (target: none fail, p99 under 1 s: %s)%n",
          attacked.p(50) / quiet.p(50),
          attacked.p(99) / quiet.p(99),
          attacked.failures,
          attacked.latencies.length + attacked.failures,
          attacked.failures == 0 && attacked.p(99) < 1000 ? "met" : "NOT MET");
      System.out.println("slow-client connections made (with reconnects): " + connects);
      System.out.println("sidecar's own count of dropped connections:");
      for (String line : get(port, "/metrics").split("\n")) {
        if (line.startsWith("fargate_doctor_agent_http_") && !line.startsWith("#")) {
          System.out.println("  " + line);
        }
      }
    } finally {
      sidecar.destroy();
      sidecar.waitFor(10, TimeUnit.SECONDS);
      sidecar.destroyForcibly();
    }
  }

  private record Phase(double[] latencies, int failures, double rssMiB, double hwmMiB, int fds) {
    double p(int percentile) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
    }
  }

  private static Phase probe(int port, int seconds, long pid) throws Exception {
    List<Double> latencies = new ArrayList<>();
    int failures = 0;
    int maxFds = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() - end < 0) {
      long t0 = System.nanoTime();
      try {
        String body = get(port, "/health");
        if (body.contains("\"UP\"")) {
          latencies.add((System.nanoTime() - t0) / 1e6);
        } else {
          failures++;
        }
      } catch (IOException e) {
        failures++;
      }
      maxFds = Math.max(maxFds, fds(pid));
      Thread.sleep(50);
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] memory = rss(pid);
    return new Phase(sorted, failures, memory[0], memory[1], maxFds);
  }

  private static void report(String what, Phase p) {
    System.out.printf(
        Locale.ROOT,
        "%-28s probes %4d  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  failed %d"
            + "  | sidecar VmRSS %.1f MiB, VmHWM %.1f MiB, fds up to %d%n",
        what,
        p.latencies.length + p.failures,
        p.p(50),
        p.p(99),
        p.latencies.length == 0 ? Double.NaN : p.latencies[p.latencies.length - 1],
        p.failures,
        p.rssMiB,
        p.hwmMiB,
        p.fds);
  }

  /**
   * Until its first sample the agent answers 503 with Retry-After: waiting for it keeps start-up
   * out of the baseline, which would otherwise count those answers as failed probes.
   */
  private static void awaitFirstSample(int port) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        get(port, "/health");
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() - end > 0) {
          throw new IllegalStateException("no first sample within 60 s: " + notYet.getMessage());
        }
        Thread.sleep(200);
      }
    }
  }

  /** One request on a fresh connection, as a scraper makes it; 10 s at most. */
  private static String get(int port, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      if (!response.startsWith("HTTP/1.1 200 ")) {
        throw new IOException(response.lines().findFirst().orElse("no response"));
      }
      return response;
    }
  }

  private static int fds(long pid) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return (int) s.count();
    }
  }

  private static double[] rss(long pid) throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
            .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
            .collect(Collectors.toList());
    double rss = 0;
    double hwm = 0;
    for (String l : lines) {
      double mib = Long.parseLong(l.split("\\s+")[1]) / 1024.0;
      if (l.startsWith("VmRSS:")) {
        rss = mib;
      } else {
        hwm = mib;
      }
    }
    return new double[] {rss, hwm};
  }
}
