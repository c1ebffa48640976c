package dev.fargatedoctor.agent.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoints, served by {@link BoundedHttpServer} (no third-party dependency). It
 * binds where it is told - 127.0.0.1 unless configured otherwise - and serves the latest published
 * {@link AgentState}; requests never read /proc themselves. Until the first sample exists, every
 * endpoint that shows one answers {@code 503} with {@code Retry-After}.
 */
public final class AgentHttpServer implements AutoCloseable {

  static final String JSON = Routes.JSON;

  private final BoundedHttpServer server;

  private AgentHttpServer(
      InetSocketAddress address,
      BoundedHttpServer.Limits limits,
      Supplier<AgentState> state,
      Clock clock,
      HeapDumps heapDumps,
      Duration interval)
      throws IOException {
    AtomicReference<BoundedHttpServer> self = new AtomicReference<>();
    Routes routes = new Routes(state, clock, heapDumps, interval, () -> self.get().stats());
    this.server = BoundedHttpServer.bind(address, limits, routes);
    self.set(server);
  }

  /**
   * Binds without serving: connections wait in the kernel's backlog until {@link #serve()}, so the
   * agent can take its first sample between the two and never answer without one.
   *
   * @param heapDumps the heap dump handler (javaagent mode), or null where heap dumps do not apply
   * @param interval the sampling interval, which a 503 before the first sample names as Retry-After
   */
  public static AgentHttpServer bind(
      InetAddress bind,
      int port,
      Supplier<AgentState> state,
      Clock clock,
      HeapDumps heapDumps,
      Duration interval)
      throws IOException {
    return new AgentHttpServer(
        new InetSocketAddress(bind, port),
        BoundedHttpServer.Limits.DEFAULT,
        state,
        clock,
        heapDumps,
        interval);
  }

  /** Binds and serves at once. */
  public static AgentHttpServer start(
      InetAddress bind, int port, Supplier<AgentState> state, Clock clock, HeapDumps heapDumps)
      throws IOException {
    AgentHttpServer server =
        new AgentHttpServer(
            new InetSocketAddress(bind, port),
            BoundedHttpServer.Limits.DEFAULT,
            state,
            clock,
            heapDumps,
            Duration.ofSeconds(10));
    server.serve();
    return server;
  }

  /** Starts answering, including the connections that arrived since {@link #bind}. */
  public void serve() {
    server.start();
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
