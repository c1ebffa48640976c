package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.ProcNetTcpReader;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark for bench/agent/run.sh (not a test). In one run, with N sockets open on loopback:
 *
 * <ol>
 *   <li>one agent sample - CPU time (user + system of the sampling thread) and heap allocation -
 *       against {@code ss -tan} counting the same sockets (CPU of the child process);
 *   <li>the full sample with socket owners against {@code ss -tanp}, which walks the same
 *       /proc/*&#47;fd;
 *   <li>the resident memory of a sidecar ({@code java -jar doctor-agent.jar}) at -Xmx32m, sampling
 *       every second while the sockets are open and its endpoints are being read.
 * </ol>
 *
 * Lives in the agent's package to time the package-private {@link Sampler} directly.
 */
public final class SampleBench {

  private static final int WARMUP = 30;
  private static final int RUNS = 25;
  private static final long CLK_TCK = 100; // USER_HZ on Linux; run.sh checks getconf CLK_TCK

  private SampleBench() {}

  public static void main(String[] args) throws Exception {
    int sockets = Integer.parseInt(args[0]);
    String jar = args[1];
    List<String> sidecarOpts =
        args.length > 2 ? Arrays.asList(args[2].trim().split("\\s+")) : List.of("-Xmx32m");
    boolean plainToo = args.length > 3 && Boolean.parseBoolean(args[3]);

    List<Socket> held = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
      long openStart = System.nanoTime();
      for (int i = 0; i < sockets / 2; i++) {
        held.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        held.add(server.accept());
      }
      System.out.printf(
          Locale.ROOT,
          "opened %d loopback sockets (%d connections) in %.1f s%n",
          held.size(),
          held.size() / 2,
          (System.nanoTime() - openStart) / 1e9);

      ProcNetTcpReader reader = new ProcNetTcpReader(Path.of("/proc"));
      Map<TcpState, Integer> ours = countByState(reader.read().connections());
      Map<String, Integer> ss = ssCount(run(List.of("ss", "-tan")));
      System.out.println("counts, agent : " + ours);
      System.out.println("counts, ss -tan: " + ss);
      int ourEstablished = ours.getOrDefault(TcpState.ESTABLISHED, 0);
      if (ourEstablished < sockets) {
        throw new IllegalStateException(
            "expected at least " + sockets + " ESTABLISHED sockets, read " + ourEstablished);
      }

      Sampler sampler =
          new Sampler(
              Path.of("/proc"),
              new CgroupMemory(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup")),
              null,
              Clock.systemUTC());

      Measured connectionsOnly = measure(() -> countByState(reader.read().connections()));
      Measured fullSample = measure(() -> sampler.sample());
      ChildCpu ssTan = childCpu(List.of("ss", "-tan"));
      ChildCpu ssTanp = childCpu(List.of("ss", "-tanp"));

      System.out.println();
      System.out.println(
          "== one sample with "
              + held.size()
              + " sockets open (median of "
              + RUNS
              + " after "
              + WARMUP
              + " warm-up runs) ==");
      report("agent: read /proc/net/tcp{,6} + count by state", connectionsOnly);
      report("agent: full sample (+ owners via /proc/*/fd, processes, cgroup)", fullSample);
      System.out.printf(
          Locale.ROOT,
          "%-64s cpu %7.2f ms  wall %7.2f ms%n",
          "ss -tan (whole process, mean of " + ssTan.runs + ")",
          ssTan.cpuMillis,
          ssTan.wallMillis);
      System.out.printf(
          Locale.ROOT,
          "%-64s cpu %7.2f ms  wall %7.2f ms%n",
          "ss -tanp (whole process, mean of " + ssTanp.runs + ")",
          ssTanp.cpuMillis,
          ssTanp.wallMillis);
      double ratio = connectionsOnly.cpuMillis / ssTan.cpuMillis;
      double ratioOwners = fullSample.cpuMillis / ssTanp.cpuMillis;
      System.out.printf(
          Locale.ROOT,
          "RATIO  counting, agent / ss -tan      : %.2fx  (target <= 2x: %s)%n",
          ratio,
          ratio <= 2 ? "met" : "NOT MET");
      System.out.printf(
          Locale.ROOT,
          "RATIO  with owners, agent / ss -tanp : %.2fx  (same target: %s)%n",
          ratioOwners,
          ratioOwners <= 2 ? "met" : "NOT MET");

      System.out.println();
      System.out.println(
          "== sidecar resident memory: java "
              + String.join(" ", sidecarOpts)
              + " -jar "
              + Path.of(jar).getFileName()
              + " ==");
      sidecarRss(jar, sidecarOpts, true);
      if (plainToo) {
        System.out.println();
        System.out.println(
            "== for reference, plain java -Xmx32m (the JVM's own choice of collector and compilers) ==");
        sidecarRss(jar, List.of("-Xmx32m"), false);
      }
    } finally {
      for (Socket s : held) {
        s.setSoLinger(true, 0); // reset, not TIME_WAIT: the next run starts from a clean table
        s.close();
      }
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private record Measured(double cpuMillis, double wallMillis, double allocatedMiB) {}

  private static Measured measure(Work work) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < WARMUP; i++) {
      work.run();
    }
    double[] cpu = new double[RUNS];
    double[] wall = new double[RUNS];
    double[] alloc = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long a0 = threads.getThreadAllocatedBytes(tid);
      long w0 = System.nanoTime();
      work.run();
      wall[i] = (System.nanoTime() - w0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      alloc[i] = (threads.getThreadAllocatedBytes(tid) - a0) / (1024.0 * 1024);
    }
    return new Measured(median(cpu), median(wall), median(alloc));
  }

  private static void report(String what, Measured m) {
    System.out.printf(
        Locale.ROOT,
        "%-64s cpu %7.2f ms  wall %7.2f ms  alloc %6.2f MiB%n",
        what,
        m.cpuMillis,
        m.wallMillis,
        m.allocatedMiB);
  }

  private record ChildCpu(double cpuMillis, double wallMillis, int runs) {}

  /** Mean CPU of a command: the cutime + cstime this JVM accrues as it reaps each child. */
  private static ChildCpu childCpu(List<String> command) throws Exception {
    for (int i = 0; i < 5; i++) {
      run(command); // warm the page cache and the binary
    }
    long before = childTicks();
    long w0 = System.nanoTime();
    int runs = 40;
    for (int i = 0; i < runs; i++) {
      run(command);
    }
    double wall = (System.nanoTime() - w0) / 1e6 / runs;
    long ticks = childTicks() - before;
    return new ChildCpu(ticks * 1000.0 / CLK_TCK / runs, wall, runs);
  }

  /** Fields 16 and 17 of /proc/self/stat: CPU of waited-for children, in clock ticks. */
  private static long childTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime (fields 16, 17)
  }

  private static List<String> run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed");
    }
    return lines;
  }

  private static Map<String, Integer> ssCount(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String state = line.trim().split("\\s+")[0];
      counts.merge(state, 1, Integer::sum);
    }
    return counts;
  }

  private static Map<TcpState, Integer> countByState(List<TcpConnection> connections) {
    Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
    for (TcpConnection c : connections) {
      counts.merge(c.state(), 1, Integer::sum);
    }
    return counts;
  }

  private static void sidecarRss(String jar, List<String> opts, boolean target) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(opts);
    command.addAll(List.of("-jar", jar, "--port", "0", "--interval", "1s"));
    Process sidecar = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sidecar.getInputStream(), StandardCharsets.UTF_8));
    try {
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
                    // EMF lines; the sidecar must never block on a full pipe
                  }
                } catch (IOException ignored) {
                  // stopped
                }
              });
      drain.setDaemon(true);
      drain.start();
      long cpu0 = processTicks(sidecar.pid());
      long t0 = System.nanoTime();
      for (int second = 0; second < 20; second++) {
        for (String path :
            List.of("/debug/connections", "/metrics", "/health/detailed", "/debug/fds")) {
          get("http://127.0.0.1:" + port + path);
        }
        Thread.sleep(1000);
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double cpuPerSecond = (processTicks(sidecar.pid()) - cpu0) * 1000.0 / CLK_TCK / elapsed;
      Map<String, Long> status = status(sidecar.pid());
      double rss = status.get("VmRSS") / 1024.0;
      double hwm = status.get("VmHWM") / 1024.0;
      System.out.printf(
          Locale.ROOT,
          "sidecar VmRSS %.1f MiB, peak VmHWM %.1f MiB after %.0f s of 1 s samples and"
              + " endpoint reads%s%n",
          rss,
          hwm,
          elapsed,
          target ? " (target <= 64 MiB: " + (hwm <= 64 ? "met" : "NOT MET") + ")" : "");
      System.out.printf(
          Locale.ROOT,
          "sidecar CPU while sampling every second and serving: %.0f ms per second%n",
          cpuPerSecond);
    } finally {
      sidecar.destroy();
      sidecar.waitFor(10, TimeUnit.SECONDS);
      sidecar.destroyForcibly();
    }
  }

  private static void get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    try {
      c.getInputStream().readAllBytes();
    } finally {
      c.disconnect();
    }
  }

  private static long processTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
  }

  private static Map<String, Long> status(long pid) throws IOException {
    Map<String, Long> values = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
        String[] parts = line.split("\\s+");
        values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
      }
    }
    return values;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
