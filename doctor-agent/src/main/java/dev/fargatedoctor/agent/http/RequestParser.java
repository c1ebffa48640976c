package dev.fargatedoctor.agent.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the head of an HTTP/1.x request from the bytes received so far (RFC 9112), strictly and
 * within fixed limits, so that any process in the task that can connect to the agent cannot make it
 * hold unbounded state or guess at an ambiguous request.
 *
 * <p>The parser never throws on input: every byte sequence is {@link Incomplete} (wait for more),
 * {@link Complete}, or {@link Rejected} with the status to answer. A request line that cannot
 * become valid is rejected as soon as its first bad byte arrives, without waiting for the rest.
 */
final class RequestParser {

  /** The whole head: request line, header fields and the empty line. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  static final int MAX_TARGET_BYTES = 2 * 1024;
  static final int MAX_HEADER_FIELDS = 64;
  static final int MAX_METHOD_BYTES = 16;

  /** The agent takes no request bodies; a small one (an empty form post) is read and ignored. */
  static final int MAX_BODY_BYTES = 1024;

  /** What the bytes so far amount to. */
  sealed interface Result permits Incomplete, Complete, Rejected {}

  /** The head has not ended yet, and nothing so far is wrong. */
  record Incomplete() implements Result {}

  /**
   * A valid head.
   *
   * @param headLength bytes the head took, including the empty line; a body of {@code
   *     request.contentLength()} bytes follows
   */
  record Complete(Request request, int headLength) implements Result {}

  /** The request is invalid or over a limit: answer {@code status} and close. */
  record Rejected(int status, String reason) implements Result {}

  private static final Incomplete INCOMPLETE = new Incomplete();

  private RequestParser() {}

  static Result parse(byte[] buf, int length) {
    int start = 0;
    // RFC 9112 2.2: ignore empty lines received before the request line.
    while (start < length && (buf[start] == '\r' || buf[start] == '\n')) {
      start++;
    }
    int lineEnd = indexOf(buf, start, length, (byte) '\n');
    if (lineEnd < 0) {
      Rejected early = checkPartialRequestLine(buf, start, length);
      if (early != null) {
        return early;
      }
      return length >= MAX_HEAD_BYTES
          ? new Rejected(414, "request line longer than " + MAX_TARGET_BYTES + " bytes")
          : INCOMPLETE;
    }
    int contentEnd = contentEnd(buf, start, lineEnd);
    if (contentEnd < 0) {
      return new Rejected(400, "bare CR in the request line");
    }
    Object requestLine = requestLine(buf, start, contentEnd);
    if (requestLine instanceof Rejected rejected) {
      return rejected;
    }
    String[] line = (String[]) requestLine;

    Map<String, String> headers = new LinkedHashMap<>();
    String contentLength = null;
    int hosts = 0;
    int fields = 0;
    int pos = lineEnd + 1;
    while (true) {
      int end = indexOf(buf, pos, length, (byte) '\n');
      if (end < 0) {
        Rejected bad = checkPartialField(buf, pos, length);
        if (bad != null) {
          return bad;
        }
        return length >= MAX_HEAD_BYTES
            ? new Rejected(431, "request head larger than " + MAX_HEAD_BYTES + " bytes")
            : INCOMPLETE;
      }
      if (end + 1 > MAX_HEAD_BYTES) {
        return new Rejected(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      int fieldEnd = contentEnd(buf, pos, end);
      if (fieldEnd < 0) {
        return new Rejected(400, "bare CR in a header field");
      }
      if (fieldEnd == pos) {
        pos = end + 1; // the empty line: the head is complete
        break;
      }
      if (++fields > MAX_HEADER_FIELDS) {
        return new Rejected(431, "more than " + MAX_HEADER_FIELDS + " header fields");
      }
      if (buf[pos] == ' ' || buf[pos] == '\t') {
        return new Rejected(400, "obsolete line folding in a header field");
      }
      int colon = indexOf(buf, pos, fieldEnd, (byte) ':');
      if (colon <= pos) {
        return new Rejected(400, "header field without a name");
      }
      for (int i = pos; i < colon; i++) {
        if (!isTokenChar(buf[i])) {
          // Includes whitespace before the colon, which RFC 9112 5.1 requires us to reject.
          return new Rejected(400, "invalid header field name");
        }
      }
      int valueStart = colon + 1;
      int valueEnd = fieldEnd;
      while (valueStart < valueEnd && isWhitespace(buf[valueStart])) {
        valueStart++;
      }
      while (valueEnd > valueStart && isWhitespace(buf[valueEnd - 1])) {
        valueEnd--;
      }
      for (int i = valueStart; i < valueEnd; i++) {
        if (!isFieldValueChar(buf[i])) {
          return new Rejected(400, "control character in a header field value");
        }
      }
      String name = new String(buf, pos, colon - pos, StandardCharsets.US_ASCII);
      name = name.toLowerCase(Locale.ROOT);
      String value =
          new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
      switch (name) {
        case "host":
          hosts++;
          break;
        case "content-length":
          if (contentLength != null && !contentLength.equals(value)) {
            return new Rejected(400, "conflicting Content-Length fields");
          }
          contentLength = value;
          break;
        case "transfer-encoding":
          return new Rejected(501, "Transfer-Encoding is not supported: the agent takes no bodies");
        default:
          break;
      }
      headers.putIfAbsent(name, value);
      pos = end + 1;
    }

    String version = line[2];
    if (version.equals("HTTP/1.1") && hosts != 1) {
      return new Rejected(400, "an HTTP/1.1 request needs exactly one Host header field");
    }
    int bodyLength = 0;
    if (contentLength != null) {
      if (contentLength.isEmpty()
          || contentLength.length() > 9
          || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return new Rejected(400, "invalid Content-Length");
      }
      bodyLength = Integer.parseInt(contentLength);
      if (bodyLength > MAX_BODY_BYTES) {
        return new Rejected(413, "request bodies are not accepted");
      }
    }
    String target = line[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    return new Complete(
        new Request(
            line[0], path, query, version, Collections.unmodifiableMap(headers), bodyLength, null),
        pos);
  }

  /** Method, origin-form target and version; or a {@link Rejected}. */
  private static Object requestLine(byte[] buf, int from, int to) {
    int firstSpace = indexOf(buf, from, to, (byte) ' ');
    int secondSpace = firstSpace < 0 ? -1 : indexOf(buf, firstSpace + 1, to, (byte) ' ');
    if (firstSpace < 0 || secondSpace < 0 || indexOf(buf, secondSpace + 1, to, (byte) ' ') >= 0) {
      return new Rejected(400, "the request line is not 'METHOD /path HTTP/1.1'");
    }
    Rejected method = checkMethod(buf, from, firstSpace);
    if (method != null) {
      return method;
    }
    if (firstSpace == from) {
      return new Rejected(400, "empty method");
    }
    int targetStart = firstSpace + 1;
    if (secondSpace - targetStart > MAX_TARGET_BYTES) {
      return new Rejected(414, "request target longer than " + MAX_TARGET_BYTES + " bytes");
    }
    Rejected target = checkTarget(buf, targetStart, secondSpace);
    if (target != null) {
      return target;
    }
    if (secondSpace == targetStart) {
      return new Rejected(400, "empty request target");
    }
    String version =
        new String(buf, secondSpace + 1, to - secondSpace - 1, StandardCharsets.US_ASCII);
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      return version.matches("HTTP/[0-9]\\.[0-9]")
          ? new Rejected(505, "only HTTP/1.0 and HTTP/1.1 are supported")
          : new Rejected(400, "invalid HTTP version");
    }
    String originForm =
        originForm(
            new String(buf, targetStart, secondSpace - targetStart, StandardCharsets.US_ASCII));
    if (originForm == null) {
      return new Rejected(400, "the request target must be a path such as /health");
    }
    return new String[] {
      new String(buf, from, firstSpace - from, StandardCharsets.US_ASCII), originForm, version
    };
  }

  /** "/path?q" as is; "http://host:port/path?q" without scheme and authority; else null. */
  private static String originForm(String target) {
    if (target.startsWith("/")) {
      return target;
    }
    String lower = target.toLowerCase(Locale.ROOT);
    for (String scheme : new String[] {"http://", "https://"}) {
      if (lower.startsWith(scheme)) {
        int slash = target.indexOf('/', scheme.length());
        int question = target.indexOf('?', scheme.length());
        if (slash < 0 || (question >= 0 && question < slash)) {
          return question < 0 ? "/" : "/" + target.substring(question);
        }
        return target.substring(slash);
      }
    }
    return null;
  }

  /** Rejects a request line still arriving as soon as it can no longer be valid. */
  private static Rejected checkPartialRequestLine(byte[] buf, int from, int to) {
    int firstSpace = indexOf(buf, from, to, (byte) ' ');
    Rejected method = checkMethod(buf, from, firstSpace < 0 ? to : firstSpace);
    if (method != null || firstSpace < 0) {
      return method;
    }
    int secondSpace = indexOf(buf, firstSpace + 1, to, (byte) ' ');
    int targetEnd = secondSpace < 0 ? to : secondSpace;
    if (targetEnd - firstSpace - 1 > MAX_TARGET_BYTES) {
      return new Rejected(414, "request target longer than " + MAX_TARGET_BYTES + " bytes");
    }
    Rejected target = checkTarget(buf, firstSpace + 1, targetEnd);
    if (target != null || secondSpace < 0) {
      return target;
    }
    // "HTTP/" digit "." digit, possibly cut short, then at most the CR before the LF.
    String shape = "HTTP/0.0";
    for (int i = secondSpace + 1, j = 0; i < to; i++, j++) {
      byte b = buf[i];
      boolean ok =
          j < shape.length()
                  && (shape.charAt(j) == '0' ? b >= '0' && b <= '9' : b == shape.charAt(j))
              || (j == shape.length() && b == '\r' && i == to - 1);
      if (!ok) {
        return new Rejected(400, "invalid HTTP version");
      }
    }
    return null;
  }

  /** Rejects a header field still arriving once it holds a byte no field may hold. */
  private static Rejected checkPartialField(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (!isFieldValueChar(b) && b != '\r') {
        return new Rejected(400, "control character in a header field");
      }
    }
    return null;
  }

  private static Rejected checkMethod(byte[] buf, int from, int to) {
    if (to - from > MAX_METHOD_BYTES) {
      return new Rejected(501, "unknown method");
    }
    for (int i = from; i < to; i++) {
      if (!isTokenChar(buf[i])) {
        return new Rejected(400, "invalid method");
      }
    }
    return null;
  }

  private static Rejected checkTarget(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      // Visible ASCII only; '#' starts a fragment, which a client never sends.
      if (b < 0x21 || b > 0x7E || b == '#') {
        return new Rejected(400, "invalid character in the request target");
      }
    }
    return null;
  }

  /** The end of a line's content (before an optional CR), or -1 when a CR appears elsewhere. */
  private static int contentEnd(byte[] buf, int from, int lf) {
    int end = lf > from && buf[lf - 1] == '\r' ? lf - 1 : lf;
    return indexOf(buf, from, end, (byte) '\r') >= 0 ? -1 : end;
  }

  private static int indexOf(byte[] buf, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t';
  }

  /** RFC 9110 field-vchar, SP and HTAB; obs-text (0x80-0xFF) is allowed as opaque bytes. */
  private static boolean isFieldValueChar(byte b) {
    return b == '\t' || (b >= 0x20 && b != 0x7F) || b < 0;
  }

  /** RFC 9110 tchar. */
  static boolean isTokenChar(byte b) {
    if (b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
      return true;
    }
    return b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
  }
}
