package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every TCP socket of the network namespace from {@code <procRoot>/net/tcp} and {@code tcp6}.
 *
 * <p>Parses bytes straight from a reused buffer, without a String per line, because a sample with
 * 10,000 sockets must stay cheap next to {@code ss -tan}. Lines that do not parse (a truncated
 * fixture, a format this agent does not know) are skipped and counted rather than failing the read.
 */
public final class ProcNetTcpReader {

  private static final int BUFFER = 64 * 1024;

  private final Path procRoot;
  private byte[] buffer;

  public ProcNetTcpReader(Path procRoot) {
    this(procRoot, BUFFER);
  }

  /** With a small buffer, tests reach the paths taken when a line outgrows it. */
  ProcNetTcpReader(Path procRoot, int bufferBytes) {
    this.procRoot = procRoot;
    this.buffer = new byte[bufferBytes];
  }

  /** The connections and how many lines were skipped as malformed. */
  public record Result(List<TcpConnection> connections, int skippedLines) {}

  /**
   * Reads tcp and tcp6. A missing tcp6 means IPv6 is disabled and is not an error.
   *
   * @throws IOException when /proc/net/tcp itself cannot be read
   */
  public synchronized Result read() throws IOException {
    List<TcpConnection> out = new ArrayList<>(256);
    int skipped;
    Path tcp = procRoot.resolve("net/tcp");
    try (InputStream in = Files.newInputStream(tcp)) {
      skipped = parse(in, false, out);
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + tcp + ": no such file (is this a Linux /proc?)", e);
    }
    Path tcp6 = procRoot.resolve("net/tcp6");
    if (Files.exists(tcp6)) {
      try (InputStream in = Files.newInputStream(tcp6)) {
        skipped += parse(in, true, out);
      } catch (NoSuchFileException vanished) {
        // IPv6 disabled between the check and the open: nothing to count
      }
    }
    return new Result(out, skipped);
  }

  /** Parses one file's content into {@code out}; returns the number of skipped lines. */
  int parse(InputStream in, boolean ipv6, List<TcpConnection> out) throws IOException {
    byte[] buf = buffer;
    int length = 0;
    int skipped = 0;
    boolean firstLine = true;
    while (true) {
      if (length == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        buffer = buf;
      }
      int n = in.read(buf, length, buf.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      int start = 0;
      for (int i = 0; i < length; i++) {
        if (buf[i] == '\n') {
          if (firstLine && isHeader(buf, start, i)) {
            firstLine = false;
          } else {
            firstLine = false;
            if (i > start && !parseLine(buf, start, i, ipv6, out)) {
              skipped++;
            }
          }
          start = i + 1;
        }
      }
      System.arraycopy(buf, start, buf, 0, length - start);
      length -= start;
    }
    if (length > 0) {
      skipped++; // a last line without its newline was cut short
    }
    return skipped;
  }

  private static boolean isHeader(byte[] b, int from, int to) {
    int i = skipSpaces(b, from, to);
    return i + 1 < to && b[i] == 's' && b[i + 1] == 'l';
  }

  /** Fields: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ... */
  private static boolean parseLine(
      byte[] b, int from, int to, boolean ipv6, List<TcpConnection> out) {
    int i = skipSpaces(b, from, to);
    i = skipToken(b, i, to); // "sl:"
    i = skipSpaces(b, i, to);
    int localStart = i;
    i = skipToken(b, i, to);
    int localEnd = i;
    i = skipSpaces(b, i, to);
    int remoteStart = i;
    i = skipToken(b, i, to);
    int remoteEnd = i;
    i = skipSpaces(b, i, to);
    int stateStart = i;
    i = skipToken(b, i, to);
    int stateEnd = i;
    for (int skip = 0; skip < 3; skip++) { // tx:rx, tr:when, retrnsmt
      i = skipSpaces(b, i, to);
      i = skipToken(b, i, to);
    }
    i = skipSpaces(b, i, to);
    int uidStart = i;
    i = skipToken(b, i, to);
    int uidEnd = i;
    i = skipSpaces(b, i, to);
    i = skipToken(b, i, to); // timeout
    i = skipSpaces(b, i, to);
    int inodeStart = i;
    i = skipToken(b, i, to);
    int inodeEnd = i;
    if (inodeEnd == inodeStart) {
      return false;
    }
    Endpoint local = endpoint(b, localStart, localEnd, ipv6);
    Endpoint remote = endpoint(b, remoteStart, remoteEnd, ipv6);
    long stateCode = hex(b, stateStart, stateEnd);
    long uid = decimal(b, uidStart, uidEnd);
    long inode = decimal(b, inodeStart, inodeEnd);
    TcpState state = stateCode < 0 ? null : TcpState.ofCode((int) stateCode);
    if (local == null || remote == null || state == null || uid < 0 || inode < 0) {
      return false;
    }
    out.add(new TcpConnection(local, remote, state, (int) uid, inode));
    return true;
  }

  /**
   * "0100007F:1F90" (IPv4, one little-endian word) or 32 hex digits (IPv6, four words) + ":port".
   */
  private static Endpoint endpoint(byte[] b, int from, int to, boolean ipv6) {
    int addressHexDigits = ipv6 ? 32 : 8;
    if (to - from != addressHexDigits + 5 || b[from + addressHexDigits] != ':') {
      return null;
    }
    long port = hex(b, from + addressHexDigits + 1, to);
    if (port < 0) {
      return null;
    }
    if (!ipv6) {
      long word = hex(b, from, from + 8);
      return word < 0 ? null : Endpoint.ipv4(Integer.reverseBytes((int) word), (int) port);
    }
    long[] words = new long[4];
    for (int w = 0; w < 4; w++) {
      long word = hex(b, from + 8 * w, from + 8 * w + 8);
      if (word < 0) {
        return null;
      }
      // Each word was printed from host (little-endian) order: reverse to network order.
      words[w] = Integer.reverseBytes((int) word) & 0xFFFFFFFFL;
    }
    return Endpoint.ipv6((words[0] << 32) | words[1], (words[2] << 32) | words[3], (int) port);
  }

  private static int skipSpaces(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipToken(byte[] b, int i, int to) {
    while (i < to && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    return i;
  }

  /** Hex digits to a value, or -1 if empty, too long, or not hex. */
  private static long hex(byte[] b, int from, int to) {
    if (to <= from || to - from > 15) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      value = (value << 4) | d;
    }
    return value;
  }

  private static long decimal(byte[] b, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
