package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as a user hands them to the launcher: a pipe, standard input, and a file built to exhaust
 * the machine. Each a separate process, so the heap is the launcher's own.
 */
class HostileInputIT {
  private static final Path LAUNCHER =
      Path.of("..", "bin", "fargate-doctor").toAbsolutePath().normalize();

  @TempDir static Path dir;
  static Path demo;

  private record Result(int code, String out, String err) {}

  @BeforeAll
  static void saveTheDemo() throws Exception {
    demo = dir.resolve("demo.json.gz");
    assertThat(
            run(Map.of(), null, LAUNCHER.toString(), "demo", "--save-snapshot", demo.toString())
                .code())
        .isEqualTo(1);
  }

  private static Result run(Map<String, String> env, Path stdin, String... cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.redirectInput(
        stdin == null
            ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
            : ProcessBuilder.Redirect.from(stdin.toFile()));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + List.of(cmd));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void aSnapshotReadThroughAPipeIsScanned() throws Exception {
    Result r =
        run(
            Map.of(),
            null,
            "bash",
            "-c",
            "\"$0\" scan --snapshot <(cat \"$1\") --output json",
            LAUNCHER.toString(),
            demo.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("\"checkId\" : \"EXEC-ROLE-TRUST\"");
  }

  @Test
  void aDashReadsTheSnapshotFromStandardInputForScanAndDiff() throws Exception {
    Result scan = run(Map.of(), demo, LAUNCHER.toString(), "scan", "--snapshot", "-");
    assertThat(scan.code()).as(scan.err()).isEqualTo(1);
    assertThat(scan.out()).contains("EXEC-ROLE-TRUST");

    Result diff =
        run(Map.of(), demo, LAUNCHER.toString(), "snapshot", "diff", "-", demo.toString());
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out()).contains(": none");
  }

  @Test
  void aSmallGzipThatExpandsToGigabytesIsRefusedInASmallHeap() throws Exception {
    Path bomb = bomb(dir.resolve("bomb.json.gz"), 48);
    assertThat(Files.size(bomb)).isLessThan(8L << 20);

    Result r =
        run(
            Map.of("JAVA_OPTS", "-Xmx128m"),
            null,
            LAUNCHER.toString(),
            "scan",
            "--snapshot",
            bomb.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("fargate-doctor: " + bomb)
        .contains("larger than 256 MiB (decompressed)", "--max-input-mb")
        .doesNotContain("OutOfMemoryError", "\tat ");
  }

  @Test
  void aLimitBelowTheInputNamesTheLimitAndAZeroLimitIsBadUsage() throws Exception {
    Result small =
        run(
            Map.of(),
            null,
            LAUNCHER.toString(),
            "scan",
            "--snapshot",
            demo.toString(),
            "--max-input-mb",
            "1");
    assertThat(small.code()).isEqualTo(2);
    assertThat(small.err()).contains(demo.toString(), "larger than 1 MiB");

    Result zero =
        run(
            Map.of(),
            null,
            LAUNCHER.toString(),
            "scan",
            "--snapshot",
            demo.toString(),
            "--max-input-mb",
            "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-input-mb must be between 1 and");
  }

  /**
   * A valid snapshot head, then members of 64 MiB of blanks each: gzip readers read concatenated
   * members as one stream, so a few megabytes expand to gigabytes.
   */
  static Path bomb(Path file, int members) throws IOException {
    ByteArrayOutputStream blanks = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(blanks)) {
      byte[] mib = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 64; i++) gz.write(mib);
    }
    List<byte[]> parts = new ArrayList<>();
    parts.add(gzip("{\"schema\": \"" + Snapshot.SCHEMA + "\", \"regions\": ["));
    for (int i = 0; i < members; i++) parts.add(blanks.toByteArray());
    parts.add(gzip("]}"));
    try (OutputStream out = Files.newOutputStream(file)) {
      for (byte[] p : parts) out.write(p);
    }
    return file;
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(b)) {
      gz.write(s.getBytes(StandardCharsets.US_ASCII));
    }
    return b.toByteArray();
  }
}
