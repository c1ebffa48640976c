package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketOwnersTest {

  @Test
  void mapsSocketInodesToPidsAndCountsFds(@TempDir Path proc) throws Exception {
    fd(proc, 100, 0, "/dev/null");
    fd(proc, 100, 3, "socket:[5001]");
    fd(proc, 100, 4, "socket:[5002]");
    fd(proc, 100, 5, "pipe:[777]");
    fd(proc, 200, 5, "socket:[6001]");
    fd(proc, 200, 6, "socket:[5001]"); // shared after fork: the first (lowest) pid keeps it
    Files.createDirectories(proc.resolve("300")); // exited: no fd directory left
    Files.createDirectories(proc.resolve("400"));
    Files.writeString(proc.resolve("400/fd"), "not a directory"); // torn down mid-walk
    Files.createDirectories(proc.resolve("net"));
    Files.createSymbolicLink(proc.resolve("self"), proc.resolve("100"));

    SocketOwners.Scan scan = new SocketOwners(proc).scan();

    assertThat(scan.owners().ownerOf(5001)).isEqualTo(100);
    assertThat(scan.owners().ownerOf(5002)).isEqualTo(100);
    assertThat(scan.owners().ownerOf(6001)).isEqualTo(200);
    assertThat(scan.owners().ownerOf(777)).isZero();
    assertThat(scan.fdsByPid()).containsOnlyKeys(100, 200);
    assertThat(scan.fdsByPid().get(100)).isEqualTo(new SocketOwners.FdCount(4, 2));
    assertThat(scan.fdsByPid().get(200)).isEqualTo(new SocketOwners.FdCount(2, 2));
    assertThat(scan.unreadablePids()).isEmpty();
  }

  @Test
  void parsesOnlySocketLinks() {
    assertThat(SocketOwners.socketInode("socket:[12345]")).isEqualTo(12345);
    assertThat(SocketOwners.socketInode("socket:[]")).isEqualTo(-1);
    assertThat(SocketOwners.socketInode("socket:[12x]")).isEqualTo(-1);
    assertThat(SocketOwners.socketInode("anon_inode:[eventpoll]")).isEqualTo(-1);
    assertThat(SocketOwners.socketInode("/tmp/socket:[1]")).isEqualTo(-1);
    assertThat(SocketOwners.parsePid("1234")).isEqualTo(1234);
    assertThat(SocketOwners.parsePid("self")).isEqualTo(-1);
    assertThat(SocketOwners.parsePid("")).isEqualTo(-1);
  }

  @Test
  void findsThisJvmAsOwnerOfItsListeningSocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, KernelSockets.LOOPBACK)) {
      List<TcpConnection> connections =
          KernelSockets.awaitConnections(
              c ->
                  c.stream()
                      .anyMatch(
                          x ->
                              x.state() == TcpState.LISTEN
                                  && x.local().port() == server.getLocalPort()));
      TcpConnection listen =
          connections.stream()
              .filter(
                  x -> x.state() == TcpState.LISTEN && x.local().port() == server.getLocalPort())
              .findFirst()
              .orElseThrow();
      SocketOwners.Scan scan = new SocketOwners(Path.of("/proc")).scan();
      int self = (int) ProcessHandle.current().pid();
      assertThat(scan.owners().ownerOf(listen.inode())).isEqualTo(self);
      assertThat(scan.fdsByPid().get(self).sockets()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void processesAndSocketsComingAndGoingMidScanNeverBreakIt() throws Exception {
    // Churn: short-lived processes and sockets opened and closed while the agent walks /proc.
    // The test counts work, not time: it ends once both the scans and the churn have done enough
    // rounds side by side, however slow the machine. How fast a scan is belongs to bench/agent.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger churned = new AtomicInteger();
    AtomicReference<Exception> churnFailed = new AtomicReference<>();
    Thread churn =
        new Thread(
            () -> {
              try (ServerSocket server = new ServerSocket(0, 50, KernelSockets.LOOPBACK)) {
                while (!stop.get()) {
                  Process p = new ProcessBuilder("true").start();
                  try (Socket s = new Socket(KernelSockets.LOOPBACK, server.getLocalPort());
                      Socket a = server.accept()) {
                    a.getOutputStream().write(1);
                  }
                  p.waitFor();
                  churned.incrementAndGet();
                }
              } catch (Exception e) {
                churnFailed.set(e);
              }
            },
            "churn");
    churn.start();
    try {
      ProcessReader processes = new ProcessReader(Path.of("/proc"));
      ProcNetTcpReader tcp = new ProcNetTcpReader(Path.of("/proc"));
      int self = (int) ProcessHandle.current().pid();
      int churnedBefore = churned.get();
      int scans = 0;
      while (scans < 20 || churned.get() - churnedBefore < 20) {
        assertThat(churnFailed.get()).as("the churn thread").isNull();
        SocketOwners.Scan scan = new SocketOwners(Path.of("/proc")).scan();
        assertThat(scan.fdsByPid()).containsKey(self);
        for (int pid : scan.fdsByPid().keySet()) {
          processes.read(pid); // may be empty when the pid is gone: never an exception
        }
        assertThat(tcp.read().skippedLines()).isZero();
        scans++;
      }
    } finally {
      stop.set(true);
      churn.join(30_000);
    }
    assertThat(churnFailed.get()).isNull();
  }

  @Test
  void anUnprivilegedAgentListsProcessesItCannotReadInsteadOfFailing() throws Exception {
    assumeTrue(
        new File("/usr/bin/setpriv").canExecute() && "root".equals(System.getProperty("user.name")),
        "needs root and setpriv to run a scan as another uid");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child =
        new ProcessBuilder(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                java,
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                ScanAsAnotherUser.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(
        child.exitValue() == 0 || !out.contains("ClassNotFoundException"),
        "test classes not readable: " + out);
    assertThat(child.exitValue()).as(out).isZero();
    String self = Long.toString(ProcessHandle.current().pid());
    String unreadable =
        out.lines().filter(l -> l.startsWith("unreadable=")).findFirst().orElseThrow();
    assertThat(unreadable.substring("unreadable=[".length(), unreadable.length() - 1).split(", "))
        .contains(self);
  }

  private static void fd(Path proc, int pid, int fd, String target) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(pid + "/fd"));
    Files.createSymbolicLink(dir.resolve(Integer.toString(fd)), Path.of(target));
  }
}
