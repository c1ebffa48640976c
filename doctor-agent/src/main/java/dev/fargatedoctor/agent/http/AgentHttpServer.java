package dev.fargatedoctor.agent.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoints, served by {@link BoundedHttpServer} (no third-party dependency). It
 * binds where it is told - 127.0.0.1 unless configured otherwise - and serves the latest published
 * {@link AgentState}; requests never read /proc themselves.
 */
public final class AgentHttpServer implements AutoCloseable {

  static final String JSON = Routes.JSON;

  private final BoundedHttpServer server;

  private AgentHttpServer(
      InetSocketAddress address, Supplier<AgentState> state, Clock clock, HeapDumps heapDumps)
      throws IOException {
    AtomicReference<BoundedHttpServer> self = new AtomicReference<>();
    Routes routes = new Routes(state, clock, heapDumps, () -> self.get().stats());
    this.server = BoundedHttpServer.bind(address, BoundedHttpServer.Limits.DEFAULT, routes);
    self.set(server);
  }

  /**
   * Binds and serves at once. Until the state holds a first sample, the endpoints that show one
   * answer 503 with Retry-After.
   *
   * @param heapDumps the heap dump handler (javaagent mode), or null where heap dumps do not apply
   */
  public static AgentHttpServer start(
      InetAddress bind, int port, Supplier<AgentState> state, Clock clock, HeapDumps heapDumps)
      throws IOException {
    AgentHttpServer server =
        new AgentHttpServer(new InetSocketAddress(bind, port), state, clock, heapDumps);
    server.server.start();
    return server;
  }

  public int port() {
    return server.address().getPort();
  }

  public InetSocketAddress address() {
    return server.address();
  }

  BoundedHttpServer.Stats stats() {
    return server.stats();
  }

  @Override
  public void close() {
    server.close();
  }
}
