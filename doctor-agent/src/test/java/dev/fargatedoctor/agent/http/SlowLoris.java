package dev.fargatedoctor.agent.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A neighbour that tries to blind the agent: it holds {@code slots} connections that each sent half
 * a request head ({@code GET /health HTTP/1.1\r\nHost: x\r\n}, no final empty line) and then
 * trickle one more header byte a second. When the server drops one, the slot connects again a
 * second or so later, so the pressure lasts as long as the attack. One thread, non-blocking, so
 * that hundreds of slots cost no threads. Used by the tests and by bench/agent.
 */
public final class SlowLoris implements AutoCloseable {

  private static final byte[] HALF_HEAD =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress target;
  private final int slots;
  private final Selector selector;
  private final Thread thread;
  private final List<Slot> all = new ArrayList<>();
  private volatile boolean running = true;

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong droppedByServer = new AtomicLong();

  private final class Slot {
    SocketChannel channel;
    long reconnectAt;
    long nextTrickle;
  }

  public SlowLoris(int port, int slots) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    this.slots = slots;
    this.selector = Selector.open();
    this.thread = new Thread(this::run, "slow-loris");
    this.thread.setDaemon(true);
  }

  public SlowLoris start() {
    thread.start();
    return this;
  }

  /** Connections that are open from this side now (connected or connecting). */
  public int open() {
    return open.get();
  }

  /** Connections made so far, including reconnects. */
  public long connects() {
    return connects.get();
  }

  /** Connections the server closed. */
  public long droppedByServer() {
    return droppedByServer.get();
  }

  private void run() {
    long now = System.nanoTime();
    for (int i = 0; i < slots; i++) {
      Slot s = new Slot();
      s.reconnectAt = now;
      all.add(s);
    }
    ByteBuffer sink = ByteBuffer.allocate(4096);
    try {
      while (running) {
        now = System.nanoTime();
        for (Slot s : all) {
          if (s.channel == null && now - s.reconnectAt >= 0) {
            connect(s);
          } else if (s.channel != null && s.channel.isConnected() && now - s.nextTrickle >= 0) {
            send(s, new byte[] {'y'});
            s.nextTrickle = now + TimeUnit.SECONDS.toNanos(1);
          }
        }
        selector.select(50);
        for (SelectionKey key : selector.selectedKeys()) {
          Slot s = (Slot) key.attachment();
          try {
            if (key.isConnectable()) {
              if (s.channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                send(s, HALF_HEAD);
                s.nextTrickle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
              }
            } else if (key.isReadable()) {
              sink.clear();
              if (s.channel.read(sink) < 0) {
                dropped(s);
              }
            }
          } catch (IOException | java.nio.channels.CancelledKeyException e) {
            dropped(s);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      // the selector failed: the attack is over
    } finally {
      for (Slot s : all) {
        closeQuietly(s);
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void connect(Slot s) {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      s.channel = channel;
      open.incrementAndGet();
      connects.incrementAndGet();
      if (channel.connect(target)) {
        channel.register(selector, SelectionKey.OP_READ, s);
        send(s, HALF_HEAD);
        s.nextTrickle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, s);
      }
    } catch (IOException e) {
      retryLater(s);
    }
  }

  private void send(Slot s, byte[] bytes) {
    try {
      s.channel.write(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      dropped(s);
    }
  }

  private void dropped(Slot s) {
    droppedByServer.incrementAndGet();
    retryLater(s);
  }

  private void retryLater(Slot s) {
    closeQuietly(s);
    // About a second, spread so that dropped slots do not come back as one burst.
    s.reconnectAt =
        System.nanoTime()
            + TimeUnit.MILLISECONDS.toNanos(500 + ThreadLocalRandom.current().nextInt(1000));
  }

  private void closeQuietly(Slot s) {
    if (s.channel != null) {
      try {
        s.channel.close();
      } catch (IOException ignored) {
        // already gone
      }
      s.channel = null;
      open.decrementAndGet();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join(10_000);
  }
}
