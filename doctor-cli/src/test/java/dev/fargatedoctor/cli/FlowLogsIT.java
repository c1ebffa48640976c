package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.network.FlowLogsMissing;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Flow logs read live, through the real SDK, from moto: a flow log to CloudWatch Logs (moto never
 * writes records, so the test puts them as the service would) and one to S3 (a gzip object under
 * the standard prefix). `scan --flow-minutes` finds both from DescribeFlowLogs, reads the window
 * and ties the records to the task moto started.
 */
@ExtendWith(MotoExtension.class)
class FlowLogsIT {
  static final String FORMAT = FlowLogsMissing.LOG_FORMAT;

  /** The task's interface and address, as moto gave them. */
  record Placed(String eni, String ip, String subnet) {}

  /**
   * A service whose task's subnet has a network ACL entry dropping inbound 1024-65535, with a flow
   * log to CloudWatch Logs showing S3's replies rejected, and one to S3 showing SYNs to a partner
   * that nobody answers.
   */
  static Placed environment(MotoEnvironment env, Instant now, String clusterName, String service)
      throws Exception {
    String vpc = env.vpc("10.9.0.0/16");
    String subnet = env.subnet(vpc, "10.9.1.0/24", "us-east-1a");
    String acl = env.networkAcl(vpc, subnet);
    env.networkAclEntry(acl, 90, false, "0.0.0.0/0", 1024, 65535, false);
    env.networkAclEntry(acl, 100, false, "0.0.0.0/0", null, null, true);
    env.networkAclEntry(acl, 100, true, "0.0.0.0/0", null, null, true);
    String exec =
        env.role(
            service + "-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    String cluster = env.cluster(clusterName);
    String td = env.taskDefinition(service, exec, null);
    String sg = env.securityGroup(vpc, service);
    env.service(cluster, service, td, List.of(subnet), List.of(sg), 1);
    String taskArn = env.runTask(cluster, service, td, List.of(subnet), List.of(sg));
    Task task = env.ecs.describeTasks(b -> b.cluster(cluster).tasks(taskArn)).tasks().get(0);
    String eni = detail(task, "networkInterfaceId");
    String ip = detail(task, "privateIPv4Address");

    long t = now.getEpochSecond() - 600;
    env.flowLogInFormat(vpc, "/aws/vpc/flowlogs", FORMAT);
    env.putFlowRecords(
        "/aws/vpc/flowlogs",
        List.of(
            record(eni, ip, "52.216.10.10", 41000, 443, "ACCEPT", 2, "egress", t, subnet, vpc),
            record(eni, "52.216.10.10", ip, 443, 41000, "REJECT", 18, "ingress", t, subnet, vpc)),
        10);
    String header = FORMAT.replace("${", "").replace("}", "");
    String text =
        header
            + "\n"
            + record(eni, ip, "198.51.100.20", 42000, 443, "ACCEPT", 2, "egress", t, subnet, vpc)
            + "\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    Instant fileTime = Instant.ofEpochSecond(t);
    String day =
        DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(fileTime);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC).format(fileTime);
    env.flowLogToS3(
        vpc,
        "flow-bucket",
        "AWSLogs/"
            + MotoEnvironment.ACCOUNT
            + "/vpcflowlogs/us-east-1/"
            + day
            + "/"
            + MotoEnvironment.ACCOUNT
            + "_vpcflowlogs_us-east-1_fl-0s3_"
            + stamp
            + "Z_0a1b2c3d.log.gz",
        gz.toByteArray());
    return new Placed(eni, ip, subnet);
  }

  private static String detail(Task task, String name) {
    return task.attachments().get(0).details().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }

  static String record(
      String eni,
      String src,
      String dst,
      int sport,
      int dport,
      String action,
      int flags,
      String direction,
      long start,
      String subnet,
      String vpc) {
    List<String> v = new ArrayList<>();
    for (String f : FORMAT.replace("${", "").replace("}", "").split(" ")) {
      v.add(
          switch (f) {
            case "version" -> "7";
            case "account-id" -> MotoEnvironment.ACCOUNT;
            case "interface-id" -> eni;
            case "srcaddr", "pkt-srcaddr" -> src;
            case "dstaddr", "pkt-dstaddr" -> dst;
            case "srcport" -> Integer.toString(sport);
            case "dstport" -> Integer.toString(dport);
            case "protocol" -> "6";
            case "packets" -> "3";
            case "bytes" -> "180";
            case "start" -> Long.toString(start);
            case "end" -> Long.toString(start + 60);
            case "action" -> action;
            case "log-status" -> "OK";
            case "vpc-id" -> vpc;
            case "subnet-id" -> subnet;
            case "tcp-flags" -> Integer.toString(flags);
            case "flow-direction" -> direction;
            default -> "-";
          });
    }
    return String.join(" ", v);
  }

  @Test
  void aScanReadsTheFlowLogsItFindsInCloudWatchLogsAndS3AndTiesThemToTheTask(MotoEnvironment env)
      throws Exception {
    Placed placed = environment(env, Instant.now(), "production", "api");
    ApiCallRecorder recorder = new ApiCallRecorder();
    Run run =
        Run.live(
            recorder,
            "scan",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--flow-minutes",
            "30",
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("flow records over")
        .contains("CloudWatch Logs /aws/vpc/flowlogs")
        .contains("s3://flow-bucket");
    JsonNode report = SnapshotJson.mapper().readTree(run.out());
    List<String> flows = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("checkId").asText().startsWith("FLOW-")) {
                flows.add(
                    f.get("checkId").asText()
                        + " "
                        + f.get("status").asText()
                        + " "
                        + f.get("title").asText());
              }
            });
    assertThat(flows)
        .anyMatch(
            f ->
                f.startsWith("FLOW-REJECTED FAIL replies from ")
                    && f.contains("production/api")
                    && f.contains("rule 90 denies tcp 1024-65535 from 0.0.0.0/0"))
        .anyMatch(f -> f.startsWith("FLOW-NO-REPLY") && f.contains("198.51.100.20"));
    assertThat(recorder.actions())
        .contains("logs:FilterLogEvents", "s3:ListBucket", "s3:GetObject");
    assertThat(placed.eni()).startsWith("eni-");
  }
}
