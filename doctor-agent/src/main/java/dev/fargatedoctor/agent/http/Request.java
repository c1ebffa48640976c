package dev.fargatedoctor.agent.http;

import java.net.InetAddress;
import java.util.Map;

/**
 * The head of one HTTP/1.x request, as {@link RequestParser} accepted it.
 *
 * @param path the raw path of the request target (never percent-decoded, so it is routed as sent)
 * @param rawQuery the raw query after '?', or null
 * @param headers header fields by lower-case name; a repeated field keeps its first value
 * @param contentLength the declared body length (0 when absent)
 * @param client the peer's address, filled in by the server (null from the parser)
 */
record Request(
    String method,
    String path,
    String rawQuery,
    String version,
    Map<String, String> headers,
    int contentLength,
    InetAddress client) {

  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  boolean isHead() {
    return method.equals("HEAD");
  }

  Request from(InetAddress peer) {
    return new Request(method, path, rawQuery, version, headers, contentLength, peer);
  }
}
