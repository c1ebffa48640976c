package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  private static RequestParser.Result parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return RequestParser.parse(bytes, bytes.length);
  }

  private static Request complete(String text) {
    RequestParser.Result result = parse(text);
    assertThat(result).isInstanceOf(RequestParser.Complete.class);
    return ((RequestParser.Complete) result).request();
  }

  private static int rejected(String text) {
    RequestParser.Result result = parse(text);
    assertThat(result).as(text).isInstanceOf(RequestParser.Rejected.class);
    return ((RequestParser.Rejected) result).status();
  }

  @Test
  void parsesAnOrdinaryRequest() {
    String text =
        "GET /debug/connections?state=CLOSE_WAIT&limit=5 HTTP/1.1\r\nHost: 127.0.0.1:9779\r\n"
            + "User-Agent: curl/8.5\r\nAccept: */*\r\n\r\n";
    RequestParser.Complete c = (RequestParser.Complete) parse(text);
    assertThat(c.headLength()).isEqualTo(text.length());
    Request r = c.request();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/debug/connections");
    assertThat(r.rawQuery()).isEqualTo("state=CLOSE_WAIT&limit=5");
    assertThat(r.version()).isEqualTo("HTTP/1.1");
    assertThat(r.header("host")).isEqualTo("127.0.0.1:9779");
    assertThat(r.header("user-agent")).isEqualTo("curl/8.5");
    assertThat(r.contentLength()).isZero();
  }

  @Test
  void theIssuesHalfSentRequestIsIncompleteNotAnError() {
    assertThat(parse("GET /health HTTP/1.1\r\nHost: x\r\n"))
        .isInstanceOf(RequestParser.Incomplete.class);
    assertThat(parse("GET /hea")).isInstanceOf(RequestParser.Incomplete.class);
    assertThat(parse("")).isInstanceOf(RequestParser.Incomplete.class);
  }

  @Test
  void acceptsBareLineFeedsLeadingEmptyLinesAndHttp10WithoutHost() {
    assertThat(complete("\r\n\r\nGET /health HTTP/1.0\n\n").path()).isEqualTo("/health");
    assertThat(complete("GET / HTTP/1.1\nHost: x\n\n").path()).isEqualTo("/");
  }

  @Test
  void absoluteFormTargetsAreReducedToTheirPath() {
    assertThat(complete("GET http://127.0.0.1:9779/metrics HTTP/1.1\r\nHost: x\r\n\r\n").path())
        .isEqualTo("/metrics");
    Request noPath = complete("GET http://h?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(noPath.path()).isEqualTo("/");
    assertThat(noPath.rawQuery()).isEqualTo("x=1");
  }

  @Test
  void headerValuesAreTrimmedAndTheFirstOfARepeatedFieldWins() {
    Request r =
        complete(
            "POST /debug/heapdump HTTP/1.1\r\nHost: x\r\nAuthorization:   Bearer abc \t\r\n"
                + "authorization: Bearer other\r\nContent-Length: 0\r\n\r\n");
    assertThat(r.header("authorization")).isEqualTo("Bearer abc");
  }

  @Test
  void aSmallBodyIsDeclaredAndALargeOneRefused() {
    assertThat(
            complete("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n").contentLength())
        .isEqualTo(10);
    assertThat(rejected("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n"))
        .isEqualTo(413);
    assertThat(rejected("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo(501);
  }

  @Test
  void rejectsWhatRfc9112TellsAServerToReject() {
    // Smuggling shapes: conflicting lengths, whitespace before the colon, line folding.
    assertThat(
            rejected(
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
        .isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nHost : x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nContent-Length: -1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\n\r\n")).as("no Host").isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n")).as("bare CR").isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\nHost: x\u0000\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/1.1\r\n: x\r\n\r\n")).isEqualTo(400);
  }

  @Test
  void rejectsABadRequestLineAsSoonAsItsFirstBadByteArrives() {
    // A TLS ClientHello sent to the plain-text port: no need to wait for a line feed.
    assertThat(rejected("\u0016\u0003\u0001\u0002\u0000")).isEqualTo(400);
    assertThat(rejected("GET /he alth")).isEqualTo(400);
    assertThat(rejected("GET /health HTTX")).isEqualTo(400);
    assertThat(rejected("GET /\u0001")).isEqualTo(400);
    assertThat(rejected("GET /health HTTP/1.1\r\nHost: \u0001")).isEqualTo(400);
  }

  @Test
  void rejectsMalformedRequestLines() {
    assertThat(rejected("GET /health\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET  /health HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET health HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("GET / HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo(505);
    assertThat(rejected("GET / http/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("G(T / HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(rejected("ABCDEFGHIJKLMNOPQRSTUVWXYZ / HTTP/1.1\r\n")).isEqualTo(501);
  }

  @Test
  void boundsTheTargetTheFieldCountAndTheHead() {
    String longTarget = "/" + "a".repeat(RequestParser.MAX_TARGET_BYTES);
    assertThat(rejected("GET " + longTarget + " HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(414);
    assertThat(rejected("GET " + longTarget)).as("while it arrives").isEqualTo(414);

    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < RequestParser.MAX_HEADER_FIELDS; i++) {
      many.append("X-").append(i).append(": y\r\n");
    }
    assertThat(rejected(many + "\r\n")).isEqualTo(431);

    String big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(RequestParser.MAX_HEAD_BYTES);
    assertThat(rejected(big)).as("a field that never ends").isEqualTo(431);
    assertThat(rejected(big + "\r\n\r\n")).isEqualTo(431);
  }

  @Test
  void opaqueHighBytesInAValueAreKeptAsLatin1() {
    assertThat(complete("GET / HTTP/1.1\r\nHost: x\r\nX-Name: caf\u00e9\r\n\r\n").header("x-name"))
        .isEqualTo("caf\u00e9");
  }
}
