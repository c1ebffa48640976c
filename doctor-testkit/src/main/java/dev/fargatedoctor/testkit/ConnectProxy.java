package dev.fargatedoctor.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A company's HTTPS proxy on a free loopback port: it answers {@code CONNECT host:port}, tunnels
 * the bytes both ways, and records each target. Only loopback targets are tunnelled.
 */
public final class ConnectProxy implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> tunnels = new CopyOnWriteArrayList<>();

  private ConnectProxy(ServerSocket server) {
    this.server = server;
    executor.submit(this::accept);
  }

  public static ConnectProxy start() throws IOException {
    return new ConnectProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** The proxy URL, as HTTPS_PROXY names it. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The host:port of every CONNECT, in order. */
  public List<String> tunnels() {
    return List.copyOf(tunnels);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        executor.submit(() -> tunnel(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void tunnel(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String[] requestLine = head.split("\r\n", 2)[0].split(" ");
      OutputStream out = client.getOutputStream();
      if (requestLine.length < 2 || !requestLine[0].equals("CONNECT")) {
        out.write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String target = requestLine[1];
      int colon = target.lastIndexOf(':');
      String host = target.substring(0, colon);
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        out.write("HTTP/1.1 403 Forbidden\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      tunnels.add(target);
      try (Socket upstream = new Socket(host, Integer.parseInt(target.substring(colon + 1)))) {
        out.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var back =
            executor.submit(
                () -> {
                  upstream.getInputStream().transferTo(out);
                  return null;
                });
        try {
          in.transferTo(upstream.getOutputStream());
        } catch (IOException closed) {
          // the client hung up: the other direction ends with the upstream socket
        }
        upstream.shutdownOutput();
        try {
          back.get();
        } catch (Exception ended) {
          // either side closing ends the tunnel
        }
      }
    } catch (IOException | RuntimeException ended) {
      // a broken tunnel only fails the request that used it
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) break;
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    executor.shutdownNow();
  }
}
