package dev.fargatedoctor.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The most bytes one input file may hold once decompressed. A saved snapshot of an account with
 * 100,000 network interfaces is about 50 MB of JSON (3 MB gzipped); the default leaves five times
 * that. A file past the limit is refused as soon as the limit is read, so a small gzip file that
 * expands to gigabytes costs a second and a fixed amount of memory, not minutes and gigabytes.
 */
public record InputLimit(long maxBytes) {
  public static final long DEFAULT_MEGABYTES = 256;
  public static final InputLimit DEFAULT = ofMegabytes(DEFAULT_MEGABYTES);

  public InputLimit {
    if (maxBytes < 1) throw new IllegalArgumentException("an input limit is at least one byte");
  }

  public static InputLimit ofMegabytes(long megabytes) {
    if (megabytes < 1 || megabytes > 1024 * 1024) {
      throw new IllegalArgumentException(
          "--max-input-mb must be between 1 and 1048576 (1 TiB), not " + megabytes);
    }
    return new InputLimit(megabytes * 1024 * 1024);
  }

  /** The stream, failing with {@link TooLarge} once it has given more than the limit. */
  public InputStream bound(InputStream in) {
    return new Counting(in, this);
  }

  String describe() {
    long mib = maxBytes / (1024 * 1024);
    return mib * 1024 * 1024 == maxBytes ? mib + " MiB" : maxBytes + " bytes";
  }

  /** Input past the limit; the message names the limit and how to raise it. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(InputLimit limit) {
      super(
          "larger than "
              + limit.describe()
              + " (decompressed): refused; the limit for one input file is set with --max-input-mb");
    }
  }

  private static final class Counting extends FilterInputStream {
    private final InputLimit limit;
    private long count;

    Counting(InputStream in, InputLimit limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) add(1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) add(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      add(skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void add(long n) throws TooLarge {
      count += n;
      if (count > limit.maxBytes) throw new TooLarge(limit);
    }
  }
}
