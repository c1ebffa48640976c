package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.proc.SocketOwners;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark for bench/agent/run.sh (not a test): how long one walk of /proc/*&#47;fd takes while
 * short-lived processes and sockets come and go, against the same walk on a quiet machine in the
 * same run. The speed target that SocketOwnersTest used to assert (more than 3 scans in 1.5 s, so
 * at most 500 ms a scan under churn) is checked here, where a loaded machine cannot fail a build.
 */
public final class ScanUnderChurnBench {

  private static final int WARMUP = 10;
  private static final int RUNS = 40;

  private ScanUnderChurnBench() {}

  public static void main(String[] args) throws Exception {
    SocketOwners owners = new SocketOwners(Path.of("/proc"));
    Measured quiet = measure(owners);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger churned = new AtomicInteger();
    Thread churn =
        new Thread(
            () -> {
              InetAddress loopback = InetAddress.getLoopbackAddress();
              try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
                while (!stop.get()) {
                  Process p = new ProcessBuilder("true").start();
                  try (Socket s = new Socket(loopback, server.getLocalPort());
                      Socket a = server.accept()) {
                    a.getOutputStream().write(1);
                  }
                  p.waitFor();
                  churned.incrementAndGet();
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "churn");
    churn.start();
    Measured busy;
    int churnedDuring;
    try {
      int before = churned.get();
      busy = measure(owners);
      churnedDuring = churned.get() - before;
    } finally {
      stop.set(true);
      churn.join();
    }

    System.out.println(
        "== one scan of /proc/*/fd (socket owners), median of "
            + RUNS
            + " after "
            + WARMUP
            + " warm-up scans ==");
    report("quiet machine (baseline)", quiet);
    report("while processes and sockets churn (" + churnedDuring + " spawned)", busy);
    System.out.printf(
        Locale.ROOT,
        "RATIO  under churn / quiet, wall: %.2fx%n",
        busy.wallMillis / quiet.wallMillis);
    System.out.printf(
        Locale.ROOT,
        "scans per 1.5 s under churn: %.1f (target > 3, at most 500 ms a scan: %s)%n",
        1500 / busy.wallMillis,
        busy.wallMillis <= 500 ? "met" : "NOT MET");
  }

  private record Measured(double wallMillis, double cpuMillis) {}

  private static Measured measure(SocketOwners owners) throws Exception {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) {
      owners.scan();
    }
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      owners.scan();
      wall[i] = (System.nanoTime() - w0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    return new Measured(median(wall), median(cpu));
  }

  private static void report(String what, Measured m) {
    System.out.printf(
        Locale.ROOT, "%-60s wall %7.2f ms  cpu %7.2f ms%n", what, m.wallMillis, m.cpuMillis);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
