package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The network doctor end to end: a VPC built in moto through the SDK (two AZs, a NAT gateway per
 * AZ, a service in the private subnets, a flow log), broken in one way per test, scanned by the
 * real command, and the findings asserted on the right resources.
 */
@ExtendWith(MotoExtension.class)
class NetworkScenariosIT {
  private static final String REGION = "us-east-1";

  // a reset account per test, from MotoExtension
  private MotoServer moto;
  private MotoEnvironment env;

  private record Network(
      String vpc, String privateA, String privateB, String rtbA, String natA, String natB) {}

  private Network network(boolean flowLog) {
    String vpc = env.vpc("10.0.0.0/16");
    String publicA = env.subnet(vpc, "10.0.101.0/24", "us-east-1a");
    String publicB = env.subnet(vpc, "10.0.102.0/24", "us-east-1b");
    String privateA = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    String privateB = env.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    env.defaultRouteToIgw(env.routeTable(vpc, publicA, publicB), env.internetGateway(vpc));
    String natA = env.natGateway(publicA);
    String natB = env.natGateway(publicB);
    String rtbA = env.routeTable(vpc, privateA);
    env.defaultRouteToNat(rtbA, natA);
    env.defaultRouteToNat(env.routeTable(vpc, privateB), natB);
    String cluster = env.cluster("production");
    String exec =
        env.role("api-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    env.service(
        cluster,
        "api",
        env.taskDefinition("api", exec, exec),
        List.of(privateA, privateB),
        List.of(env.securityGroup(vpc, "api")),
        2);
    if (flowLog) env.flowLog(vpc, "/aws/vpc/flowlogs/production", true);
    return new Network(vpc, privateA, privateB, rtbA, natA, natB);
  }

  private List<JsonNode> scan(String checkId) throws Exception {
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            REGION,
            "--output",
            "json",
            "--include-passed");
    // stderr holds at most the line saying moto left checks UNKNOWN (exit 4)
    if (run.exitCode() != 4) assertThat(run.err()).isEmpty();
    JsonNode report = SnapshotJson.mapper().readTree(run.out());
    List<JsonNode> out = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("checkId").asText().equals(checkId)) out.add(f);
            });
    return out;
  }

  private static List<JsonNode> problems(List<JsonNode> findings) {
    return findings.stream().filter(f -> !f.get("status").asText().equals("PASS")).toList();
  }

  @Test
  void aNaclOnThePrivateSubnetsThatDeniesInboundEphemeralPortsDropsTheReturnTraffic()
      throws Exception {
    Network n = network(true);
    String acl = env.networkAcl(n.vpc(), n.privateA(), n.privateB());
    env.networkAclEntry(acl, 90, false, "0.0.0.0/0", 1024, 65535, false);
    env.networkAclEntry(acl, 100, false, "0.0.0.0/0", null, null, true);
    env.networkAclEntry(acl, 100, true, "0.0.0.0/0", null, null, true);

    assertThat(problems(scan("NACL-RETURN-BLOCKED")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("resource").get("id").asText()).isEqualTo(acl);
              assertThat(f.get("evidence").get("task subnets").toString())
                  .contains(n.privateA(), n.privateB());
              assertThat(f.get("remediation").get("commands").get(0).asText())
                  .isEqualTo(
                      "aws ec2 delete-network-acl-entry "
                          + "--network-acl-id "
                          + acl
                          + " --ingress --rule-number 90 --region us-east-1");
            });
    assertThat(problems(scan("NO-EGRESS-PATH")))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.get("title").asText())
                    .contains("network ACL " + acl + " (NACL_DENY_RETURN)"));

    Run path =
        Run.live(
            new ApiCallRecorder(),
            "path",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            REGION,
            "--service",
            "api",
            "--to",
            "ecr");
    assertThat(path.exitCode()).as(path.err()).isEqualTo(1);
    assertThat(path.out()).contains("first blocking hop: network ACL " + acl);
  }

  @Test
  void aRouteToANatGatewayThatWasDeletedIsABlackholeThoughMotoStillCallsItActive()
      throws Exception {
    Network n = network(true);
    env.deleteNatGateway(n.natA());

    assertThat(problems(scan("ROUTE-BLACKHOLE")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
              assertThat(f.get("resource").get("id").asText()).isEqualTo(n.rtbA());
              assertThat(f.get("evidence").get("route 0.0.0.0/0 -> " + n.natA()).asText())
                  .contains("is deleted")
                  .contains("route state active");
            });
    assertThat(problems(scan("NO-EGRESS-PATH")))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.get("title").asText())
                    .contains("from " + n.privateA() + ":")
                    .contains("NAT_NOT_AVAILABLE"));
  }

  @Test
  void aVpcWithoutFlowLogsIsReportedWithTheCommandsThatCreateOne() throws Exception {
    Network n = network(false);

    assertThat(problems(scan("FLOWLOGS-MISSING")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("resource").get("id").asText()).isEqualTo(n.vpc());
              assertThat(f.get("remediation").get("commands").toString())
                  .contains("create-flow-logs --resource-type VPC " + "--resource-ids " + n.vpc());
            });
  }

  @Test
  void aFlowLogThatCannotDeliverCoversNothing() throws Exception {
    Network n = network(false);
    env.flowLog(n.vpc(), "/aws/vpc/flowlogs/never-created", false);

    assertThat(problems(scan("FLOWLOGS-MISSING")))
        .singleElement()
        .satisfies(f -> assertThat(f.get("title").asText()).contains("fail to deliver"));
  }

  @Test
  void cloudTrailIsNotEmulatedSoRecentChangesAreUnknownNotNone() throws Exception {
    network(true);

    assertThat(scan("ROUTE-RECENT-CHANGE"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("UNKNOWN");
              assertThat(f.get("title").asText()).contains("cloudtrail:LookupEvents");
            });
  }

  @Test
  void aHealthyNetworkPassesEveryNetworkCheck() throws Exception {
    network(true);

    for (String check :
        List.of(
            "NO-EGRESS-PATH",
            "NACL-RETURN-BLOCKED",
            "ROUTE-BLACKHOLE",
            "NAT-NO-IGW",
            "FLOWLOGS-MISSING",
            "ROUTE-CROSS-AZ-NAT")) {
      assertThat(scan(check))
          .as(check)
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.get("status").asText()).as(check).isEqualTo("PASS"));
    }
  }
}
