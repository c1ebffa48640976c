package dev.fargatedoctor.agent.http;

import static dev.fargatedoctor.agent.http.RawClient.exchange;
import static dev.fargatedoctor.agent.http.RawClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each bound of the server, driven by clients that misbehave on purpose. Timeouts in these tests
 * are generous waits for an outcome, never measurements: a request that is served at all while slow
 * clients hold their connections can only be served because nothing waits on them.
 */
class BoundedHttpServerTest {

  private static final Duration FOREVER = Duration.ofMinutes(10);
  private static final String GET = "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n";

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch blocked = new CountDownLatch(1);

  @AfterEach
  void closeAll() throws Exception {
    release.countDown();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private Response handle(Request request) {
    switch (request.path()) {
      case "/big":
        return new Response(200, "text/plain", "x".repeat(8 << 20));
      case "/block":
        blocked.countDown();
        try {
          release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new Response(200, "text/plain", "released");
      case "/boom":
        throw new IllegalStateException("a bug in a handler");
      default:
        return new Response(200, "text/plain", "ok " + request.path());
    }
  }

  private BoundedHttpServer start(BoundedHttpServer.Limits limits) throws IOException {
    BoundedHttpServer server =
        BoundedHttpServer.bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, this::handle);
    server.start();
    toClose.add(server);
    return server;
  }

  private static BoundedHttpServer.Limits limits(
      int maxConnections, Duration headerTimeout, Duration writeTimeout, int unsentBytes) {
    return new BoundedHttpServer.Limits(
        maxConnections, headerTimeout, writeTimeout, Duration.ofSeconds(1), 2, 16, unsentBytes);
  }

  private RawClient client(int port) throws IOException {
    RawClient c = new RawClient(port);
    toClose.add(c);
    return c;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within 25 s").isNegative();
      Thread.sleep(10);
    }
  }

  @Test
  void halfSentRequestsDoNotDelayAComplete() throws Exception {
    // The reproducer, with a header timeout so long that only not waiting can pass.
    BoundedHttpServer server = start(limits(64, FOREVER, FOREVER, 8 << 20));
    int port = server.address().getPort();
    for (int i = 0; i < 10; i++) {
      client(port).send("GET /health HTTP/1.1\r\nHost: x\r\n");
    }
    String response = exchange(port, GET);
    assertThat(status(response)).isEqualTo(200);
    assertThat(response).endsWith("ok /ping\n").contains("Connection: close\r\n");
    assertThat(server.stats().open()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aHeadThatDoesNotArriveInTimeIsAnswered408AndClosedEvenIfItTrickles() throws Exception {
    BoundedHttpServer server = start(limits(64, Duration.ofMillis(300), FOREVER, 8 << 20));
    int port = server.address().getPort();
    RawClient idle = client(port).send("GET /health HTTP/1.1\r\nHost: x\r\n");
    RawClient trickle = client(port);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      Future<?> trickling =
          sender.submit(
              () -> {
                // Slowloris: one byte at a time, each well within any idle timeout.
                for (char ch :
                    "GET /health HTTP/1.1\r\nX-Slow: ".concat("y".repeat(500)).toCharArray()) {
                  trickle.send(String.valueOf(ch));
                  Thread.sleep(20);
                }
                return null;
              });
      assertThat(status(idle.readAll())).isEqualTo(408);
      assertThat(trickle.closedByServer(RawClient.READ_TIMEOUT_MILLIS)).isTrue();
      trickling.cancel(true);
    } finally {
      sender.shutdownNow();
    }
    await(() -> server.stats().headerTimeouts() >= 2);
    assertThat(server.stats().open()).isZero();
  }

  @Test
  void theConnectionCapEvictsTheOldestUnfinishedConnectionAndAnswersNewOnes() throws Exception {
    BoundedHttpServer server = start(limits(8, FOREVER, FOREVER, 8 << 20));
    int port = server.address().getPort();
    List<RawClient> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(client(port).send("GET /health HTTP/1.1\r\n"));
    }
    await(() -> server.stats().accepted() >= 20);
    assertThat(server.stats().peakOpen()).isEqualTo(8);
    assertThat(server.stats().evicted()).isEqualTo(12);
    for (RawClient c : slow.subList(0, 12)) {
      assertThat(c.closedByServer(RawClient.READ_TIMEOUT_MILLIS)).isTrue();
    }
    assertThat(status(exchange(port, GET))).isEqualTo(200);
    assertThat(server.stats().peakOpen()).isEqualTo(8);
    // The newest slow clients were kept; the oldest remaining one made room for the request.
    assertThat(slow.get(12).closedByServer(RawClient.READ_TIMEOUT_MILLIS)).isTrue();
    assertThat(slow.get(19).closedByServer(100)).isFalse();
  }

  @Test
  void aClientThatNeverReadsItsAnswerDelaysNoOneAndIsDroppedAfterTheWriteTimeout()
      throws Exception {
    BoundedHttpServer server = start(limits(64, FOREVER, Duration.ofMillis(500), 64 << 20));
    int port = server.address().getPort();
    client(port).send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"); // and never reads
    assertThat(status(exchange(port, GET))).isEqualTo(200);
    await(() -> server.stats().writeTimeouts() == 1);
    assertThat(server.stats().open()).isZero();
  }

  @Test
  void unreadResponsesAreCappedInTotalBytes() throws Exception {
    BoundedHttpServer server = start(limits(64, FOREVER, FOREVER, 1 << 20));
    int port = server.address().getPort();
    RawClient first = client(port).send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(first.socket.getInputStream().read()).as("its answer has begun").isEqualTo('H');
    RawClient second = client(port).send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
    await(() -> server.stats().evicted() == 1);
    assertThat(first.closedByServer(RawClient.READ_TIMEOUT_MILLIS)).isTrue();
    // The newer reader is kept and gets all of its answer once it reads.
    assertThat(second.readAll()).hasSizeGreaterThan(8 << 20);
  }

  @Test
  void whenEveryWorkerIsBusyAndTheQueueIsFullTheAnswerIs503WithRetryAfter() throws Exception {
    BoundedHttpServer server =
        start(
            new BoundedHttpServer.Limits(
                64, FOREVER, FOREVER, Duration.ofSeconds(1), 1, 1, 8 << 20));
    int port = server.address().getPort();
    RawClient running = client(port).send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(blocked.await(25, TimeUnit.SECONDS)).isTrue();
    RawClient a = client(port).send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    RawClient b = client(port).send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    await(() -> server.stats().refusedBusy() == 1);
    release.countDown();
    List<String> answers = List.of(a.readAll(), b.readAll());
    assertThat(answers)
        .filteredOn(r -> status(r) == 503)
        .singleElement()
        .asString()
        .contains("Retry-After: 1\r\n");
    assertThat(answers).filteredOn(r -> status(r) == 200).hasSize(1);
    assertThat(running.readAll()).endsWith("released\n");
  }

  @Test
  void malformedRequestsAreAnsweredWithTheirStatusAndAJsonReason() throws Exception {
    int port = start(BoundedHttpServer.Limits.DEFAULT).address().getPort();
    String bad = exchange(port, "GET /health\r\n\r\n");
    assertThat(status(bad)).isEqualTo(400);
    assertThat(bad).contains("Content-Type: application/json").contains("\"error\"");
    assertThat(status(exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nX: " + "y".repeat(9000))))
        .isEqualTo(431);
    assertThat(
            status(
                exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")))
        .isEqualTo(501);
    assertThat(status(exchange(port, "\u0016\u0003\u0001"))).isEqualTo(400);
  }

  @Test
  void aSmallBodyIsReadBeforeTheRequestIsServedAndHeadHasNoBody() throws Exception {
    int port = start(BoundedHttpServer.Limits.DEFAULT).address().getPort();
    try (RawClient c = new RawClient(port)) {
      c.send("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab");
      assertThat(c.closedByServer(200)).as("waits for the rest of the body").isFalse();
      assertThat(c.send("cde").readAll()).endsWith("ok /form\n");
    }
    String head = exchange(port, "HEAD /ping HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(head).contains("Content-Length: 9\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void aFailingHandlerCostsOneRequestNotTheServer() throws Exception {
    int port = start(BoundedHttpServer.Limits.DEFAULT).address().getPort();
    String boom = exchange(port, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(status(boom)).isEqualTo(500);
    assertThat(boom).contains("IllegalStateException").doesNotContain("a bug in a handler");
    assertThat(status(exchange(port, GET))).isEqualTo(200);
  }

  @Test
  void bytesSentAfterTheRequestDoNotResetTheConnectionBeforeTheAnswerIsRead() throws Exception {
    int port = start(BoundedHttpServer.Limits.DEFAULT).address().getPort();
    String response = exchange(port, GET + "GET /second HTTP/1.1\r\n" + "z".repeat(20_000));
    assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ok /ping\n");
  }

  @Test
  void connectionsArrivingBeforeStartAreServedOnceItStarts() throws Exception {
    BoundedHttpServer server =
        BoundedHttpServer.bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            BoundedHttpServer.Limits.DEFAULT,
            this::handle);
    toClose.add(server);
    RawClient early = client(server.address().getPort()).send(GET);
    assertThat(early.closedByServer(200)).isFalse();
    server.start();
    assertThat(early.readAll()).endsWith("ok /ping\n");
  }
}
