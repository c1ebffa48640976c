package dev.fargatedoctor.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes flow-log files the way AWS does (S3 text: a header line, gzip), with traffic of every kind
 * the analyses tell apart: handshakes with and without answers, rejected replies and requests,
 * bytes to peers in other subnets, to S3's prefix list and to the internet, NODATA and SKIPDATA.
 * Seeded: the same arguments write the same records. Tests and the benchmark use it.
 */
public final class SyntheticFlows {
  public static final String FULL =
      "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
          + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} "
          + "${subnet-id} ${az-id} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} "
          + "${pkt-src-aws-service} ${pkt-dst-aws-service} ${ecs-cluster-name} ${ecs-service-name} "
          + "${ecs-task-id}";

  private final FlowFormat format;
  private final Random random;
  private final int interfaces;
  private final long start;
  private final String[] s3 = {"52.216.", "54.231."};

  public SyntheticFlows(FlowFormat format, long seed, int interfaces, long startEpoch) {
    this.format = format;
    this.random = new Random(seed);
    this.interfaces = interfaces;
    this.start = startEpoch;
  }

  /** Writes {@code records} lines (about) to a gzip file with the format's header line. */
  public long write(Path file, long records) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        OutputStream gz = new GZIPOutputStream(out, 1 << 16);
        Writer w =
            new java.io.BufferedWriter(
                new OutputStreamWriter(gz, StandardCharsets.US_ASCII), 1 << 16)) {
      w.write(String.join(" ", format.names()));
      w.write('\n');
      long written = 0;
      while (written < records) written += conversation(w);
      return written;
    }
  }

  /** The address of task interface i: subnets 10.0.0.0/20, 10.0.16.0/20, 10.0.32.0/20 by AZ. */
  public static String taskAddress(int i) {
    int az = i % 3;
    return "10.0." + (16 * az + 1 + (i / 250) % 15) + "." + (10 + i % 240);
  }

  public static String interfaceId(int i) {
    return String.format("eni-0%016x", 0xf10000L + i);
  }

  // One client conversation on task interface i, as both directions' records.
  private int conversation(Writer w) throws IOException {
    int i = random.nextInt(interfaces);
    String eni = interfaceId(i);
    String me = taskAddress(i);
    long t = start + random.nextInt(1800) / 60 * 60L;
    int kind = random.nextInt(100);
    int eph = 32768 + random.nextInt(28000);
    if (kind < 2) {
      line(w, eni, i, "-", "-", 0, 0, -1, 0, 0, t, t + 60, "-", "NODATA", -1, null, null);
      return 1;
    }
    if (kind < 3) {
      line(w, eni, i, "-", "-", 0, 0, -1, 0, 0, t, t + 60, "-", "SKIPDATA", -1, null, null);
      return 1;
    }
    String peer;
    int port;
    String service = null;
    if (kind < 40) {
      peer = s3[random.nextInt(2)] + random.nextInt(256) + "." + random.nextInt(256);
      port = 443;
      service = "S3";
    } else if (kind < 60) {
      peer = "198.51.100." + random.nextInt(20);
      port = 443;
      service = kind < 50 ? "AMAZON" : null;
    } else if (kind < 85) {
      peer = taskAddress(random.nextInt(interfaces));
      port = 8080;
    } else {
      peer = "10.0." + (16 * random.nextInt(3) + 1) + "." + random.nextInt(250);
      port = 5432;
    }
    long out = 300L + random.nextInt(5000);
    long back = 200L + random.nextInt(200000);
    if (kind >= 95) { // a connect that hangs: SYNs, nothing back
      line(
          w, eni, i, me, peer, eph, port, 6, 3, 180, t, t + 60, "ACCEPT", "OK", 2, "egress",
          service);
      return 1;
    }
    if (kind >= 92) { // the reply is rejected on its way in
      line(
          w, eni, i, me, peer, eph, port, 6, 2, 120, t, t + 60, "ACCEPT", "OK", 2, "egress",
          service);
      line(
          w, eni, i, peer, me, port, eph, 6, 2, 120, t, t + 60, "REJECT", "OK", 18, "ingress",
          service);
      return 2;
    }
    if (kind >= 90) { // a request rejected on its way out
      line(
          w, eni, i, me, peer, eph, port, 6, 1, 60, t, t + 60, "REJECT", "OK", 2, "egress",
          service);
      return 1;
    }
    int flags = random.nextInt(4) == 0 ? 0 : 2; // established earlier, or new
    line(
        w, eni, i, me, peer, eph, port, 6, 10, out, t, t + 60, "ACCEPT", "OK", flags, "egress",
        service);
    line(
        w,
        eni,
        i,
        peer,
        me,
        port,
        eph,
        6,
        12,
        back,
        t,
        t + 60,
        "ACCEPT",
        "OK",
        flags == 2 ? 18 : 0,
        "ingress",
        service);
    return 2;
  }

  private void line(
      Writer w,
      String eni,
      int i,
      String src,
      String dst,
      int sport,
      int dport,
      int proto,
      long packets,
      long bytes,
      long st,
      long en,
      String action,
      String status,
      int flags,
      String direction,
      String service)
      throws IOException {
    List<String> v = new ArrayList<>(format.size());
    boolean egress = "egress".equals(direction);
    for (String f : format.names()) {
      v.add(
          switch (f) {
            case "version" -> "7";
            case "account-id" -> "123456789012";
            case "interface-id" -> eni;
            case "srcaddr", "pkt-srcaddr" -> src;
            case "dstaddr", "pkt-dstaddr" -> dst;
            case "srcport" -> status.equals("OK") ? Integer.toString(sport) : "-";
            case "dstport" -> status.equals("OK") ? Integer.toString(dport) : "-";
            case "protocol" -> proto < 0 ? "-" : Integer.toString(proto);
            case "packets" -> status.equals("OK") ? Long.toString(packets) : "-";
            case "bytes" -> status.equals("OK") ? Long.toString(bytes) : "-";
            case "start" -> Long.toString(st);
            case "end" -> Long.toString(en);
            case "action" -> action;
            case "log-status" -> status;
            case "vpc-id" -> "vpc-0flows";
            case "subnet-id" -> "subnet-0az" + (i % 3);
            case "az-id" -> "use1-az" + (i % 3 + 1);
            case "tcp-flags" -> flags < 0 ? "-" : Integer.toString(flags);
            case "flow-direction" -> direction == null ? "-" : direction;
            case "pkt-src-aws-service" -> !egress && service != null ? service : "-";
            case "pkt-dst-aws-service" -> egress && service != null ? service : "-";
            case "ecs-cluster-name" -> "production";
            case "ecs-service-name" -> "svc" + (i % 7);
            case "ecs-task-id" -> String.format("%032x", 0xabc000L + i);
            default -> "-";
          });
    }
    w.write(String.join(" ", v));
    w.write('\n');
  }
}
