package dev.fargatedoctor.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback endpoint in front of moto that holds chosen operations back before passing them on: a
 * slow AWS endpoint on demand. Operations are told apart as AWS's protocols name them (the Action
 * of a query request, the X-Amz-Target of a JSON one).
 */
final class SlowEndpoint implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private record Hold(Duration delay, AtomicInteger remaining) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();

  SlowEndpoint(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Holds the next {@code times} requests of an operation for {@code delay} each. */
  void hold(String operation, Duration delay, int times) {
    holds.put(operation, new Hold(delay, new AtomicInteger(times)));
  }

  /** How many requests of an operation were held back. */
  int held(String operation) {
    return held.getOrDefault(operation, new AtomicInteger()).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String operation = operation(exchange, body);
      Hold hold = holds.get(operation);
      if (hold != null && hold.remaining().getAndDecrement() > 0) {
        held.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(hold.delay().toMillis());
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)))
                  values.forEach(v -> forward.header(name, v));
              });
      HttpResponse<byte[]> answer =
          client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)))
                  exchange.getResponseHeaders().put(name, List.copyOf(values));
              });
      exchange.sendResponseHeaders(
          answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGaveUp) {
      // the SDK abandoned a held attempt: nobody is left to answer
    }
  }

  private static String operation(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) return target.substring(target.lastIndexOf('.') + 1);
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.startsWith("Action=")) {
        return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
