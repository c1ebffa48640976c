package dev.fargatedoctor.check.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow checks on the write-up's morning: api's tasks in us-east-1a leave through us-east-1b's
 * NAT gateway and a partner API never answers them; a network ACL of subnet b drops the replies S3
 * sends; S3 traffic pays for a NAT gateway. Then the printed fixes, applied, clear the failures.
 */
class FlowChecksTest {
  static final String FIRE = "flows-api-hangs-through-nat-in-b-and-nacl-drops-replies.json";

  static List<Finding> run(Check check, Snapshot s) {
    return CheckRunner.run(check, s);
  }

  static Finding only(List<Finding> findings, Status status) {
    List<Finding> matching = findings.stream().filter(f -> f.status() == status).toList();
    assertThat(matching).as(findings.toString()).hasSize(1);
    return matching.get(0);
  }

  @Test
  void aReplyDroppedByTheSubnetsAclNamesTheServiceThePeerTheEntryAndTheReturnDirection() {
    Finding f = only(run(new RejectedFlows(), Fixtures.snapshot(FIRE)), Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.resource().id()).isEqualTo("production/api");
    assertThat(f.title())
        .contains("replies from S3 (pl-63a5400a) (tcp/443) to production/api are rejected")
        .contains("network ACL acl-private-b rule 90 denies tcp 1024-65535 from 0.0.0.0/0");
    assertThat(f.evidence().get("direction").toString()).startsWith("return traffic");
    assertThat(f.evidence().get("where").toString()).contains("subnet-private-b (us-east-1b)");
    assertThat(f.remediation().commands())
        .anyMatch(c -> c.contains("delete-network-acl-entry") && c.contains("--rule-number 90"));
  }

  @Test
  void unansweredAttemptsFromOneAzThroughAnotherAzsNatGatewayFailWithTheRouteFix() {
    Finding f = only(run(new UnansweredConnections(), Fixtures.snapshot(FIRE)), Status.FAIL);
    assertThat(f.title())
        .contains("production/api: 30 connection attempts to the internet (198.51.100.20):443");
    assertThat(f.evidence().get("by AZ").toString()).contains("us-east-1a: 30 of 30 unanswered");
    assertThat(f.evidence().get("no unanswered attempts from").toString()).contains("us-east-1b");
    assertThat(f.evidence().get("leaves subnet-private-a as").toString())
        .contains("nat-b in us-east-1b, public address 3.80.0.2");
    assertThat(f.remediation().commands())
        .anyMatch(c -> c.contains("replace-route") && c.contains("nat-a"));
  }

  @Test
  void crossAzBytesThroughAnotherAzsNatGatewayArePricedPerMonth() {
    Finding f = only(run(new CrossAzTraffic(), Fixtures.snapshot(FIRE)), Status.FAIL);
    // 6 GiB to and from S3 through nat-b and 0.5 GiB to orders, in 30 minutes.
    assertThat(f.title()).contains("through another AZ's NAT gateway");
    assertThat(f.evidence().get("between AZs").toString())
        .contains("us-east-1a -> us-east-1b, NAT gateway nat-b (to S3 (pl-63a5400a)): 2.00 GB seen")
        .contains("us-east-1b -> us-east-1a, NAT gateway nat-b (to S3 (pl-63a5400a)): 4.00 GB seen")
        .contains("service production/orders");
    // 6.5 GB in half an hour = 9,490 GB a month at $0.02
    assertThat(f.evidence().get("projected").toString()).contains("9,490 GB").contains("$190");
    assertThat(f.evidence().get("rates").toString()).contains("$0.01/GB").contains("December 2026");
  }

  @Test
  void s3BytesThroughANatGatewayAskForAGatewayEndpoint() {
    Finding f = only(run(new NatTrafficToEndpoints(), Fixtures.snapshot(FIRE)), Status.FAIL);
    assertThat(f.title()).contains("production/api").contains("to S3 through NAT");
    // 6 GiB in 30 minutes = 8,760 GB a month at $0.045
    assertThat(f.title()).contains("$394");
    assertThat(f.remediation().commands())
        .anyMatch(
            c ->
                c.contains("create-vpc-endpoint")
                    && c.contains("Gateway")
                    && c.contains("rtb-private-a"));
  }

  @Test
  void applyingThePrintedFixesLeavesNoFailure() {
    Snapshot fixed =
        Fixtures.edited(
            FIRE,
            tree -> {
              ObjectNode ec2 = (ObjectNode) Fixtures.region(tree).get("ec2");
              for (var t : ec2.get("routeTables")) {
                String id = t.get("RouteTableId").asText();
                for (var r : t.get("Routes")) {
                  if (id.equals("rtb-private-a") && r.has("NatGatewayId")) {
                    ((ObjectNode) r).put("NatGatewayId", "nat-a");
                  }
                }
                if (id.startsWith("rtb-private")) {
                  ((ArrayNode) t.get("Routes"))
                      .addObject()
                      .put("DestinationPrefixListId", "pl-63a5400a")
                      .put("GatewayId", "vpce-s3")
                      .put("State", "active");
                }
              }
              ec2.putArray("vpcEndpoints")
                  .addObject()
                  .put("VpcEndpointId", "vpce-s3")
                  .put("VpcId", "vpc-1")
                  .put("ServiceName", "com.amazonaws.us-east-1.s3")
                  .put("VpcEndpointType", "Gateway")
                  .put("State", "available")
                  .putArray("RouteTableIds")
                  .add("rtb-private-a")
                  .add("rtb-private-b");
              for (var acl : ec2.get("networkAcls")) {
                ArrayNode entries = (ArrayNode) acl.get("Entries");
                for (int i = entries.size() - 1; i >= 0; i--) {
                  if (entries.get(i).get("RuleNumber").asInt() == 90) entries.remove(i);
                }
              }
            });
    for (Check c :
        List.of(
            new RejectedFlows(),
            new UnansweredConnections(),
            new CrossAzTraffic(),
            new NatTrafficToEndpoints())) {
      assertThat(run(c, fixed)).as(c.info().id()).noneMatch(f -> f.status() == Status.FAIL);
    }
    Finding rejected = only(run(new RejectedFlows(), fixed), Status.WARN);
    assertThat(rejected.title()).contains("no rule in the snapshot rejects it now");
  }

  @Test
  void rowsTheBoundedTablesMayHaveCutShortAreReportedAsEstimatesAndExactOnesAreNot() {
    assertThat(only(run(new RejectedFlows(), Fixtures.snapshot(FIRE)), Status.FAIL).evidence())
        .doesNotContainKey("estimate");
    Snapshot s =
        Fixtures.edited(
            FIRE,
            tree -> {
              ObjectNode flows = (ObjectNode) Fixtures.region(tree).get("flows");
              for (String table : List.of("rejected", "noReply", "traffic")) {
                for (var row : flows.get(table)) ((ObjectNode) row).put("maxMissing", 3);
              }
              ((ObjectNode) flows.get("counts")).put("overflow", 1200);
            });
    Finding rejected = only(run(new RejectedFlows(), s), Status.FAIL);
    assertThat(rejected.evidence().get("estimate").toString())
        .contains("lower bounds")
        .containsPattern("up to \\d+ records");
    assertThat(rejected.evidence().get("not grouped").toString()).contains("1200 records");
    assertThat(only(run(new UnansweredConnections(), s), Status.FAIL).evidence().get("estimate"))
        .asString()
        .contains("attempts or answers");
    assertThat(only(run(new CrossAzTraffic(), s), Status.FAIL).evidence().get("estimate"))
        .asString()
        .contains("bytes");
    assertThat(only(run(new NatTrafficToEndpoints(), s), Status.FAIL).evidence().get("estimate"))
        .asString()
        .contains("bytes");
  }

  @Test
  void aFormatWithoutActionCannotJudgeRejectionsAndSaysWhichFieldIsMissing() {
    Snapshot s =
        Fixtures.edited(
            FIRE,
            tree -> {
              ObjectNode flows = (ObjectNode) Fixtures.region(tree).get("flows");
              ArrayNode fields = flows.putArray("fields");
              for (String f : List.of("interface-id", "srcaddr", "dstaddr", "bytes")) fields.add(f);
            });
    Finding f = only(run(new RejectedFlows(), s), Status.UNKNOWN);
    assertThat(f.title()).contains("${action}");
    assertThat(f.remediation().text()).contains("${ecs-service-name}");
  }

  @Test
  void withoutFlowRecordsTheFlowChecksDoNotRun() {
    Snapshot s = Fixtures.snapshot("private-subnets-each-behind-own-nat.json");
    assertThat(run(new RejectedFlows(), s)).isEmpty();
    assertThat(run(new CrossAzTraffic(), s)).isEmpty();
  }
}
