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
 * The spine's scenarios end to end: an environment built in moto through the SDK, a real scan by
 * the real command over the AWS wire protocol, and the findings asserted on the right resources.
 */
@ExtendWith(MotoExtension.class)
class ScanScenariosIT {
  private static final String REGION = "us-east-1";
  private static final String ECS_TASKS = "\"ecs-tasks.amazonaws.com\"";

  // a reset account per test, from MotoExtension
  private MotoServer moto;
  private MotoEnvironment env;

  /**
   * Two AZs, public and private subnets, a NAT gateway per AZ, each private subnet routed to its
   * own.
   */
  private record Network(
      String vpc,
      String privateA,
      String privateB,
      String rtbA,
      String rtbB,
      String natA,
      String natB,
      String sg) {}

  private Network network() {
    String vpc = env.vpc("10.0.0.0/16");
    String publicA = env.subnet(vpc, "10.0.101.0/24", "us-east-1a");
    String publicB = env.subnet(vpc, "10.0.102.0/24", "us-east-1b");
    String privateA = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    String privateB = env.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    String igw = env.internetGateway(vpc);
    env.defaultRouteToIgw(env.routeTable(vpc, publicA, publicB), igw);
    String natA = env.natGateway(publicA);
    String natB = env.natGateway(publicB);
    String rtbA = env.routeTable(vpc, privateA);
    String rtbB = env.routeTable(vpc, privateB);
    env.defaultRouteToNat(rtbA, natA);
    env.defaultRouteToNat(rtbB, natB);
    return new Network(
        vpc, privateA, privateB, rtbA, rtbB, natA, natB, env.securityGroup(vpc, "api"));
  }

  private void service(Network n, String name, String executionTrust, String taskTrust) {
    String cluster = env.cluster("production");
    String exec = env.role(name + "-execution", MotoEnvironment.trustingService(executionTrust));
    String task = env.role(name + "-task", MotoEnvironment.trustingService(taskTrust));
    env.service(
        cluster,
        name,
        env.taskDefinition(name, exec, task),
        List.of(n.privateA(), n.privateB()),
        List.of(n.sg()),
        2);
  }

  private JsonNode scan() throws Exception {
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            REGION,
            "--output",
            "json");
    // moto cannot answer everything (no Fargate quotas, no CloudTrail): a scan may be incomplete.
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 4);
    if (run.exitCode() != 4) assertThat(run.err()).isEmpty();
    return SnapshotJson.mapper().readTree(run.out());
  }

  private static List<JsonNode> problems(JsonNode report, String checkId) {
    List<JsonNode> out = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("checkId").asText().equals(checkId)) out.add(f);
            });
    return out;
  }

  @Test
  void enisAtNinetyPercentOfTheQuotaAreCriticalWithMixedConsumersBrokenDown() throws Exception {
    Network n = network();
    env.networkInterfaces(n.privateA(), 3900, i -> env.ecsAttachmentDescription());
    env.networkInterfaces(n.privateB(), 350, i -> "AWS Lambda VPC ENI-ingest-" + i);
    env.networkInterfaces(n.privateA(), 150, i -> "ELB app/web/50dc6c495c0c" + i);
    env.networkInterfaces(n.privateB(), 60, i -> "RDSNetworkInterface");
    env.networkInterfaces(n.privateB(), 100, i -> "");

    JsonNode report = scan();

    assertThat(problems(report, "ENI-QUOTA"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
              JsonNode byConsumer = f.get("evidence").get("by consumer");
              assertThat(byConsumer.get("ECS task (Fargate/awsvpc)").asInt()).isEqualTo(3900);
              assertThat(byConsumer.get("Lambda").asInt()).isEqualTo(350);
              assertThat(byConsumer.get("load balancer").asInt()).isEqualTo(150);
              assertThat(byConsumer.get("RDS").asInt()).isEqualTo(60);
              // moto gives NAT gateway interfaces no description: they are recognised through the
              // NAT gateways
              assertThat(byConsumer.get("NAT gateway").asInt()).isEqualTo(2);
              assertThat(f.get("evidence").get("quota").asText()).startsWith("5000");
              assertThat(f.get("title").asText())
                  .contains("of 5000 network interfaces in use (91 %)");
            });
  }

  @Test
  void aPrivateSubnetRepointedToAnotherAzsNatIsFlaggedOnThatSubnetOnly() throws Exception {
    Network n = network();
    service(n, "api", ECS_TASKS, ECS_TASKS);
    env.replaceDefaultRoute(n.rtbA(), n.natB());

    JsonNode report = scan();

    assertThat(problems(report, "ROUTE-CROSS-AZ-NAT"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("resource").get("id").asText()).isEqualTo(n.privateA());
              assertThat(f.get("remediation").get("commands").get(0).asText())
                  .isEqualTo(
                      "aws ec2 replace-route "
                          + "--route-table-id "
                          + n.rtbA()
                          + " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "
                          + n.natA()
                          + " --region us-east-1");
            });
  }

  @Test
  void anExecutionRoleTrustingEc2IsFlaggedWhileTheListFormStaysQuiet() throws Exception {
    Network n = network();
    service(n, "checkout", "\"ec2.amazonaws.com\"", ECS_TASKS);
    service(n, "orders", "[" + ECS_TASKS + "]", "[" + ECS_TASKS + "]");

    JsonNode report = scan();

    assertThat(problems(report, "EXEC-ROLE-TRUST"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("FAIL");
              assertThat(f.get("resource").get("id").asText()).isEqualTo("checkout-execution");
              assertThat(f.get("resource").get("arn").asText())
                  .isEqualTo("arn:aws:iam::123456789012:role/checkout-execution");
            });
    assertThat(problems(report, "TASK-ROLE-TRUST")).isEmpty();
  }

  @Test
  void aHealthyEnvironmentHasNoFailures() throws Exception {
    Network n = network();
    env.flowLog(n.vpc(), "/aws/vpc/flowlogs/healthy", true);
    service(n, "api", ECS_TASKS, "[" + ECS_TASKS + "]");
    // what a healthy workload also has: the managed execution policy, a task role ready for ECS
    // Exec,
    // the circuit breaker (moto keeps these only from UpdateService)
    env.iam.attachRolePolicy(
        r ->
            r.roleName("api-execution")
                .policyArn(
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    env.iam.putRolePolicy(
        r ->
            r.roleName("api-task")
                .policyName("ecs-exec")
                .policyDocument(
                    "{\"Version\":"
                        + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssmmessages:*\",\"Resource\":\"*\"}]}"));
    env.ecs.updateService(
        b ->
            b.cluster("production")
                .service("api")
                .enableExecuteCommand(true)
                .deploymentConfiguration(
                    d ->
                        d.deploymentCircuitBreaker(c -> c.enable(true).rollback(true))
                            .maximumPercent(200)
                            .minimumHealthyPercent(100)));
    env.networkInterfaces(n.privateA(), 20, i -> env.ecsAttachmentDescription());

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
            "--include-passed",
            // moto leaves some checks UNKNOWN (it knows no Fargate quota): accepted here.
            "--allow-incomplete");
    JsonNode report = SnapshotJson.mapper().readTree(run.out());

    assertThat(run.exitCode()).as("PLAINTEXT-SECRETS is MEDIUM, below --fail-on high").isZero();
    List<String> statuses = new ArrayList<>();
    report
        .get("findings")
        .forEach(f -> statuses.add(f.get("status").asText() + " " + f.get("checkId").asText()));
    // MotoEnvironment plants a fake DB_PASSWORD in every task definition (to prove values never
    // leak):
    // the one finding a healthy environment built with it has.
    assertThat(statuses)
        .filteredOn(s -> s.startsWith("FAIL") || s.startsWith("WARN"))
        .containsExactly("FAIL PLAINTEXT-SECRETS");
    assertThat(run.out()).doesNotContain("hunter2-not-a-real-secret");
    assertThat(statuses)
        .contains(
            "PASS ENI-QUOTA",
            "PASS EXEC-ROLE-TRUST",
            "PASS TASK-ROLE-TRUST",
            "PASS ROUTE-CROSS-AZ-NAT",
            "PASS NO-EGRESS-PATH",
            "PASS NACL-RETURN-BLOCKED",
            "PASS ROUTE-BLACKHOLE",
            "PASS NAT-NO-IGW",
            "PASS FLOWLOGS-MISSING",
            "PASS EXEC-ROLE-PERMS",
            "PASS ECS-EXEC-NOT-READY",
            "PASS DEPLOY-NO-CIRCUIT-BREAKER",
            "PASS DEPLOY-CONFIG-BLOCKED",
            "PASS SERVICE-EVENT-ERRORS");
  }
}
