package dev.fargatedoctor.cli.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the latest metrics on http://127.0.0.1:PORT/metrics, loopback only: a Prometheus agent on
 * the same host (or a sidecar) scrapes it. Port 0 takes a free port.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>("");

  public PrometheusEndpoint(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/metrics", this::metrics);
    server.createContext("/", this::notFound);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  public void update(String text) {
    body.set(text);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
    exchange.sendResponseHeaders(
        200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!"HEAD".equals(exchange.getRequestMethod())) out.write(bytes);
    }
  }

  private void notFound(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(404, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
