package dev.fargatedoctor.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.agent.json.JsonWriter;
import dev.fargatedoctor.agent.proc.TcpState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The agent's HTTP endpoints on the JDK's built-in server (no third-party dependency). It binds
 * where it is told - 127.0.0.1 unless configured otherwise - and serves the latest published {@link
 * AgentState}; requests never read /proc themselves.
 */
public final class AgentHttpServer implements AutoCloseable {

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<AgentState> state;
  private final Clock clock;
  private final HeapDumps heapDumps;

  private AgentHttpServer(
      HttpServer server,
      ExecutorService executor,
      Supplier<AgentState> state,
      Clock clock,
      HeapDumps heapDumps) {
    this.server = server;
    this.executor = executor;
    this.state = state;
    this.clock = clock;
    this.heapDumps = heapDumps;
  }

  /**
   * Binds and starts serving.
   *
   * @param heapDumps the heap dump handler (javaagent mode), or null where heap dumps do not apply
   */
  public static AgentHttpServer start(
      InetAddress bind, int port, Supplier<AgentState> state, Clock clock, HeapDumps heapDumps)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    AtomicInteger n = new AtomicInteger();
    // Two daemon threads: enough for a debugging human and a Prometheus scraper, and they never
    // keep the application's JVM alive in -javaagent mode.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "fargate-doctor-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    AgentHttpServer agentServer = new AgentHttpServer(server, executor, state, clock, heapDumps);
    server.createContext("/", agentServer::handle);
    server.setExecutor(executor);
    server.start();
    return agentServer;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (RuntimeException e) {
      send(exchange, 500, JSON, error("internal error: " + e.getClass().getSimpleName()));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String method = exchange.getRequestMethod();
    AgentState current = state.get();
    if (path.equals("/debug/heapdump")) {
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, JSON, error("use POST with 'Authorization: Bearer <token>'"));
        return;
      }
      heapdump(exchange, current);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      send(exchange, 405, JSON, error("method not allowed"));
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    switch (path) {
      case "/health":
        send(exchange, 200, JSON, Reports.health(current, clock.instant()));
        return;
      case "/health/detailed":
        send(exchange, 200, JSON, Reports.healthDetailed(current, clock.instant()));
        return;
      case "/debug/memory":
        send(exchange, 200, JSON, Reports.memory(current));
        return;
      case "/debug/connections":
        connections(exchange, current, query);
        return;
      case "/debug/fds":
        send(exchange, 200, JSON, Reports.fds(current, limit(query)));
        return;
      case "/metrics":
        send(
            exchange,
            200,
            PrometheusText.CONTENT_TYPE,
            PrometheusText.render(current, clock.instant()));
        return;
      case "/debug/threads":
        if (current.mode() != AgentState.Mode.JAVAAGENT) {
          send(exchange, 404, JSON, error("/debug/threads is only available in -javaagent mode"));
          return;
        }
        send(exchange, 200, TEXT, ThreadDump.render());
        return;
      default:
        send(
            exchange,
            404,
            JSON,
            error(
                "no such endpoint; try /health, /health/detailed, /debug/memory,"
                    + " /debug/connections, /debug/fds, /metrics"
                    + (current.mode() == AgentState.Mode.JAVAAGENT
                        ? ", /debug/threads, POST /debug/heapdump"
                        : "")));
    }
  }

  private void connections(HttpExchange exchange, AgentState current, Map<String, String> query)
      throws IOException {
    TcpState filter = null;
    String state = query.get("state");
    if (state != null && !state.isEmpty()) {
      try {
        filter = TcpState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        send(
            exchange,
            400,
            JSON,
            error("unknown state; use one of " + java.util.Arrays.toString(TcpState.values())));
        return;
      }
    }
    send(exchange, 200, JSON, Reports.connections(current, filter, limit(query)));
  }

  private void heapdump(HttpExchange exchange, AgentState current) throws IOException {
    if (current.mode() != AgentState.Mode.JAVAAGENT || heapDumps == null) {
      send(exchange, 404, JSON, error("/debug/heapdump is only available in -javaagent mode"));
      return;
    }
    String presented =
        TokenCheck.presented(
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("X-Fargate-Doctor-Token"));
    HeapDumps.Outcome outcome =
        heapDumps.request(exchange.getRemoteAddress().getAddress(), presented);
    if (outcome.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"fargate-doctor\"");
    }
    if (outcome.retryAfterSeconds() > 0) {
      exchange.getResponseHeaders().set("Retry-After", Long.toString(outcome.retryAfterSeconds()));
    }
    send(exchange, outcome.status(), JSON, outcome.body());
  }

  private static int limit(Map<String, String> query) {
    String value = query.get("limit");
    if (value == null) {
      return Reports.DEFAULT_LIMIT;
    }
    try {
      return Math.max(1, Math.min(10_000, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return Reports.DEFAULT_LIMIT;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // ignore the malformed parameter
      }
    }
    return params;
  }

  private static String error(String text) {
    return JsonWriter.pretty().beginObject().field("error", text).endObject().toString();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
