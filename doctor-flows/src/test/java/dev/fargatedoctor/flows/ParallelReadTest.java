package dev.fargatedoctor.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading on several threads gives exactly what reading on one does, row for row and problem for
 * problem, whether or not the bounded tables had to drop groups; and a heavy group that comes after
 * the tables filled is still found, with its counts marked as estimates.
 */
class ParallelReadTest {
  static final long START = 1_764_000_000L;

  @TempDir Path dir;

  private static FlowReader reader(boolean threaded, int maxGroups) {
    return new FlowReader(SqlAgreementTest.CLASSES, null, null, null, null, threaded, maxGroups);
  }

  private FlowSummary read(boolean threaded, int maxGroups, Path... files) {
    FlowReader r = reader(threaded, maxGroups);
    for (Path f : files) r.read(FlowSource.file(f, null));
    return r.summary("test");
  }

  @Test
  void threadsGiveTheSameSummaryAsOneThreadWhenNothingIsDropped() throws Exception {
    Path a = dir.resolve("a.log.gz");
    Path b = dir.resolve("b.log.gz");
    FlowFormat full = FlowFormat.parse(SyntheticFlows.FULL);
    new SyntheticFlows(full, 3, 300, START).write(a, 60_000); // several chunks
    new SyntheticFlows(FlowFormat.DEFAULT, 4, 300, START).write(b, 30_000);
    FlowSummary one = read(false, FlowAggregator.MAX_GROUPS, a, b);
    FlowSummary many = read(true, FlowAggregator.MAX_GROUPS, a, b);
    assertThat(one.counts().overflow()).isZero();
    assertThat(one.counts().records()).isGreaterThan(80_000);
    assertThat(many).isEqualTo(one);
    assertThat(one.rejected()).allMatch(r -> r.maxMissing() == 0);
  }

  @Test
  void threadsGiveTheSameSummaryAsOneThreadWhenGroupsAreDropped() throws Exception {
    Path a = dir.resolve("a.log.gz");
    new SyntheticFlows(FlowFormat.parse(SyntheticFlows.FULL), 5, 400, START).write(a, 60_000);
    FlowSummary one = read(false, 2_000, a);
    FlowSummary many = read(true, 2_000, a);
    assertThat(one.counts().overflow()).isPositive();
    assertThat(many).isEqualTo(one);
  }

  @Test
  void aHeavyRejectedFlowArrivingAfterTheTablesFilledIsRankedFirstAsAnEstimate() throws Exception {
    StringBuilder text = new StringBuilder();
    // 30,000 rejected flows from as many addresses: fifteen times what the tables keep.
    for (int i = 0; i < 30_000; i++) {
      text.append(reject("198.51." + (i / 250) + "." + (i % 250), 40_000 + i % 20_000));
    }
    // Then the one that matters: 900 rejections from a single scanner, last.
    for (int i = 0; i < 900; i++) text.append(reject("203.0.113.9", 50_000 + i));
    Path p = gz("skewed.log.gz", text.toString());
    for (boolean threaded : new boolean[] {false, true}) {
      FlowSummary s = read(threaded, 2_000, p);
      assertThat(s.counts().overflow()).isPositive();
      FlowSummary.RejectedRow top = s.rejected().get(0);
      assertThat(top.srcaddr()).isEqualTo("203.0.113.9");
      assertThat(top.records()).isBetween(900L - top.maxMissing(), 900L);
      assertThat(top.maxMissing()).isPositive(); // the table cannot know nothing came before
      assertThat(s.rejected().get(1).records()).isLessThan(10);
    }
  }

  @Test
  void carriageReturnsAndBlankLinesAreNoRecordsButSpacesAloneAreAMalformedLine() throws Exception {
    String a = FlowReaderTest.A;
    Path p = gz("crlf.log.gz", a + "\r\n\r\n\n" + a + " \r\n   \n" + a);
    FlowSummary s = read(true, FlowAggregator.MAX_GROUPS, p);
    assertThat(s.counts().records()).isEqualTo(3);
    assertThat(s.counts().lines()).isEqualTo(6);
    assertThat(s.counts().malformed()).isEqualTo(1);
    assertThat(s.problems()).containsExactly(p + ":5: 0 fields where the format has 14");
  }

  @Test
  void anAwsServiceNamedAfterManyOtherStringsKeepsItsNameAndDirection() throws Exception {
    StringBuilder text =
        new StringBuilder(
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes"
                + " start end action log-status flow-direction pkt-dst-aws-service\n");
    // 70,000 distinct IPv6 addresses come first: each is a string of the log, past 16 bits of ids.
    for (int i = 0; i < 70_000; i++) {
      text.append("5 123456789012 eni-0a 2600:1f18::")
          .append(Integer.toHexString(i + 0x1000))
          .append(" 2600:1f18::1 443 50000 6 1 60 ")
          .append(START)
          .append(' ')
          .append(START + 60)
          .append(" ACCEPT OK ingress -\n");
    }
    text.append("5 123456789012 eni-0b 10.0.1.5 52.216.8.1 40000 443 6 10 5000 ")
        .append(START)
        .append(' ')
        .append(START + 60)
        .append(" ACCEPT OK egress S3\n");
    Path p = gz("services.log.gz", text.toString());
    for (boolean threaded : new boolean[] {false, true}) {
      FlowSummary s = read(threaded, FlowAggregator.MAX_GROUPS, p);
      assertThat(s.traffic())
          .as("threaded " + threaded)
          .filteredOn(r -> "eni-0b".equals(r.interfaceId()))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.awsService()).isEqualTo("S3");
                assertThat(r.flowDirection()).isEqualTo("egress");
                assertThat(r.bytes()).isEqualTo(5000);
              });
    }
  }

  private static String reject(String src, int sport) {
    return "2 123456789012 eni-0a "
        + src
        + " 10.0.1.5 "
        + sport
        + " 443 6 1 60 "
        + START
        + " "
        + (START + 60)
        + " REJECT OK\n";
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
}
