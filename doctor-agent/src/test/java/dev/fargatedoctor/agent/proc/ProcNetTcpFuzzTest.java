package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fuzz targets for the /proc/net/tcp{,6} parser. Its documented answer to a line it cannot read is
 * to skip and count it: no input may throw, and every line is either a connection or a skipped
 * line. Lines in the kernel's own format must come back exactly as they were written, however the
 * reads split them and however small the buffer is.
 */
class ProcNetTcpFuzzTest {

  @FuzzTest
  void anyBytes(FuzzedDataProvider data) throws IOException {
    boolean ipv6 = data.consumeBoolean();
    int bufferBytes = data.consumeInt(1, 256);
    int chunk = data.consumeInt(1, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    List<TcpConnection> out = new ArrayList<>();
    int skipped =
        new ProcNetTcpReader(Path.of("/nonexistent"), bufferBytes)
            .parse(chunked(bytes, chunk), ipv6, out);
    long lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().count();
    assertThat(out.size() + skipped).isLessThanOrEqualTo((int) lines);
    for (TcpConnection c : out) {
      assertThat(c.local().port()).isBetween(0, 65535);
      assertThat(c.remote().port()).isBetween(0, 65535);
      assertThat(c.inode()).isNotNegative();
      assertThat(c.state()).isNotNull();
    }
  }

  @FuzzTest
  void kernelFormatRoundTrips(FuzzedDataProvider data) throws IOException {
    boolean ipv6 = data.consumeBoolean();
    int bufferBytes = data.consumeInt(1, 512);
    int chunk = data.consumeInt(1, 300);
    StringBuilder text =
        new StringBuilder(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
                + "  timeout inode\n");
    List<TcpConnection> expected = new ArrayList<>();
    int rows = data.consumeInt(0, 20);
    for (int i = 0; i < rows; i++) {
      Endpoint local = endpoint(data, ipv6);
      Endpoint remote = endpoint(data, ipv6);
      int code = data.consumeInt(1, TcpState.values().length);
      long uid = data.consumeLong(0, 0xFFFFFFFFL);
      long inode = data.consumeLong(0, Long.MAX_VALUE >>> 4);
      text.append(
          String.format(
              Locale.ROOT,
              "%4d: %s %s %02X %08X:%08X 00:00000000 00000000 %5d %8d %d 1 0000000000000000 20 4"
                  + " 30 10 -1\n",
              i,
              hex(local, ipv6),
              hex(remote, ipv6),
              code,
              data.consumeInt(0, Integer.MAX_VALUE),
              data.consumeInt(0, Integer.MAX_VALUE),
              uid,
              data.consumeInt(0, 1000),
              inode));
      TcpState state = TcpState.ofCode(code);
      if (state != null) {
        expected.add(
            new TcpConnection(normalised(local), normalised(remote), state, (int) uid, inode));
      }
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    List<TcpConnection> out = new ArrayList<>();
    int skipped =
        new ProcNetTcpReader(Path.of("/nonexistent"), bufferBytes)
            .parse(chunked(bytes, chunk), ipv6, out);
    assertThat(out).containsExactlyElementsOf(expected);
    assertThat(skipped).isEqualTo(rows - expected.size());
  }

  private static Endpoint endpoint(FuzzedDataProvider data, boolean ipv6) {
    int port = data.consumeInt(0, 65535);
    if (!ipv6) {
      return new Endpoint(false, 0, data.consumeInt() & 0xFFFFFFFFL, port);
    }
    long hi = data.consumeBoolean() ? 0 : data.consumeLong();
    long lo =
        data.consumeBoolean()
            ? 0xFFFF00000000L | (data.consumeInt() & 0xFFFFFFFFL)
            : data.consumeLong();
    return new Endpoint(true, hi, lo, port);
  }

  /** As the kernel prints it: each 32-bit word of the address in host (little-endian) order. */
  private static String hex(Endpoint e, boolean ipv6) {
    StringBuilder sb = new StringBuilder();
    if (!ipv6) {
      sb.append(String.format(Locale.ROOT, "%08X", Integer.reverseBytes((int) e.lo())));
    } else {
      for (long half : new long[] {e.hi(), e.lo()}) {
        sb.append(String.format(Locale.ROOT, "%08X", Integer.reverseBytes((int) (half >>> 32))));
        sb.append(String.format(Locale.ROOT, "%08X", Integer.reverseBytes((int) half)));
      }
    }
    return sb.append(String.format(Locale.ROOT, ":%04X", e.port())).toString();
  }

  /** What the reader makes of an address: IPv4-mapped IPv6 addresses become IPv4. */
  private static Endpoint normalised(Endpoint e) {
    return e.ipv6() ? Endpoint.ipv6(e.hi(), e.lo(), e.port()) : e;
  }

  /** An input stream whose reads return at most {@code chunk} bytes, as a pipe or /proc may. */
  private static InputStream chunked(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
