package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.json.JsonWriter;
import dev.fargatedoctor.agent.proc.TcpState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each path answers, from the newest {@link AgentState}. A pure function of the request and
 * the state (no socket, no /proc), so that it can be driven directly by tests and fuzz targets.
 */
final class Routes implements BoundedHttpServer.Handler {

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  /** The endpoints whose answer is the newest sample. */
  private static final Set<String> SAMPLED =
      Set.of(
          "/health",
          "/health/detailed",
          "/debug/memory",
          "/debug/connections",
          "/debug/fds",
          "/metrics");

  private final Supplier<AgentState> state;
  private final Clock clock;
  private final HeapDumps heapDumps;
  private final Supplier<BoundedHttpServer.Stats> http;

  /**
   * @param heapDumps the heap dump handler (javaagent mode), or null where heap dumps do not apply
   * @param http the serving server's counters, for /metrics
   */
  Routes(
      Supplier<AgentState> state,
      Clock clock,
      HeapDumps heapDumps,
      Supplier<BoundedHttpServer.Stats> http) {
    this.state = state;
    this.clock = clock;
    this.heapDumps = heapDumps;
    this.http = http;
  }

  @Override
  public Response handle(Request request) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String method = request.method();
    AgentState current = state.get();
    if (path.equals("/debug/heapdump")) {
      if (!method.equals("POST")) {
        return json(405, error("use POST with 'Authorization: Bearer <token>'"))
            .header("Allow", "POST");
      }
      return heapdump(request, current);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return json(405, error("method not allowed")).header("Allow", "GET, HEAD");
    }
    Map<String, String> query = query(request.rawQuery());
    if (current.latest() == null && SAMPLED.contains(path)) {
      // The first sample is taken as the agent starts: under a second, unless the task is loaded.
      return json(503, error("no sample yet: the agent is taking its first one"))
          .header("Retry-After", "1");
    }
    switch (path) {
      case "/health":
        return json(200, Reports.health(current, clock.instant()));
      case "/health/detailed":
        return json(200, Reports.healthDetailed(current, clock.instant()));
      case "/debug/memory":
        return json(200, Reports.memory(current));
      case "/debug/connections":
        return connections(current, query);
      case "/debug/fds":
        return json(200, Reports.fds(current, limit(query)));
      case "/metrics":
        return new Response(
            200,
            PrometheusText.CONTENT_TYPE,
            PrometheusText.render(current, clock.instant(), http.get()));
      case "/debug/threads":
        if (current.mode() != AgentState.Mode.JAVAAGENT) {
          return json(404, error("/debug/threads is only available in -javaagent mode"));
        }
        return new Response(200, TEXT, ThreadDump.render());
      default:
        return json(
            404,
            error(
                "no such endpoint; try /health, /health/detailed, /debug/memory,"
                    + " /debug/connections, /debug/fds, /metrics"
                    + (current.mode() == AgentState.Mode.JAVAAGENT
                        ? ", /debug/threads, POST /debug/heapdump"
                        : "")));
    }
  }

  private Response connections(AgentState current, Map<String, String> query) {
    TcpState filter = null;
    String state = query.get("state");
    if (state != null && !state.isEmpty()) {
      try {
        filter = TcpState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return json(400, error("unknown state; use one of " + Arrays.toString(TcpState.values())));
      }
    }
    return json(200, Reports.connections(current, filter, limit(query)));
  }

  private Response heapdump(Request request, AgentState current) {
    if (current.mode() != AgentState.Mode.JAVAAGENT || heapDumps == null) {
      return json(404, error("/debug/heapdump is only available in -javaagent mode"));
    }
    String presented =
        TokenCheck.presented(
            request.header("authorization"), request.header("x-fargate-doctor-token"));
    HeapDumps.Outcome outcome = heapDumps.request(request.client(), presented);
    Response response = json(outcome.status(), outcome.body());
    if (outcome.status() == 401) {
      response.header("WWW-Authenticate", "Bearer realm=\"fargate-doctor\"");
    }
    if (outcome.retryAfterSeconds() > 0) {
      response.header("Retry-After", Long.toString(outcome.retryAfterSeconds()));
    }
    return response;
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

  static String error(String text) {
    return JsonWriter.pretty().beginObject().field("error", text).endObject().toString();
  }

  private static Response json(int status, String body) {
    return new Response(status, JSON, body);
  }
}
