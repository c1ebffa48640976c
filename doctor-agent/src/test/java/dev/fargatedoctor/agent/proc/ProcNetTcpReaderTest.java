package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetTcpReaderTest {

  private final ProcNetTcpReader.Result fixture = readFixture();

  private static ProcNetTcpReader.Result readFixture() {
    try {
      return new ProcNetTcpReader(Fixtures.resource("proc")).read();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private TcpConnection byInode(long inode) {
    return fixture.connections().stream().filter(c -> c.inode() == inode).findFirst().orElseThrow();
  }

  @Test
  void readsBothFilesAndSkipsTheMalformedAndTruncatedLines() {
    assertThat(fixture.connections()).hasSize(10);
    assertThat(fixture.skippedLines())
        .isEqualTo(2); // one garbage line in tcp, a cut-off last line in tcp6
  }

  @Test
  void decodesLittleEndianIpv4AddressesPortsStatesUidsAndInodes() {
    TcpConnection listen = byInode(5000);
    assertThat(listen.state()).isEqualTo(TcpState.LISTEN);
    assertThat(listen.local().toString()).isEqualTo("0.0.0.0:8080");
    assertThat(listen.uid()).isEqualTo(1000);

    TcpConnection established = byInode(5001);
    assertThat(established.state()).isEqualTo(TcpState.ESTABLISHED);
    assertThat(established.local().toString()).isEqualTo("10.0.1.5:43210");
    assertThat(established.remote().toString()).isEqualTo("10.0.3.7:443");

    assertThat(byInode(5002).state()).isEqualTo(TcpState.CLOSE_WAIT);
    assertThat(byInode(5003).state()).isEqualTo(TcpState.SYN_SENT);
    assertThat(byInode(5003).remote().toString()).isEqualTo("10.0.9.20:5432");
    assertThat(byInode(5004).remote().toString()).isEqualTo("10.0.0.200:51000");

    TcpConnection timeWait = byInode(0);
    assertThat(timeWait.state()).isEqualTo(TcpState.TIME_WAIT);
    assertThat(timeWait.local().port()).isEqualTo(43212);
  }

  @Test
  void decodesIpv6WordsAndFoldsMappedIpv4() {
    assertThat(byInode(6000).local().toString()).isEqualTo("[::]:9779");
    assertThat(byInode(6001).local().toString()).isEqualTo("[::1]:40000");
    assertThat(byInode(6001).remote().toString()).isEqualTo("[::1]:9779");
    assertThat(byInode(6002).local().toString()).isEqualTo("[fd00::2]:40001");
    assertThat(byInode(6002).remote().toString()).isEqualTo("[fd00::1]:443");
    // A dual-stack client's ::ffff:10.0.3.7 is the same endpoint as the IPv4 one.
    assertThat(byInode(6003).remote()).isEqualTo(Endpoint.of("10.0.3.7", 443));
    assertThat(
            KernelSockets.count(
                fixture.connections(), TcpState.CLOSE_WAIT, Endpoint.of("10.0.3.7", 443)))
        .isEqualTo(2);
  }

  @Test
  void knowsEveryKernelStateCodeAndSkipsUnknownOnes() throws IOException {
    StringBuilder text = new StringBuilder("  sl  local_address rem_address   st\n");
    for (int code = 1; code <= 0x0D; code++) {
      text.append(
          String.format(
              "%4d: 0100007F:%04X 0100007F:0050 %02X 00000000:00000000 00:00000000 00000000"
                  + "     0        0 %d 1 0000000000000000%n",
              code, 1000 + code, code, 100 + code));
    }
    List<TcpConnection> out = new ArrayList<>();
    int skipped =
        new ProcNetTcpReader(Path.of("/nonexistent")).parse(stream(text.toString()), false, out);
    assertThat(out).extracting(TcpConnection::state).containsExactly(TcpState.values());
    assertThat(out.get(0).remote().toString()).isEqualTo("127.0.0.1:80");
    assertThat(skipped).isEqualTo(1); // 0x0D is not a TCP state
  }

  @Test
  void parsesLinesLongerThanItsBufferAndFilesLargerThanIt() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(
          String.format(
              "%4d: 0100007F:%04X 0100007F:0050 01 00000000:00000000 00:00000000 00000000"
                  + "     0        0 %d 1 0000000000000000 20 4 30 10 -1%n",
              i, 1024 + i, 10_000 + i));
    }
    text.append("9999: 0100007F:0001 0100007F:0050 01 0 0 0 0 0 77 ")
        .append("x".repeat(200_000))
        .append('\n');
    List<TcpConnection> out = new ArrayList<>();
    int skipped =
        new ProcNetTcpReader(Path.of("/nonexistent")).parse(stream(text.toString()), false, out);
    assertThat(out).hasSize(5001);
    assertThat(out.get(5000).inode()).isEqualTo(77);
    assertThat(skipped).isZero();
  }

  @Test
  void missingTcp6MeansIpv6IsOffButMissingTcpIsAnError(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("net"));
    assertThatThrownBy(() -> new ProcNetTcpReader(root).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("net/tcp")
        .hasMessageContaining("no such file");
    Files.copy(Fixtures.resource("proc/net/tcp"), root.resolve("net/tcp"));
    assertThat(new ProcNetTcpReader(root).read().connections()).hasSize(6);
  }

  @Test
  void emptyAndHeaderOnlyFilesHaveNoConnections() throws IOException {
    List<TcpConnection> out = new ArrayList<>();
    ProcNetTcpReader reader = new ProcNetTcpReader(Path.of("/nonexistent"));
    assertThat(reader.parse(stream(""), false, out)).isZero();
    assertThat(reader.parse(stream("  sl  local_address rem_address   st tx_queue\n"), true, out))
        .isZero();
    assertThat(out).isEmpty();
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
