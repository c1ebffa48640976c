package dev.fargatedoctor.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client on a plain socket, for requests no well-behaved client library would send: half a head,
 * a head trickled byte by byte, a response never read.
 */
final class RawClient implements AutoCloseable {

  /** How long any read may wait: long enough that only a real block fails a test. */
  static final int READ_TIMEOUT_MILLIS = 25_000;

  final Socket socket;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
  }

  RawClient send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /**
   * Everything until the server closes, as text; throws if the server has not within the timeout.
   */
  String readAll() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** True when the server closed (or reset) the connection, false if it is still open. */
  boolean closedByServer(int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      while (true) {
        if (in.read(buf) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  static String exchange(int port, String request) throws IOException {
    try (RawClient c = new RawClient(port)) {
      return c.send(request).readAll();
    }
  }

  static int status(String response) {
    return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
