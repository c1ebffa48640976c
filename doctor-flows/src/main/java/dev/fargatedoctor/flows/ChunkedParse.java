package dev.fargatedoctor.flows;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipException;

/**
 * Parses streams in chunks of whole lines over a fixed number of partitions. The calling thread
 * reads (and so inflates) a stream into 1 MiB chunks cut after their last newline; chunk n of the
 * whole read goes to partition n % {@link #PARTITIONS}, each partition an aggregator of its own,
 * fed by a thread of its own while a stream lasts more than one chunk. Chunks are filled to the
 * brim before they are cut, so the cuts, and with them which records meet in which partition,
 * depend on the bytes alone: one thread or several, the partitions end up the same. A fixed set of
 * reused buffers and bounded queues keep memory fixed.
 */
final class ChunkedParse {
  /** Partitions of the records: a constant, not the number of cores, so results never vary. */
  static final int PARTITIONS = 2;

  private static final int CHUNK = 1 << 20;
  private static final int MAX_LINE = 16 << 20;
  // Chunks queued per partition: deep enough that a thread descheduled on a busy machine does not
  // stall the others at once, small enough that buffers stay a few tens of MiB.
  private static final int QUEUED = 6;
  private static final int BUFFERS = (QUEUED + 1) * PARTITIONS + 2;

  private final FlowAggregator[] partitions;
  private final boolean threaded;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private int allocated;
  private long chunks;

  /** What reading one stream gave: its format (a header line wins) and its chunks, in order. */
  static final class Read {
    FlowFormat format;
    final List<ChunkResult> chunks = new ArrayList<>();
    IOException failure;
  }

  ChunkedParse(FlowAggregator[] partitions, boolean threaded) {
    this.partitions = partitions;
    this.threaded = threaded;
  }

  /**
   * Reads a stream to its end or to where it breaks: what was read before a break is parsed, and
   * the break is the result's failure (a truncated gzip stream is a {@link Truncated}).
   */
  Read read(InputStream in, FlowFormat format, String name) {
    Read read = new Read();
    read.format = format;
    Workers workers = null;
    try {
      byte[] buf = buffer(0);
      int len = 0;
      boolean first = true;
      while (true) {
        boolean eof = false;
        IOException broke = null;
        try {
          while (len < buf.length) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
              eof = true;
              break;
            }
            len += n;
          }
        } catch (EOFException | ZipException e) {
          broke = new Truncated(e.getMessage());
        } catch (IOException e) {
          broke = e;
        }
        int cut = eof ? len : lastNewline(buf, len) + 1;
        if (cut == 0 && broke == null && !eof) {
          if (buf.length >= MAX_LINE) {
            ChunkResult r = new ChunkResult();
            r.lines = 1;
            r.malformed(1, "a line over 16 MiB");
            read.chunks.add(r);
            len = 0;
          } else {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          continue;
        }
        int start = 0;
        if (first) {
          first = false;
          start = header(buf, cut, read);
        }
        boolean last = eof || broke != null;
        byte[] next = last ? null : buffer(len - cut);
        if (next != null) System.arraycopy(buf, cut, next, 0, len - cut);
        ChunkResult result = new ChunkResult();
        read.chunks.add(result);
        int partition = (int) (chunks++ % PARTITIONS);
        if (!threaded || (last && workers == null)) {
          result.parse(partitions[partition], read.format, buf, start, cut);
          recycle(buf);
        } else {
          if (workers == null) workers = new Workers(name);
          workers.put(partition, new Job(buf, start, cut, read.format, result));
        }
        if (broke != null) throw broke;
        if (last) break;
        len -= cut;
        buf = next;
      }
    } catch (IOException | FlowFormatException e) {
      read.failure = e instanceof IOException io ? io : new FormatProblem((FlowFormatException) e);
    } finally {
      if (workers != null) workers.finish();
    }
    return read;
  }

  // The first non-empty line, when it names fields, is the format: returns where the records start.
  private static int header(byte[] buf, int len, Read read) {
    int pos = 0;
    long line = 0;
    while (pos < len) {
      int nl = pos;
      while (nl < len && buf[nl] != '\n') nl++;
      line++;
      int stop = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
      if (stop > pos) {
        if (buf[pos] < 'a' || buf[pos] > 'z') return 0; // records start with a number or id
        String text = new String(buf, pos, stop - pos, StandardCharsets.US_ASCII);
        if (text.startsWith("eni-")) return 0;
        ChunkResult header = new ChunkResult();
        header.lines = line;
        read.chunks.add(header);
        FlowFormat f = FlowFormat.fromHeader(text);
        if (f == null) {
          read.chunks.remove(header);
          return 0;
        }
        read.format = f;
        return Math.min(nl + 1, len);
      }
      pos = nl + 1;
    }
    return 0;
  }

  private static int lastNewline(byte[] buf, int len) {
    for (int i = len - 1; i >= 0; i--) if (buf[i] == '\n') return i;
    return -1;
  }

  private byte[] buffer(int atLeast) throws InterruptedIOException {
    byte[] b = free.poll();
    if (b == null && allocated < BUFFERS) {
      allocated++;
      b = new byte[CHUNK];
    }
    if (b == null) {
      try {
        b = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
    }
    return b.length > atLeast ? b : new byte[Integer.highestOneBit(atLeast) * 2];
  }

  private void recycle(byte[] b) {
    free.offer(b);
  }

  private record Job(byte[] buf, int start, int end, FlowFormat format, ChunkResult result) {}

  private static final Job END = new Job(null, 0, 0, null, null);

  // One thread per partition for the length of a stream.
  private final class Workers {
    private final List<BlockingQueue<Job>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Throwable[] errors = new Throwable[PARTITIONS];

    Workers(String name) {
      for (int p = 0; p < PARTITIONS; p++) {
        BlockingQueue<Job> q = new ArrayBlockingQueue<>(QUEUED);
        int partition = p;
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (Job j = q.take(); j != END; j = q.take()) {
                      try {
                        if (errors[partition] == null) {
                          j.result()
                              .parse(
                                  partitions[partition], j.format(), j.buf(), j.start(), j.end());
                        }
                      } catch (RuntimeException | Error e) {
                        errors[partition] = e;
                      } finally {
                        recycle(j.buf());
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "flow-parse-" + p + " " + name);
        t.setDaemon(true);
        t.start();
        queues.add(q);
        threads.add(t);
      }
    }

    void put(int partition, Job job) throws InterruptedIOException {
      try {
        queues.get(partition).put(job);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
    }

    // Waits for every chunk handed out: after this the results and partitions are the caller's.
    void finish() {
      try {
        for (BlockingQueue<Job> q : queues) q.put(END);
        for (Thread t : threads) t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        for (Thread t : threads) t.interrupt();
        throw new IllegalStateException("interrupted while parsing flow logs", e);
      }
      for (Throwable e : errors) {
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
      }
    }
  }

  /** A gzip stream that stops before its end. */
  static final class Truncated extends IOException {
    Truncated(String message) {
      super(message == null ? "unexpected end" : message);
    }
  }

  /** A header line that names fields but cannot be a format. */
  static final class FormatProblem extends IOException {
    FormatProblem(FlowFormatException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
