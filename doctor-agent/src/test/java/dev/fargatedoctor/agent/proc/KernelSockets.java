package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Real loopback sockets driven into a given TCP state, for tests against the running kernel. Ports
 * are ephemeral, so counts filtered by this server's port are exact even when other processes use
 * the machine.
 */
public final class KernelSockets implements AutoCloseable {

  public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final ServerSocket server;
  private final List<java.io.Closeable> held = new ArrayList<>();

  private KernelSockets(ServerSocket server) {
    this.server = server;
  }

  /** n client sockets in CLOSE_WAIT: the server side closed, the client never does. */
  public static KernelSockets closeWait(int n) throws IOException {
    KernelSockets s = new KernelSockets(new ServerSocket(0, 50, LOOPBACK));
    for (int i = 0; i < n; i++) {
      Socket client = new Socket(LOOPBACK, s.port());
      s.held.add(client);
      s.server.accept().close();
    }
    return s;
  }

  /** n client sockets in TIME_WAIT: the client closes first, then the server. */
  public static KernelSockets timeWait(int n) throws IOException {
    KernelSockets s = new KernelSockets(new ServerSocket(0, 50, LOOPBACK));
    for (int i = 0; i < n; i++) {
      Socket client = new Socket(LOOPBACK, s.port());
      try (Socket accepted = s.server.accept()) {
        client.close();
        accepted.setSoTimeout(5000);
        if (accepted.getInputStream().read() != -1) {
          throw new IOException("expected end of stream");
        }
      }
    }
    return s;
  }

  /**
   * Connects that stay in SYN_SENT: the listener has a backlog of 1 and never accepts, so once its
   * accept queue is full the kernel drops further SYNs. Opens {@code attempts} non-blocking
   * connects.
   */
  public static KernelSockets synSent(int attempts) throws IOException {
    KernelSockets s = new KernelSockets(new ServerSocket(0, 1, LOOPBACK));
    for (int i = 0; i < attempts; i++) {
      SocketChannel channel = SocketChannel.open();
      s.held.add(channel);
      channel.configureBlocking(false);
      channel.connect(new InetSocketAddress(LOOPBACK, s.port()));
    }
    return s;
  }

  public int port() {
    return server.getLocalPort();
  }

  public Endpoint serverEndpoint() {
    return Endpoint.of("127.0.0.1", port());
  }

  @Override
  public void close() throws IOException {
    for (java.io.Closeable c : held) {
      c.close();
    }
    server.close();
  }

  /** Reads /proc until the connections satisfy the condition (state changes are asynchronous). */
  public static List<TcpConnection> awaitConnections(Predicate<List<TcpConnection>> condition)
      throws Exception {
    ProcNetTcpReader reader = new ProcNetTcpReader(Path.of("/proc"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<TcpConnection> connections = reader.read().connections();
    while (!condition.test(connections) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      connections = reader.read().connections();
    }
    return connections;
  }

  public static long count(List<TcpConnection> connections, TcpState state, Endpoint remote) {
    return connections.stream()
        .filter(c -> c.state() == state && c.remote().equals(remote))
        .count();
  }
}
