package dev.fargatedoctor.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP (or HTTPS) server on a free loopback port that stands in for an endpoint the SDK calls
 * outside the scan: the container-credentials endpoint, instance metadata, the IAM Identity Center
 * portal, an STS that refuses. It answers what a test tells it per method and path, forwards
 * everything else to a target when one is given (an HTTPS front for moto), and records every
 * request.
 */
public final class LoopbackHttp implements AutoCloseable {
  /** One request as it arrived; header names in lower case. */
  public record Request(String method, String path, String query, Map<String, String> headers) {}

  /** A canned answer. */
  public record Answer(int status, String contentType, String body, Map<String, String> headers) {
    public static Answer json(String body) {
      return new Answer(200, "application/json", body, Map.of());
    }

    public static Answer text(String body) {
      return new Answer(200, "text/plain", body, Map.of());
    }
  }

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Map.Entry<java.util.function.Predicate<String>, Answer>> bodyAnswers =
      new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile URI forwardTo;

  private LoopbackHttp(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static LoopbackHttp start() throws IOException {
    return new LoopbackHttp(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  /** An HTTPS server presenting the certificate (trusted only by whoever trusts its PEM). */
  public static LoopbackHttp startTls(SelfSignedCertificate certificate) throws IOException {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
    return new LoopbackHttp(https);
  }

  /** Answers METHOD PATH (query ignored) with this answer from now on. */
  public LoopbackHttp answer(String method, String path, Answer answer) {
    answers.put(method.toUpperCase(Locale.ROOT) + " " + path, answer);
    return this;
  }

  /**
   * Answers any request whose body (as UTF-8) the predicate accepts, before the answers by path: a
   * query-protocol API (STS, EC2) sends every operation to one path.
   */
  public LoopbackHttp answerWhen(java.util.function.Predicate<String> body, Answer answer) {
    bodyAnswers.add(Map.entry(body, answer));
    return this;
  }

  /** Sends whatever has no answer to this server (method, path, query, headers and body). */
  public LoopbackHttp forwardTo(URI target) {
    this.forwardTo = target;
    return this;
  }

  public URI url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      URI uri = exchange.getRequestURI();
      requests.add(
          new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String text = new String(body, StandardCharsets.UTF_8);
      Answer answer =
          bodyAnswers.stream()
              .filter(e -> e.getKey().test(text))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(answers.get(exchange.getRequestMethod() + " " + uri.getPath()));
      if (answer == null && forwardTo != null) {
        forward(exchange, headers, body);
        return;
      }
      if (answer == null) {
        answer = new Answer(404, "text/html", "<html><body>Not Found</body></html>", Map.of());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", answer.contentType());
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) exchange.getResponseBody().write(out);
    }
  }

  private void forward(HttpExchange exchange, Map<String, String> headers, byte[] body)
      throws IOException {
    URI uri = exchange.getRequestURI();
    URI target =
        forwardTo.resolve(
            uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (k, v) -> {
          if (!NOT_FORWARDED.contains(k)) request.header(k, v);
        });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response
        .headers()
        .map()
        .forEach(
            (k, v) -> {
              if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                v.forEach(value -> exchange.getResponseHeaders().add(k, value));
              }
            });
    byte[] out = response.body();
    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) exchange.getResponseBody().write(out);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
