package dev.fargatedoctor.agent.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server in which every resource a client can claim is bounded, so that no process
 * in the task can blind the agent by connecting and never finishing a request.
 *
 * <p>The JDK's {@code com.sun.net.httpserver} reads request heads with blocking reads on its worker
 * threads: two connections that send half a head occupy a two-thread pool until they close ({@code
 * sun.net.httpserver.maxReqTime} cuts them after a while, but a client that reconnects keeps the
 * pool busy, and nothing caps open connections). Here one I/O thread does all socket work without
 * blocking, and workers only compute responses from memory:
 *
 * <ul>
 *   <li>a request head must arrive whole within {@link Limits#headerTimeout}, however slowly its
 *       bytes trickle in, and within {@link RequestParser#MAX_HEAD_BYTES};
 *   <li>at most {@link Limits#maxConnections} connections are open; a new one evicts the oldest
 *       that is not being served (still sending its head, or not reading its answer), so a client
 *       that sends its request at once is answered however many idle connections are held;
 *   <li>responses are written without blocking, within {@link Limits#writeTimeout}, and the bytes
 *       of unread responses are capped in total;
 *   <li>{@link Limits#workers} threads compute responses, with at most {@link
 *       Limits#queuedRequests} waiting; beyond that the answer is {@code 503} with {@code
 *       Retry-After}.
 * </ul>
 *
 * <p>Every response closes its connection.
 */
final class BoundedHttpServer implements AutoCloseable {

  /** Computes the response to one request; runs on a worker thread. */
  interface Handler {
    Response handle(Request request);
  }

  /** Every bound in one place. */
  record Limits(
      int maxConnections,
      Duration headerTimeout,
      Duration writeTimeout,
      Duration lingerTimeout,
      int workers,
      int queuedRequests,
      int unsentResponseBytes) {

    /**
     * The agent's clients are a person with curl and a scraper or two, all on loopback: they send a
     * request at once and read the answer at once.
     */
    static final Limits DEFAULT =
        new Limits(
            64,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            2,
            16,
            8 << 20);
  }

  /** Counters since start, and the connections open now. */
  record Stats(
      int open,
      int peakOpen,
      long accepted,
      long responses,
      long headerTimeouts,
      long writeTimeouts,
      long evicted,
      long refusedBusy,
      long rejectedRequests) {}

  private enum Phase {
    /** Receiving the request head (and a small body). Evictable. */
    READING,
    /** A worker computes the response. Not evictable, bounded by workers + queue. */
    PROCESSING,
    /** Sending the response. Evictable. */
    WRITING,
    /** Response sent and output shut down; draining what the client still sends. Evictable. */
    LINGERING
  }

  private static final class Connection {
    final SocketChannel channel;
    final InetAddress peer;
    SelectionKey key;
    Phase phase = Phase.READING;
    long phaseStart;
    long deadline;
    byte[] in = new byte[1024];
    int inLength;
    ByteBuffer out;

    Connection(SocketChannel channel, InetAddress peer) {
      this.channel = channel;
      this.peer = peer;
    }
  }

  private record Done(Connection connection, byte[] bytes) {}

  private static final int MAX_REQUEST_BYTES =
      RequestParser.MAX_HEAD_BYTES + RequestParser.MAX_BODY_BYTES;
  private static final int MAX_DRAINED_BYTES = 64 * 1024;
  private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final byte[] BUSY =
      canned(503, "the agent is busy: too many requests at once", "Retry-After: 1\r\n");
  private static final byte[] TIMED_OUT =
      canned(408, "the request head did not arrive in time", "");

  private final Limits limits;
  private final Handler handler;
  private final ServerSocketChannel listener;
  private final Selector selector;
  private final SelectionKey acceptKey;
  private final ThreadPoolExecutor workers;
  private final Thread ioThread;
  private final List<Connection> connections = new ArrayList<>();
  private final Queue<Done> done = new ConcurrentLinkedQueue<>();
  private final ByteBuffer drain = ByteBuffer.allocate(4096);
  private volatile boolean running = true;
  private long unsentBytes;
  private long acceptPausedUntil;

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong responses = new AtomicLong();
  private final AtomicLong headerTimeouts = new AtomicLong();
  private final AtomicLong writeTimeouts = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong refusedBusy = new AtomicLong();
  private final AtomicLong rejectedRequests = new AtomicLong();

  private BoundedHttpServer(
      Limits limits, Handler handler, ServerSocketChannel listener, Selector selector)
      throws IOException {
    this.limits = limits;
    this.handler = handler;
    this.listener = listener;
    this.selector = selector;
    this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.queuedRequests()),
            r -> daemon(r, "fargate-doctor-http-worker-" + n.incrementAndGet()),
            new ThreadPoolExecutor.AbortPolicy());
    this.ioThread = daemon(this::loop, "fargate-doctor-http-io");
  }

  /**
   * Binds the address without serving yet: connections wait in the kernel's backlog until {@link
   * #start()}, so a port in use fails before anything else happens.
   */
  static BoundedHttpServer bind(InetSocketAddress address, Limits limits, Handler handler)
      throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    Selector selector = null;
    try {
      listener.bind(address, 128);
      listener.configureBlocking(false);
      selector = Selector.open();
      return new BoundedHttpServer(limits, handler, listener, selector);
    } catch (IOException | RuntimeException e) {
      listener.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  void start() {
    ioThread.start();
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the listening socket is closed", e);
    }
  }

  Stats stats() {
    return new Stats(
        open.get(),
        peakOpen.get(),
        accepted.get(),
        responses.get(),
        headerTimeouts.get(),
        writeTimeouts.get(),
        evicted.get(),
        refusedBusy.get(),
        rejectedRequests.get());
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    if (ioThread.isAlive() && Thread.currentThread() != ioThread) {
      try {
        ioThread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!ioThread.isAlive()) {
      closeEverything();
    }
    workers.shutdownNow();
  }

  private void loop() {
    try {
      while (running) {
        long now = System.nanoTime();
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDeadline(now) - now) + 1));
        takeFinishedResponses();
        // Connections already open go first: a request whose bytes have arrived is read before
        // newcomers can push its connection out.
        boolean acceptable = false;
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key == acceptKey) {
            acceptable = true;
          } else {
            handleReady(key);
          }
        }
        if (acceptable) {
          acceptSome();
        }
        now = System.nanoTime();
        expire(now);
        if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
          acceptPausedUntil = 0;
          acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // the selector failed or was closed: stop serving
    } finally {
      closeEverything();
    }
  }

  private void acceptSome() {
    // A quarter of the cap per round: a flood of new connections cannot evict a connection in the
    // same round it was accepted, before its request could be read.
    for (int i = Math.max(1, limits.maxConnections() / 4); i > 0; i--) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        // Out of file descriptors, most likely: stop accepting for a moment instead of spinning.
        acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_NANOS;
        acceptKey.interestOps(0);
        return;
      }
      if (channel == null) {
        return;
      }
      accepted.incrementAndGet();
      if (connections.size() >= limits.maxConnections() && !evictOne()) {
        refusedBusy.incrementAndGet();
        writeAndClose(channel, BUSY);
        continue;
      }
      Connection c;
      try {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
        c = new Connection(channel, peer == null ? null : peer.getAddress());
        c.phaseStart = System.nanoTime();
        c.deadline = c.phaseStart + limits.headerTimeout().toNanos();
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
      } catch (IOException e) {
        closeQuietly(channel);
        continue;
      }
      connections.add(c);
      peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      // The request usually arrived with the handshake: read it now, before anything can evict it.
      try {
        read(c);
      } catch (IOException | RuntimeException e) {
        close(c);
      }
    }
  }

  /**
   * Makes room for a new connection: a connection that is done but draining first, else the oldest
   * one still sending its head or not reading its answer.
   */
  private boolean evictOne() {
    Connection victim = null;
    for (Connection c : connections) {
      if (c.phase != Phase.PROCESSING && (victim == null || evictsBefore(c, victim))) {
        victim = c;
      }
    }
    if (victim == null) {
      return false;
    }
    if (victim.phase != Phase.LINGERING) {
      evicted.incrementAndGet();
    }
    close(victim);
    return true;
  }

  private static boolean evictsBefore(Connection a, Connection b) {
    boolean aDone = a.phase == Phase.LINGERING;
    boolean bDone = b.phase == Phase.LINGERING;
    return aDone != bDone ? aDone : a.phaseStart - b.phaseStart < 0;
  }

  private void handleReady(SelectionKey key) {
    Connection c = (Connection) key.attachment();
    try {
      if (!key.isValid()) {
        close(c);
      } else if (key.isReadable()) {
        if (c.phase == Phase.READING) {
          read(c);
        } else if (c.phase == Phase.LINGERING) {
          drain(c);
        }
      } else if (key.isWritable() && c.phase == Phase.WRITING) {
        write(c);
      }
    } catch (IOException | CancelledKeyException e) {
      close(c);
    } catch (RuntimeException e) {
      // A bug must cost one connection, never the server.
      close(c);
    }
  }

  private void read(Connection c) throws IOException {
    if (c.inLength == c.in.length) {
      c.in = Arrays.copyOf(c.in, Math.min(MAX_REQUEST_BYTES, c.in.length * 2));
    }
    int n = c.channel.read(ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength));
    if (n < 0) {
      close(c); // the client gave up before finishing its request
      return;
    }
    c.inLength += n;
    RequestParser.Result result = RequestParser.parse(c.in, c.inLength);
    if (result instanceof RequestParser.Rejected rejected) {
      rejectedRequests.incrementAndGet();
      respond(c, errorResponse(rejected.status(), rejected.reason()).bytes(false));
    } else if (result instanceof RequestParser.Complete complete) {
      if (c.inLength >= complete.headLength() + complete.request().contentLength()) {
        dispatch(c, complete.request().from(c.peer));
      }
    }
  }

  private void dispatch(Connection c, Request request) {
    c.phase = Phase.PROCESSING;
    c.in = null;
    c.key.interestOps(0);
    try {
      workers.execute(() -> compute(c, request));
    } catch (RejectedExecutionException busy) {
      refusedBusy.incrementAndGet();
      respond(c, BUSY);
    }
  }

  /** On a worker thread: never touches the connection, only hands the bytes back. */
  private void compute(Connection c, Request request) {
    Response response;
    try {
      response = handler.handle(request);
    } catch (RuntimeException | Error e) {
      response = errorResponse(500, "internal error: " + e.getClass().getSimpleName());
    }
    done.add(new Done(c, response.bytes(request.isHead())));
    selector.wakeup();
  }

  private void takeFinishedResponses() {
    for (Done d = done.poll(); d != null; d = done.poll()) {
      if (d.connection().phase == Phase.PROCESSING && connections.contains(d.connection())) {
        respond(d.connection(), d.bytes());
      }
    }
  }

  private void respond(Connection c, byte[] bytes) {
    c.phase = Phase.WRITING;
    c.in = null;
    c.phaseStart = System.nanoTime();
    c.deadline = c.phaseStart + limits.writeTimeout().toNanos();
    c.out = ByteBuffer.wrap(bytes);
    unsentBytes += bytes.length;
    // Clients that do not read their answers may not pile up response bytes without end.
    while (unsentBytes > limits.unsentResponseBytes() && evictOldestWriter(c)) {
      evicted.incrementAndGet();
    }
    try {
      c.key.interestOps(SelectionKey.OP_WRITE);
      write(c);
    } catch (IOException | CancelledKeyException e) {
      close(c);
    }
  }

  private boolean evictOldestWriter(Connection keep) {
    Connection oldest = null;
    for (Connection c : connections) {
      if (c != keep
          && c.phase == Phase.WRITING
          && (oldest == null || c.phaseStart - oldest.phaseStart < 0)) {
        oldest = c;
      }
    }
    if (oldest == null) {
      return false;
    }
    close(oldest);
    return true;
  }

  private void write(Connection c) throws IOException {
    c.channel.write(c.out);
    if (c.out.hasRemaining()) {
      return;
    }
    unsentBytes -= c.out.capacity();
    c.out = null;
    responses.incrementAndGet();
    // Half-close, then read what the client still sends until it closes: closing with unread
    // bytes would reset the connection and could destroy the response in flight.
    c.channel.shutdownOutput();
    c.phase = Phase.LINGERING;
    c.phaseStart = System.nanoTime();
    c.deadline = c.phaseStart + limits.lingerTimeout().toNanos();
    c.inLength = 0;
    c.key.interestOps(SelectionKey.OP_READ);
  }

  private void drain(Connection c) throws IOException {
    drain.clear();
    int n = c.channel.read(drain);
    c.inLength += Math.max(0, n);
    if (n < 0 || c.inLength > MAX_DRAINED_BYTES) {
      close(c);
    }
  }

  private void expire(long now) {
    for (int i = connections.size() - 1; i >= 0; i--) {
      Connection c = connections.get(i);
      if (c.phase == Phase.PROCESSING || now - c.deadline < 0) {
        continue;
      }
      if (c.phase == Phase.READING) {
        headerTimeouts.incrementAndGet();
        try {
          c.channel.write(ByteBuffer.wrap(TIMED_OUT)); // best effort, never waits
        } catch (IOException ignored) {
          // closing anyway
        }
      } else if (c.phase == Phase.WRITING) {
        writeTimeouts.incrementAndGet();
      }
      close(c);
    }
  }

  private long nextDeadline(long now) {
    long next = now + TimeUnit.SECONDS.toNanos(1);
    for (Connection c : connections) {
      if (c.phase != Phase.PROCESSING && c.deadline - next < 0) {
        next = c.deadline;
      }
    }
    if (acceptPausedUntil != 0 && acceptPausedUntil - next < 0) {
      next = acceptPausedUntil;
    }
    return next;
  }

  private void close(Connection c) {
    if (connections.remove(c)) {
      open.decrementAndGet();
    }
    if (c.out != null) {
      unsentBytes -= c.out.capacity();
      c.out = null;
    }
    c.in = null;
    if (c.key != null) {
      c.key.cancel();
    }
    closeQuietly(c.channel);
  }

  private void closeEverything() {
    for (Connection c : new ArrayList<>(connections)) {
      close(c);
    }
    closeQuietly(listener);
    try {
      selector.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static void writeAndClose(SocketChannel channel, byte[] bytes) {
    try {
      channel.configureBlocking(false);
      channel.write(ByteBuffer.wrap(bytes));
    } catch (IOException ignored) {
      // the client is gone
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  static Response errorResponse(int status, String message) {
    return new Response(status, Routes.JSON, Routes.error(message));
  }

  private static byte[] canned(int status, String message, String extraHeaders) {
    byte[] body = ("{\n  \"error\": \"" + message + "\"\n}\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + Response.reason(status)
            + "\r\nContent-Type: "
            + Routes.JSON
            + "\r\nContent-Length: "
            + body.length
            + "\r\nCache-Control: no-store\r\n"
            + extraHeaders
            + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
