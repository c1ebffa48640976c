package dev.fargatedoctor.agent.proc;

import static dev.fargatedoctor.agent.proc.KernelSockets.awaitConnections;
import static dev.fargatedoctor.agent.proc.KernelSockets.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.MachineCapability;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sockets opened on this machine's kernel, read back through /proc. */
class ProcNetTcpRealKernelTest {

  private static final int SELF = (int) ProcessHandle.current().pid();
  private final SocketOwners owners = new SocketOwners(Path.of("/proc"));

  @Test
  void closeWaitSocketsShowWithTheirRemoteEndpointAndOwningPid() throws Exception {
    try (KernelSockets sockets = KernelSockets.closeWait(5)) {
      Endpoint server = sockets.serverEndpoint();
      // Both ends settle independently: wait for the client's CLOSE_WAIT and the server's
      // FIN_WAIT2.
      List<TcpConnection> connections =
          awaitConnections(
              c ->
                  count(c, TcpState.CLOSE_WAIT, server) == 5
                      && c.stream()
                              .filter(
                                  x ->
                                      x.state() == TcpState.FIN_WAIT2
                                          && x.local().port() == server.port())
                              .count()
                          == 5);
      assertThat(count(connections, TcpState.CLOSE_WAIT, server)).isEqualTo(5);

      InodeOwners owned = owners.scan().owners();
      assertThat(
              connections.stream()
                  .filter(c -> c.state() == TcpState.CLOSE_WAIT && c.remote().equals(server))
                  .map(c -> owned.ownerOf(c.inode())))
          .hasSize(5)
          .containsOnly(SELF);
      // The server side closed first: its sockets wait in FIN_WAIT2, orphaned (no inode, no owner).
      assertThat(
              connections.stream()
                  .filter(
                      c -> c.state() == TcpState.FIN_WAIT2 && c.local().port() == server.port()))
          .hasSize(5)
          .allMatch(c -> c.inode() == 0);
    }
  }

  @Test
  void timeWaitSocketsHaveNoInodeAndNoOwner() throws Exception {
    try (KernelSockets sockets = KernelSockets.timeWait(4)) {
      Endpoint server = sockets.serverEndpoint();
      List<TcpConnection> connections =
          awaitConnections(c -> count(c, TcpState.TIME_WAIT, server) == 4);
      assertThat(
              connections.stream()
                  .filter(c -> c.state() == TcpState.TIME_WAIT && c.remote().equals(server)))
          .hasSize(4)
          .allMatch(c -> c.inode() == 0)
          .allMatch(c -> c.local().isLoopback());
    }
  }

  @Test
  void connectsToAFullListenQueueStayInSynSent() throws Exception {
    try (KernelSockets sockets = KernelSockets.synSent(6)) {
      Endpoint server = sockets.serverEndpoint();
      // Backlog 1 holds two completed connections; the kernel drops the other SYNs.
      List<TcpConnection> connections =
          awaitConnections(c -> count(c, TcpState.SYN_SENT, server) >= 3);
      long synSent = count(connections, TcpState.SYN_SENT, server);
      assertThat(synSent).isBetween(3L, 6L);
      InodeOwners owned = owners.scan().owners();
      assertThat(
              connections.stream()
                  .filter(c -> c.state() == TcpState.SYN_SENT && c.remote().equals(server))
                  .map(c -> owned.ownerOf(c.inode())))
          .containsOnly(SELF);
    }
  }

  @Test
  void ipv6LoopbackConnectionsAreDecoded() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    MachineCapability.require(
        v6 instanceof Inet6Address && Files.exists(Path.of("/proc/net/tcp6")), "IPv6 loopback");
    try (ServerSocket server = new ServerSocket(0, 5, v6);
        Socket client = new Socket(v6, server.getLocalPort());
        Socket accepted = server.accept()) {
      Endpoint remote = Endpoint.of("::1", server.getLocalPort());
      List<TcpConnection> connections =
          awaitConnections(c -> count(c, TcpState.ESTABLISHED, remote) == 1);
      TcpConnection c =
          connections.stream()
              .filter(x -> x.state() == TcpState.ESTABLISHED && x.remote().equals(remote))
              .findFirst()
              .orElseThrow();
      assertThat(c.local().toString()).isEqualTo("[::1]:" + client.getLocalPort());
      assertThat(owners.scan().owners().ownerOf(c.inode())).isEqualTo(SELF);
      assertThat(accepted.isConnected()).isTrue();
    }
  }

  @Test
  void socketsOfAnotherProgramNameThatProgramAsOwner() throws Exception {
    // Any language: a shell opens the connection, then becomes "sleep" holding it.
    try (ServerSocket server = new ServerSocket(0, 5, KernelSockets.LOOPBACK)) {
      Process child =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "exec 3<>/dev/tcp/127.0.0.1/"
                      + server.getLocalPort()
                      + " && echo ready && exec sleep 60")
              .redirectErrorStream(true)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        server.accept().close(); // the peer closes; the child never will
        Endpoint remote = Endpoint.of("127.0.0.1", server.getLocalPort());
        List<TcpConnection> connections =
            awaitConnections(c -> count(c, TcpState.CLOSE_WAIT, remote) == 1);
        TcpConnection c =
            connections.stream()
                .filter(x -> x.state() == TcpState.CLOSE_WAIT && x.remote().equals(remote))
                .findFirst()
                .orElseThrow();
        int pid = (int) child.pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        ProcessInfo info = new ProcessReader(Path.of("/proc")).read(pid).orElseThrow();
        while (!info.name().equals("sleep") && System.nanoTime() < deadline) {
          Thread.sleep(20);
          info = new ProcessReader(Path.of("/proc")).read(pid).orElseThrow();
        }
        SocketOwners.Scan scan = owners.scan();
        assertThat(scan.owners().ownerOf(c.inode())).isEqualTo(pid);
        assertThat(scan.fdsByPid().get(pid).sockets()).isEqualTo(1);
        assertThat(info.name()).isEqualTo("sleep");
        assertThat(info.commandLine()).isEqualTo("sleep 60");
      } finally {
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
