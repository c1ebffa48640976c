package dev.fargatedoctor.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is counted and named, never fatal, unless nothing at all can be read. */
class FlowReaderTest {
  static final String A =
      "2 123456789012 eni-0a 10.0.1.5 52.216.1.1 40001 443 6 10 5000 1764000000 1764000060 ACCEPT OK";
  static final String REPLY_REJECTED =
      "2 123456789012 eni-0a 52.216.1.1 10.0.1.5 443 40001 6 10 5000 1764000000 1764000060 REJECT OK";
  static final String NODATA = "2 123456789012 eni-0b - - - - - - - 1764000000 1764000060 - NODATA";
  static final String SKIPDATA =
      "2 123456789012 eni-0c - - - - - - - 1764000000 1764000060 - SKIPDATA";

  @TempDir Path dir;

  private FlowReader reader() {
    return new FlowReader(AddressClasses.NONE, null, null, null, null);
  }

  private Path gz(String name, String text) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    Path p = dir.resolve(name);
    Files.write(p, b.toByteArray());
    return p;
  }

  @Test
  void theDefaultFormatReadsRecordsNoDataAndSkipData() throws Exception {
    FlowReader r = reader();
    r.read(
        FlowSource.file(
            gz("a.log.gz", String.join("\n", A, REPLY_REJECTED, NODATA, SKIPDATA)), null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(2);
    assertThat(s.counts().noData()).isEqualTo(1);
    assertThat(s.counts().skipData()).isEqualTo(1);
    assertThat(s.rejected())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.serverIsDst()).isFalse(); // a reply: the server (port 443) sent it
              assertThat(row.servicePort()).isEqualTo(443);
            });
    assertThat(r.sources())
        .singleElement()
        .satisfies(src -> assertThat(src.firstProblem()).contains("SKIPDATA"));
  }

  @Test
  void anS3HeaderLineIsTheFormatWhateverTheSourceAssumed() throws Exception {
    String header =
        "version interface-id srcaddr dstaddr srcport dstport protocol bytes action log-status";
    String line = "3 eni-0a 10.0.1.5 10.0.2.9 40001 5432 6 900 ACCEPT OK";
    FlowReader r = reader();
    r.read(FlowSource.file(gz("h.log.gz", header + "\n" + line + "\n"), FlowFormat.DEFAULT));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(1);
    assertThat(s.counts().malformed()).isZero();
    assertThat(s.fields()).contains("bytes").doesNotContain("start");
  }

  @Test
  void aTruncatedGzipIsReadUpToTheCutAndNamed() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20000; i++)
      text.append(A.replace("40001", Integer.toString(1024 + i % 60000))).append('\n');
    Path whole = gz("whole.log.gz", text.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.log.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    FlowReader r = reader();
    r.read(FlowSource.file(cut, null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().truncated()).isEqualTo(1);
    assertThat(s.counts().records()).isBetween(1L, 19999L);
    assertThat(s.problems())
        .anyMatch(p -> p.startsWith(cut + ":") && p.contains("gzip stream ends early"));
  }

  @Test
  void aLineWithTheWrongFieldCountIsCountedWithItsFileAndLine() throws Exception {
    Path p = gz("bad.log.gz", A + "\n2 123456789012 eni-0a 10.0.1.5\n" + A + "\n");
    FlowReader r = reader();
    r.read(FlowSource.file(p, null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(2);
    assertThat(s.counts().malformed()).isEqualTo(1);
    assertThat(s.problems()).contains(p + ":2: 4 fields where the format has 14");
  }

  @Test
  void aFormatThatCannotBeParsedSkipsItsSourceAndNamesIt() throws Exception {
    Path p = gz("odd.log.gz", "version account-id srcaddr\n1 2 3\n");
    FlowReader r = reader();
    r.read(FlowSource.file(p, null));
    r.read(FlowSource.file(gz("ok.log.gz", A + "\n"), null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(1);
    assertThat(s.counts().unreadable()).isEqualTo(1);
    assertThat(s.problems())
        .anyMatch(x -> x.startsWith(p + ":1: flow-log format without ${interface-id}"));
    assertThatThrownBy(() -> FlowFormat.parse("${version} $account-id"))
        .isInstanceOf(FlowFormatException.class)
        .hasMessageContaining("'$account-id' is not a ${field}");
  }

  @Test
  void whenNothingIsReadableItRefusesNamingTheFirstFileAndLine() throws Exception {
    Path p = gz("junk.log.gz", "hello world\nnot a record\n");
    FlowReader r = reader();
    r.read(FlowSource.file(p, null));
    assertThatThrownBy(() -> r.summary(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(p + ":1: no flow-log record could be read: 2 fields");
  }

  @Test
  void filesFarApartInTimeAreReportedAndTheirGapIsNotCountedAsTrafficTime() throws Exception {
    String later = A.replace("1764000000 1764000060", "1764010800 1764010860");
    FlowReader r = reader();
    r.read(FlowSource.file(gz("morning.log.gz", A + "\n"), null));
    r.read(FlowSource.file(gz("noon.log.gz", later + "\n"), null));
    FlowSummary s = r.summary(null);
    assertThat(s.coveredSeconds()).isEqualTo(120);
    assertThat(s.problems())
        .anyMatch(
            p ->
                p.contains("noon.log.gz starts 2 h 59 min after")
                    && p.contains("separate periods"));
  }

  @Test
  void recordsEndingBeforeTheyStartOrFromTheFutureAreSkewedAndLeftOut() throws Exception {
    String backwards = A.replace("1764000000 1764000060", "1764000060 1764000000");
    String future = A.replace("1764000000 1764000060", "1999999999 2000000060");
    FlowReader r =
        new FlowReader(AddressClasses.NONE, null, null, Instant.ofEpochSecond(1764001000), null);
    r.read(FlowSource.file(gz("skew.log.gz", String.join("\n", A, backwards, future)), null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(1);
    assertThat(s.counts().skewed()).isEqualTo(2);
  }

  @Test
  void aWindowKeepsOnlyRecordsStartingInIt() throws Exception {
    String early = A.replace("1764000000 1764000060", "1763990000 1763990060");
    FlowReader r =
        new FlowReader(
            AddressClasses.NONE,
            Instant.ofEpochSecond(1763999000),
            Instant.ofEpochSecond(1764001000),
            null,
            null);
    r.read(FlowSource.file(gz("w.log.gz", early + "\n" + A + "\n"), null));
    FlowSummary s = r.summary(null);
    assertThat(s.counts().records()).isEqualTo(1);
    assertThat(s.counts().outsideWindow()).isEqualTo(1);
    assertThat(List.of(s.from(), s.to())).doesNotContainNull();
  }
}
