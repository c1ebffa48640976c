package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fargatedoctor.agent.MutableClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz targets for the agent's HTTP request handling. The parser's documented answer to bad input
 * is a {@link RequestParser.Rejected} result: any exception is a finding. The routes never answer
 * 500: any request a client can send gets a deliberate status.
 *
 * <p>{@code mvn verify} replays the committed corpus under {@code RequestFuzzTestInputs/};
 * scripts/fuzz.sh fuzzes.
 */
class RequestFuzzTest {

  private static final Set<Integer> PARSER_REJECTS = Set.of(400, 413, 414, 431, 501, 505);
  private static final Set<Integer> ROUTE_ANSWERS = Set.of(200, 400, 401, 403, 404, 405, 429, 503);
  private static final String TOKEN = "fuzzing-token-0123456789";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final AgentState sampled =
      new AgentState(
          AgentState.Mode.JAVAAGENT,
          clock.instant().minusSeconds(90),
          AgentHttpServerTest.sample(clock.instant()),
          List.of(),
          List.of("close-wait-pileup"));
  private final AgentState starting =
      new AgentState(AgentState.Mode.SIDECAR, clock.instant(), null, List.of(), List.of());
  private final HeapDumps heapDumps = heapDumps();
  private final BoundedHttpServer.Stats stats =
      new BoundedHttpServer.Stats(1, 1, 1, 0, 0, 0, 0, 0, 0);

  @FuzzTest
  void parse(byte[] data) {
    RequestParser.Result whole = RequestParser.parse(data, data.length);
    checkInvariants(whole, data.length);
    // More bytes never undo a decision: a prefix that was complete or rejected stays so.
    for (int cut : new int[] {data.length - 1, data.length / 2}) {
      if (cut > 0 && cut < data.length) {
        RequestParser.Result prefix = RequestParser.parse(Arrays.copyOf(data, cut), cut);
        checkInvariants(prefix, cut);
        if (prefix instanceof RequestParser.Rejected) {
          assertThat(whole).isInstanceOf(RequestParser.Rejected.class);
        } else if (prefix instanceof RequestParser.Complete p) {
          assertThat(whole).isEqualTo(p);
        }
      }
    }
  }

  private static void checkInvariants(RequestParser.Result result, int length) {
    if (result instanceof RequestParser.Incomplete) {
      assertThat(length).isLessThan(RequestParser.MAX_HEAD_BYTES);
    } else if (result instanceof RequestParser.Rejected r) {
      assertThat(PARSER_REJECTS).contains(r.status());
      assertThat(r.reason()).isNotBlank();
    } else {
      RequestParser.Complete c = (RequestParser.Complete) result;
      Request request = c.request();
      assertThat(c.headLength()).isBetween(1, Math.min(length, RequestParser.MAX_HEAD_BYTES));
      assertThat(request.method()).hasSizeBetween(1, RequestParser.MAX_METHOD_BYTES);
      assertThat(request.method()).matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
      assertThat(request.path())
          .startsWith("/")
          .hasSizeLessThanOrEqualTo(RequestParser.MAX_TARGET_BYTES);
      assertThat(request.path() + (request.rawQuery() == null ? "" : request.rawQuery()))
          .matches("[\\x21-\\x7e]*")
          .doesNotContain("#");
      assertThat(request.version()).isIn("HTTP/1.0", "HTTP/1.1");
      assertThat(request.headers()).hasSizeLessThanOrEqualTo(RequestParser.MAX_HEADER_FIELDS);
      assertThat(request.headers().keySet()).allMatch(k -> k.matches("[!#$%&'*+\\-.^_`|~0-9a-z]+"));
      assertThat(request.headers().values())
          .noneMatch(v -> v.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f));
      assertThat(request.contentLength()).isBetween(0, RequestParser.MAX_BODY_BYTES);
    }
  }

  @FuzzTest
  void respond(FuzzedDataProvider data) {
    String method = data.pickValue(new String[] {"GET", "HEAD", "POST", "PUT", "OPTIONS", "X"});
    String path =
        data.consumeBoolean()
            ? data.pickValue(
                new String[] {
                  "/health",
                  "/health/detailed",
                  "/debug/memory",
                  "/debug/connections",
                  "/debug/fds",
                  "/metrics",
                  "/debug/threads",
                  "/debug/heapdump",
                  "/"
                })
            : "/" + data.consumeAsciiString(64);
    String query = data.consumeBoolean() ? data.consumeAsciiString(64) : null;
    String authorization =
        data.consumeBoolean()
            ? (data.consumeBoolean() ? "Bearer " + TOKEN : data.consumeString(40))
            : null;
    AgentState state = data.consumeBoolean() ? sampled : starting;
    InetAddress client = data.consumeBoolean() ? InetAddress.getLoopbackAddress() : null;
    Routes routes = new Routes(() -> state, clock, heapDumps, () -> stats);
    Map<String, String> headers =
        authorization == null ? Map.of() : Map.of("authorization", authorization);
    Response response =
        routes.handle(new Request(method, path, query, "HTTP/1.1", headers, 0, client));
    assertThat(ROUTE_ANSWERS).contains(response.status());
    assertThat(response.body()).isNotEmpty();
    assertThat(new String(response.bytes(method.equals("HEAD")), StandardCharsets.ISO_8859_1))
        .startsWith("HTTP/1.1 " + response.status() + " ")
        .contains("\r\n\r\n");
  }

  private HeapDumps heapDumps() {
    try {
      Path dir = Files.createTempDirectory("fuzz-heapdumps");
      dir.toFile().deleteOnExit();
      return new HeapDumps(
          TOKEN,
          dir,
          Duration.ofMinutes(10),
          clock,
          file -> Files.writeString(file, "dump"),
          p -> 1L << 40,
          () -> 0);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
