package dev.fargatedoctor.flows;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads (and so decompresses) a stream on a second thread while the caller parses what was read:
 * inflating gzip costs about as much as parsing, and the two overlap. A handful of reused buffers,
 * so memory stays fixed; an error on the reading side reaches the caller at the point it happened.
 */
final class Prefetch extends InputStream {
  private static final int CHUNK = 1 << 20;
  private static final Chunk END = new Chunk(null, -1, null);

  private record Chunk(byte[] data, int length, IOException error) {}

  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(4);
  private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(5);
  private final Thread reader;
  private Chunk current;
  private int position;
  private volatile boolean closed;

  Prefetch(InputStream in, String name) {
    for (int i = 0; i < 5; i++) empty.add(new byte[CHUNK]);
    reader =
        new Thread(
            () -> {
              try (in) {
                while (!closed) {
                  byte[] buffer = empty.take();
                  int n = 0;
                  try {
                    while (n < CHUNK) {
                      int r = in.read(buffer, n, CHUNK - n);
                      if (r < 0) break;
                      n += r;
                    }
                  } catch (IOException e) {
                    // What was inflated before the stream broke is still good: hand it over first.
                    if (n > 0) full.put(new Chunk(buffer, n, null));
                    throw e;
                  }
                  if (n > 0) full.put(new Chunk(buffer, n, null));
                  if (n < CHUNK) break;
                }
                full.put(END);
              } catch (IOException e) {
                putQuietly(new Chunk(null, -1, e));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "flow-read " + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void putQuietly(Chunk c) {
    try {
      full.put(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (current == END) return -1;
    if (current == null || position == current.length()) {
      if (current != null && current.data() != null) empty.offer(current.data());
      try {
        current = full.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while reading");
      }
      position = 0;
      if (current.error() != null) {
        IOException e = current.error();
        current = END;
        throw e;
      }
      if (current == END) return -1;
    }
    int n = Math.min(len, current.length() - position);
    System.arraycopy(current.data(), position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
  }
}
