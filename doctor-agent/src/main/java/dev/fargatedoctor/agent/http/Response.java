package dev.fargatedoctor.agent.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response, serialised whole before the first byte is written, so that a worker never waits on
 * a client: the server's I/O thread writes the bytes at whatever pace the client reads them.
 */
final class Response {

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  Response(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    String text = body.endsWith("\n") ? body : body + "\n";
    this.body = text.getBytes(StandardCharsets.UTF_8);
  }

  Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The bytes on the wire. Every response closes the connection: one request per connection keeps
   * the server's state machine small and no idle connection holds a slot.
   *
   * @param head true for a HEAD request: the same head, no body
   */
  byte[] bytes(boolean head) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    sb.append("Date: ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\r\n");
    sb.append("Content-Type: ").append(contentType).append("\r\n");
    sb.append("Content-Length: ").append(body.length).append("\r\n");
    sb.append("Cache-Control: no-store\r\n");
    sb.append("X-Content-Type-Options: nosniff\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + body.length);
    out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 408:
        return "Request Timeout";
      case 413:
        return "Content Too Large";
      case 414:
        return "URI Too Long";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 503:
        return "Service Unavailable";
      case 505:
        return "HTTP Version Not Supported";
      case 507:
        return "Insufficient Storage";
      default:
        return "Status " + status;
    }
  }
}
