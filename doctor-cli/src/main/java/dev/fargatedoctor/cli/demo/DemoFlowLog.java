package dev.fargatedoctor.cli.demo;

import dev.fargatedoctor.check.network.FlowLogsMissing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo account's flow-log records for the half hour before the capture, in the format the flow
 * checks ask for (version 7, with the ECS fields). They show the morning of the write-up: api's
 * tasks in us-east-1a leave through us-east-1b's NAT gateway and the partner API, which allows only
 * the NAT address it knew, never answers their SYNs while the other AZs' connects succeed;
 * everyone's S3 downloads pay for the NAT gateway and, from us-east-1a, cross AZs twice; orders
 * calls api across AZs; in the data VPC the replies S3 sends to ingest are rejected by the network
 * ACL entry added this morning.
 */
final class DemoFlowLog {
  static final String FORMAT = FlowLogsMissing.LOG_FORMAT;
  static final String PARTNER = "198.51.100.20";

  /** A task's interface as the records name it. */
  record Eni(
      String service,
      String eni,
      String ip,
      String subnet,
      String az,
      String azId,
      String vpc,
      String task) {}

  private final String account;
  private final List<Eni> enis;
  private final long start;
  private final List<String> lines = new ArrayList<>();
  private int port = 40000;

  DemoFlowLog(String account, List<Eni> enis, Instant end) {
    this.account = account;
    this.enis = enis;
    this.start = end.getEpochSecond() - 30 * 60;
  }

  List<String> lines() {
    lines.add(FORMAT.replace("${", "").replace("}", ""));
    for (int minute = 0; minute < 30; minute++) {
      long t = start + minute * 60L;
      for (Eni e : enis) {
        switch (e.service()) {
          case "api" -> api(e, t, minute);
          case "orders" -> orders(e, t, minute);
          case "ingest" -> ingest(e, t, minute);
          default -> {
            if (minute % 10 == 0) nodata(e, t);
          }
        }
      }
    }
    return lines;
  }

  private void api(Eni e, long t, int minute) {
    // The partner API, every minute from every task: answered except from us-east-1a.
    int p = nextPort();
    boolean rogue = e.az().endsWith("a");
    record(e, t, e.ip(), PARTNER, p, 443, 3, 180, "ACCEPT", 2, "egress", 8, null);
    if (!rogue) record(e, t, PARTNER, e.ip(), 443, p, 4, 5200, "ACCEPT", 18, "ingress", 0, null);
    // S3 through the NAT gateway: image layers and reports.
    String s3 = "52.216." + (40 + minute % 7) + "." + (10 + e.ip().hashCode() % 90 + 90) % 250;
    p = nextPort();
    record(e, t, e.ip(), s3, p, 443, 900, 2_100_000, "ACCEPT", 2, "egress", 8, "S3");
    record(e, t, s3, e.ip(), 443, p, 2900, 41_000_000, "ACCEPT", 18, "ingress", 0, "S3");
    // CloudWatch Logs and ECR: AWS tags them AMAZON.
    p = nextPort();
    record(
        e,
        t,
        e.ip(),
        "3.236.94." + (minute % 4 + 10),
        p,
        443,
        60,
        480_000,
        "ACCEPT",
        2,
        "egress",
        8,
        "AMAZON");
    record(
        e,
        t,
        "3.236.94." + (minute % 4 + 10),
        e.ip(),
        443,
        p,
        40,
        12_000,
        "ACCEPT",
        18,
        "ingress",
        0,
        "AMAZON");
  }

  private void orders(Eni e, long t, int minute) {
    // orders calls api on 8080, whichever AZ the api task is in.
    List<Eni> apis = enis.stream().filter(x -> x.service().equals("api")).toList();
    Eni api = apis.get((minute + e.ip().length()) % apis.size());
    int p = nextPort();
    record(e, t, e.ip(), api.ip(), p, 8080, 120, 96_000, "ACCEPT", 2, "egress", 1, null);
    record(e, t, api.ip(), e.ip(), 8080, p, 140, 1_800_000, "ACCEPT", 18, "ingress", 0, null);
    record(api, t, e.ip(), api.ip(), p, 8080, 120, 96_000, "ACCEPT", 2, "ingress", 0, null);
    record(api, t, api.ip(), e.ip(), 8080, p, 140, 1_800_000, "ACCEPT", 18, "egress", 1, null);
  }

  private void ingest(Eni e, long t, int minute) {
    if (!e.subnet().endsWith("0")) return; // only subnet-0data0 has a flow log
    String s3 = "52.217." + (12 + minute % 3) + ".81";
    int p = nextPort();
    record(e, t, e.ip(), s3, p, 443, 6, 360, "ACCEPT", 2, "egress", 7, "S3");
    record(e, t, s3, e.ip(), 443, p, 6, 360, "REJECT", 18, "ingress", 0, "S3");
  }

  private void nodata(Eni e, long t) {
    List<String> v = new ArrayList<>();
    for (String f : FORMAT.replace("${", "").replace("}", "").split(" ")) {
      v.add(
          switch (f) {
            case "version" -> "7";
            case "account-id" -> account;
            case "interface-id" -> e.eni();
            case "start" -> Long.toString(t);
            case "end" -> Long.toString(t + 60);
            case "log-status" -> "NODATA";
            default -> "-";
          });
    }
    lines.add(String.join(" ", v));
  }

  private int nextPort() {
    port = port >= 60990 ? 40000 : port + 7;
    return port;
  }

  private void record(
      Eni e,
      long t,
      String src,
      String dst,
      int sport,
      int dport,
      long packets,
      long bytes,
      String action,
      int flags,
      String direction,
      int path,
      String service) {
    boolean egress = direction.equals("egress");
    List<String> v = new ArrayList<>();
    for (String f : FORMAT.replace("${", "").replace("}", "").split(" ")) {
      v.add(
          switch (f) {
            case "version" -> "7";
            case "account-id" -> account;
            case "interface-id" -> e.eni();
            case "srcaddr", "pkt-srcaddr" -> src;
            case "dstaddr", "pkt-dstaddr" -> dst;
            case "srcport" -> Integer.toString(sport);
            case "dstport" -> Integer.toString(dport);
            case "protocol" -> "6";
            case "packets" -> Long.toString(packets);
            case "bytes" -> Long.toString(bytes);
            case "start" -> Long.toString(t);
            case "end" -> Long.toString(t + 60);
            case "action" -> action;
            case "log-status" -> "OK";
            case "vpc-id" -> e.vpc();
            case "subnet-id" -> e.subnet();
            case "az-id" -> e.azId();
            case "tcp-flags" -> Integer.toString(flags);
            case "flow-direction" -> direction;
            case "traffic-path" -> egress && path > 0 ? Integer.toString(path) : "-";
            case "pkt-src-aws-service" -> !egress && service != null ? service : "-";
            case "pkt-dst-aws-service" -> egress && service != null ? service : "-";
            case "ecs-cluster-name" -> "production";
            case "ecs-service-name" -> e.service();
            case "ecs-task-id" -> e.task();
            default -> "-";
          });
    }
    lines.add(String.join(" ", v));
  }
}
