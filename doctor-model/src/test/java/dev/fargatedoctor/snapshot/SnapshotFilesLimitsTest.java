package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input is bounded: size once decompressed, nesting, string and number lengths. */
class SnapshotFilesLimitsTest {
  private static final String HEAD = "{\"schema\": \"" + Snapshot.SCHEMA + "\", \"regions\": [";

  @TempDir Path dir;

  @Test
  void aGzipThatExpandsPastTheLimitIsRefusedNamingTheFileAndTheLimit() throws IOException {
    // 1 MiB of gzip that expands to 64 MiB of blanks inside a valid snapshot
    Path bomb = dir.resolve("bomb.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
      out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
      byte[] blanks = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 64; i++) out.write(blanks);
      out.write("]}".getBytes(StandardCharsets.US_ASCII));
    }

    assertThatThrownBy(() -> SnapshotFiles.read(bomb, InputLimit.ofMegabytes(8)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(bomb.toString())
        .hasMessageContaining("larger than 8 MiB (decompressed)")
        .hasMessageContaining("--max-input-mb");
    assertThat(SnapshotFiles.read(bomb, InputLimit.ofMegabytes(65)).regions()).isEmpty();
  }

  @Test
  void aPlainFilePastTheLimitIsRefusedToo() throws IOException {
    Path big = dir.resolve("big.json");
    Files.writeString(big, HEAD + " ".repeat(3 << 20) + "]}");

    assertThatThrownBy(() -> SnapshotFiles.read(big, InputLimit.ofMegabytes(2)))
        .hasMessageContaining("larger than 2 MiB");
  }

  @Test
  void nestingDeeperThanAnyAwsDocumentIsRefusedWithItsPosition() throws IOException {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, HEAD + "[".repeat(200) + "]".repeat(200) + "]}");

    assertThatThrownBy(() -> SnapshotFiles.read(deep))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(deep + ":1:")
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("exceeds the maximum allowed (100)")
        .hasMessageNotContaining("StreamReadConstraints");
  }

  @Test
  void aStringOrANumberLongerThanAnyAwsValueIsRefused() throws IOException {
    Path string = dir.resolve("string.json");
    Files.writeString(
        string,
        "{\"schema\": \""
            + Snapshot.SCHEMA
            + "\", \"capture\": {\"accountId\": \""
            + "x".repeat(1_000_001)
            + "\"}}");
    Path number = dir.resolve("number.json");
    Files.writeString(
        number,
        "{\"schema\": \"" + Snapshot.SCHEMA + "\", \"regions\": [" + "9".repeat(100) + "]}");

    assertThatThrownBy(() -> SnapshotFiles.read(string))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("String value length")
        .hasMessageContaining("1000000");
    assertThatThrownBy(() -> SnapshotFiles.read(number))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Number value length")
        .hasMessageContaining("64");
  }

  @Test
  void aNamedPipeIsReadOnceAndWhole() throws Exception {
    Path source = dir.resolve("s.json");
    SnapshotFiles.write(
        new Snapshot(Snapshot.SCHEMA, null, java.util.List.of(), null, null), source);
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(source, out);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.start();

    assertThat(SnapshotFiles.read(fifo)).isEqualTo(SnapshotFiles.read(source));
    writer.join();
  }

  @Test
  void aLimitIsAtLeastOneMegabyte() {
    assertThatThrownBy(() -> InputLimit.ofMegabytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--max-input-mb");
  }
}
