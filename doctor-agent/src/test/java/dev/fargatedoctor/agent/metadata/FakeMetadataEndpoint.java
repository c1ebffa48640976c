package dev.fargatedoctor.agent.metadata;

import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.agent.proc.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for the task metadata endpoint v4, serving fixture files under a
 * secret-looking path (as the real $ECS_CONTAINER_METADATA_URI_V4 has a per-container id in it).
 */
public final class FakeMetadataEndpoint implements AutoCloseable {

  public static final String SECRET_PATH = "/v4/c0ffee-secret-container-id-4242";

  private final HttpServer server;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private volatile long delayMillis;
  private final java.util.Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  private FakeMetadataEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Serves task and task/stats from the named fixtures ("task-fargate.json", ...). */
  public static FakeMetadataEndpoint serving(String taskFixture, String statsFixture)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    FakeMetadataEndpoint fake = new FakeMetadataEndpoint(server);
    fake.respond("/task", 200, Files.readString(Fixtures.resource("metadata/" + taskFixture)));
    fake.respond(
        "/task/stats", 200, Files.readString(Fixtures.resource("metadata/" + statsFixture)));
    server.createContext(
        SECRET_PATH,
        exchange -> {
          String sub = exchange.getRequestURI().getPath().substring(SECRET_PATH.length());
          fake.clientPorts.add(exchange.getRemoteAddress().getPort());
          try {
            Thread.sleep(fake.delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          String body = fake.bodies.getOrDefault(sub, "{\"error\":\"not found\"}");
          byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(fake.statuses.getOrDefault(sub, 404), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          } catch (IOException clientGone) {
            // the client timed out
          }
        });
    server.start();
    return fake;
  }

  public void respond(String path, int status, String body) {
    bodies.put(path, body);
    statuses.put(path, status);
  }

  /** The distinct client ports seen: one when the client reuses its connection. */
  public java.util.Set<Integer> clientPorts() {
    return clientPorts;
  }

  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /** What $ECS_CONTAINER_METADATA_URI_V4 would hold. */
  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
