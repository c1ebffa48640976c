import dev.fargatedoctor.flows.AddressClasses;
import dev.fargatedoctor.flows.FlowReader;
import dev.fargatedoctor.flows.FlowSource;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * bench/flows: generates default-format flow-log files (never committed) and runs the local
 * analyser over one, printing its time and peak heap; run.sh times `zcat | awk` over the same file.
 *
 * <p>generate N FILE: N records, gzip, S3's header line. analyse FILE: the analyser's tables.
 */
public final class FlowBenchmark {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Long.parseLong(args[1]), Path.of(args[2]));
      case "analyse" -> analyse(Path.of(args[1]));
      default -> throw new IllegalArgumentException("generate N FILE | analyse FILE");
    }
  }

  static void analyse(Path file) {
    long t0 = System.nanoTime();
    AddressClasses classes =
        AddressClasses.of(
            List.of("10.0.0.0/16"),
            List.of(new AddressClasses.Range("52.216.0.0/15", "pl-63a5400a")));
    FlowReader reader = new FlowReader(classes, null, null, null, null);
    reader.read(FlowSource.file(file, null));
    FlowSummary s = reader.summary(file.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long rejects = s.rejected().stream().mapToLong(FlowSummary.RejectedRow::records).sum();
    long destinations =
        s.rejected().stream().map(FlowSummary.RejectedRow::dstaddr).distinct().count();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.printf(
        "records=%d rejects=%d reject-destinations=%d groups=%d/%d/%d dropped=%d ms=%d"
            + " peak-heap-mib=%.1f%n",
        s.counts().records(),
        rejects,
        destinations,
        s.rejected().size(),
        s.noReply().size(),
        s.traffic().size(),
        s.counts().overflow(),
        ms,
        peak / 1048576.0);
  }

  // Default-format records of 2,000 task interfaces: answered connections to peers, S3 and the
  // internet, rejected replies and requests, unanswered connects, NODATA.
  static void generate(long n, Path file) throws Exception {
    Random r = new Random(42);
    byte[] line = new byte[256];
    try (OutputStream out = Files.newOutputStream(file);
        OutputStream gz =
            new GZIPOutputStream(out, 1 << 16) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            };
        BufferedOutputStream w = new BufferedOutputStream(gz, 1 << 20)) {
      w.write(
          "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
              .getBytes());
      long start = 1_764_000_000L;
      for (long i = 0; i < n; i++) {
        int eni = r.nextInt(2000);
        String me = "10.0." + (eni / 250 + 1) + "." + (eni % 250 + 1);
        int kind = r.nextInt(100);
        long t = start + (i * 1800 / n) / 60 * 60;
        String peer =
            kind < 35
                ? "52.216." + r.nextInt(256) + "." + r.nextInt(256)
                : kind < 55
                    ? "198.51.100." + r.nextInt(64)
                    : "10.0." + (r.nextInt(8) + 1) + "." + (r.nextInt(250) + 1);
        int port = kind < 55 ? 443 : 8080;
        int eph = 32768 + r.nextInt(28000);
        boolean outbound = r.nextBoolean();
        String action = kind >= 97 ? "REJECT" : "ACCEPT";
        int len;
        if (kind == 99 && r.nextInt(4) == 0) {
          len =
              ascii(
                  line,
                  "2 123456789012 eni-"
                      + hex(eni)
                      + " - - - - - - - "
                      + t
                      + " "
                      + (t + 60)
                      + " - NODATA\n");
        } else {
          String src = outbound ? me : peer;
          String dst = outbound ? peer : me;
          int sp = outbound ? eph : port;
          int dp = outbound ? port : eph;
          len =
              ascii(
                  line,
                  "2 123456789012 eni-"
                      + hex(eni)
                      + " "
                      + src
                      + " "
                      + dst
                      + " "
                      + sp
                      + " "
                      + dp
                      + " 6 "
                      + (1 + r.nextInt(40))
                      + " "
                      + (60 + r.nextInt(60000))
                      + " "
                      + t
                      + " "
                      + (t + 60)
                      + " "
                      + action
                      + " OK\n");
        }
        w.write(line, 0, len);
      }
    }
  }

  static String hex(int eni) {
    return String.format("%017x", 0x0abc000000L + eni);
  }

  static int ascii(byte[] b, String s) {
    for (int i = 0; i < s.length(); i++) b[i] = (byte) s.charAt(i);
    return s.length();
  }
}
