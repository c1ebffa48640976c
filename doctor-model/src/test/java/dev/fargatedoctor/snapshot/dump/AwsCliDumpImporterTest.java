package dev.fargatedoctor.snapshot.dump;

import static dev.fargatedoctor.snapshot.dump.DumpDirs.ACCOUNT;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.FAKE_SECRET;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.IGW;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.NAT;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.PRIVATE_A;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.PRIVATE_B;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.PUBLIC_A;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.VPC;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.WEB_SG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Coverage.Outcome;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flat directory of real aws-CLI dumps (recorded from moto, see dumps/README.md) becomes a
 * snapshot.
 */
class AwsCliDumpImporterTest {

  private final Snapshot snapshot = DumpDirs.importFixture("single-region");
  private final RegionSnapshot region = snapshot.regions().get(0);
  private final Ec2Data ec2 = region.ec2();
  private final EcsData ecs = region.ecs();

  @TempDir Path dir;

  @Test
  void theRegionIsInferredFromTheSubnets() {
    assertThat(snapshot.regions()).extracting(RegionSnapshot::region).containsExactly("us-east-1");
  }

  @Test
  void theCaptureSaysWhereTheSnapshotCameFrom() {
    assertThat(snapshot.schema()).isEqualTo(Snapshot.SCHEMA);
    assertThat(snapshot.capture())
        .isEqualTo(
            new Capture(
                "fargate-doctor",
                DumpDirs.TOOL_VERSION,
                DumpDirs.NOW,
                "aws-cli-dir",
                ACCOUNT,
                "arn:aws:sts::123456789012:user/moto",
                List.of("us-east-1"),
                null));
  }

  @Test
  void everyEc2DumpIsRead() {
    assertThat(ec2.vpcs())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.vpcId()).isEqualTo(VPC);
              assertThat(v.cidrBlocks()).containsExactly("10.20.0.0/16");
            });
    assertThat(ec2.subnets())
        .extracting(Subnet::subnetId)
        .containsExactly(PUBLIC_A, PRIVATE_A, PRIVATE_B);
    assertThat(ec2.subnets())
        .extracting(Subnet::availabilityZone)
        .containsExactly("us-east-1a", "us-east-1a", "us-east-1b");
    assertThat(ec2.subnets())
        .extracting(Subnet::availableIpAddressCount)
        .containsExactly(250, 248, 250);
    assertThat(ec2.routeTables()).hasSize(3);
    assertThat(ec2.natGateways())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.natGatewayId()).isEqualTo(NAT);
              assertThat(n.subnetId()).isEqualTo(PUBLIC_A);
              assertThat(n.isAvailable()).isTrue();
              assertThat(n.natGatewayAddresses())
                  .singleElement()
                  .extracting(a -> a.networkInterfaceId())
                  .isNotNull();
            });
    assertThat(ec2.internetGateways())
        .singleElement()
        .satisfies(
            igw -> {
              assertThat(igw.internetGatewayId()).isEqualTo(IGW);
              assertThat(igw.attachments()).extracting(a -> a.vpcId()).containsExactly(VPC);
            });
    assertThat(ec2.vpcEndpoints())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.serviceName()).isEqualTo("com.amazonaws.us-east-1.s3");
              assertThat(e.vpcEndpointType()).isEqualTo("Gateway");
              assertThat(e.routeTableIds()).hasSize(1);
            });
    assertThat(ec2.networkAcls()).hasSize(1);
    assertThat(ec2.securityGroups())
        .extracting(SecurityGroup::groupName)
        .containsExactlyInAnyOrder("default", "shop-web");
    assertThat(ec2.networkInterfaces()).hasSize(5);
    assertThat(ec2.flowLogs())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resourceId()).isEqualTo(VPC);
              assertThat(f.trafficType()).isEqualTo("REJECT");
              assertThat(f.logDestination()).isEqualTo("arn:aws:s3:::shop-flow-logs");
            });
  }

  @Test
  void routeTablesKeepTheirRoutesAndAssociations() {
    RouteTable privateTable =
        ec2.routeTables().stream()
            .filter(t -> t.associationFor(PRIVATE_A).isPresent())
            .findFirst()
            .orElseThrow();
    RouteTable publicTable =
        ec2.routeTables().stream()
            .filter(t -> t.associationFor(PUBLIC_A).isPresent())
            .findFirst()
            .orElseThrow();

    assertThat(privateTable.associationFor(PRIVATE_B)).isPresent();
    assertThat(privateTable.defaultRoute().orElseThrow().natGatewayId()).isEqualTo(NAT);
    assertThat(privateTable.routes())
        .anyMatch(
            r ->
                r.destinationPrefixListId() != null
                    && r.gatewayId() != null
                    && r.gatewayId().startsWith("vpce-"));
    assertThat(publicTable.defaultRoute().orElseThrow().target()).isEqualTo(IGW);
    assertThat(ec2.routeTables())
        .filteredOn(RouteTable::isMain)
        .singleElement()
        .satisfies(
            main ->
                assertThat(main.routes()).extracting(r -> r.gatewayId()).containsExactly("local"));
  }

  @Test
  void theNetworkAclKeepsTheDenyEntry() {
    NetworkAcl acl = ec2.networkAcls().get(0);

    assertThat(acl.isDefault()).isTrue();
    assertThat(acl.associations())
        .extracting(NetworkAcl.Association::subnetId)
        .containsExactlyInAnyOrder(PUBLIC_A, PRIVATE_A, PRIVATE_B);
    assertThat(acl.entries())
        .filteredOn(e -> e.ruleNumber() == 90)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ruleAction()).isEqualTo("deny");
              assertThat(e.egress()).isFalse();
              assertThat(e.protocol()).isEqualTo("6");
              assertThat(e.portRange()).isEqualTo(new NetworkAcl.PortRange(22, 22));
            });
  }

  @Test
  void securityGroupRulesKeepEc2sShape() {
    SecurityGroup web =
        ec2.securityGroups().stream()
            .filter(g -> g.groupId().equals(WEB_SG))
            .findFirst()
            .orElseThrow();

    assertThat(web.ipPermissions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ipProtocol()).isEqualTo("tcp");
              assertThat(p.fromPort()).isEqualTo(8080);
              assertThat(p.ipRanges())
                  .extracting(SecurityGroup.IpRange::cidrIp)
                  .containsExactly("10.20.0.0/16");
            });
  }

  @Test
  void networkInterfacesKeepTheDescriptionsThatTellWhoOwnsThem() {
    assertThat(ec2.networkInterfaces())
        .extracting(NetworkInterface::description)
        .containsExactlyInAnyOrder(
            "Interface for NAT Gateway " + NAT,
            "arn:aws:ecs:us-east-1:123456789012:attachment/3f2a1c9e-0b7d-4e21-9a55-6c1d2e3f4a5b",
            "arn:aws:ecs:us-east-1:123456789012:attachment/8b9c0d1e-2f3a-4b5c-8d6e-7f8091a2b3c4",
            "ELB app/shop-alb/50dc6c495c0c9188",
            "moto ECS");
    assertThat(ec2.networkInterfaces())
        .extracting(NetworkInterface::availabilityZone)
        .containsOnly("us-east-1a", "us-east-1b");
    assertThat(ec2.networkInterfaces())
        .allSatisfy(eni -> assertThat(eni.isRequesterManaged()).isFalse());
  }

  @Test
  void everyEcsDumpIsRead() {
    assertThat(ecs.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.clusterName()).isEqualTo("shop");
              assertThat(c.settings())
                  .extracting(s -> s.name() + "=" + s.value())
                  .containsExactly("containerInsights=enabled");
            });
    assertThat(ecs.services()).extracting(Service::serviceName).containsExactly("web", "worker");
    assertThat(ecs.taskDefinitions())
        .extracting(TaskDefinition::family)
        .containsExactly("shop-web");
    assertThat(ecs.tasks()).hasSize(1);
  }

  @Test
  void aServiceKeepsItsNetworkConfigurationAndDeployment() {
    Service web = ecs.services().get(0);

    assertThat(web.clusterName()).isEqualTo("shop");
    assertThat(web.launchType()).isEqualTo("FARGATE");
    assertThat(web.desiredCount()).isEqualTo(2);
    assertThat(web.subnets()).containsExactly(PRIVATE_A, PRIVATE_B);
    assertThat(web.securityGroups()).containsExactly(WEB_SG);
    assertThat(web.awsVpc().orElseThrow().assignPublicIp()).isEqualTo("DISABLED");
    assertThat(web.taskDefinition())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:1");
    Service.Deployment primary = web.primaryDeployment().orElseThrow();
    assertThat(primary.rolloutState()).isEqualTo("IN_PROGRESS");
    // The CLI prints ECS timestamps as epoch seconds with a fraction.
    assertThat(primary.createdAt()).isEqualTo(Instant.ofEpochSecond(1795672403L, 401_000_000));
  }

  @Test
  void aStandaloneTaskKeepsItsNetworkInterface() {
    Task task = ecs.tasks().get(0);

    assertThat(task.serviceName()).isEmpty();
    assertThat(task.group()).isEqualTo("family:shop-migrate");
    assertThat(task.subnetId()).contains(PRIVATE_A);
    assertThat(task.networkInterfaceId()).contains("eni-93b22b458c9f8e0f5");
    assertThat(ec2.networkInterfaces())
        .extracting(NetworkInterface::networkInterfaceId)
        .contains("eni-93b22b458c9f8e0f5");
  }

  @Test
  void theTaskDefinitionKeepsRolesAndRedactsTheEnvironment() {
    TaskDefinition td = ecs.taskDefinitions().get(0);

    assertThat(td.taskRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/service/shop-task");
    assertThat(td.executionRoleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
    assertThat(td.requiresCompatibilities()).containsExactly("FARGATE");
    TaskDefinition.ContainerDefinition web = td.containerDefinitions().get(0);
    assertThat(web.environment())
        .extracting(EnvironmentVariable::name)
        .containsExactly("DB_PASSWORD", "LOG_LEVEL", "EMPTY_FLAG", "ORDERS_BUCKET_ARN");
    assertThat(web.environment().get(0).valueKind()).isEqualTo(EnvironmentVariable.ValueKind.TEXT);
    assertThat(web.secrets()).extracting(TaskDefinition.Secret::name).containsExactly("API_TOKEN");
    assertThat(web.logConfiguration().options()).containsEntry("awslogs-group", "/ecs/shop-web");
  }

  @Test
  void theFakeSecretNeverReachesTheWrittenSnapshot() throws IOException {
    assertThat(DumpDirs.read("single-region", "ecs-describe-task-definition.json"))
        .contains(FAKE_SECRET);
    Path file = dir.resolve("snapshot.json");

    SnapshotFiles.write(snapshot, file);

    assertThat(Files.readString(file))
        .doesNotContain(FAKE_SECRET)
        .doesNotContain("hunter2")
        .contains("DB_PASSWORD");
  }

  @Test
  void theImportedSnapshotSurvivesAWriteReadRoundTrip() throws IOException {
    Path file = dir.resolve("snapshot.json.gz");

    SnapshotFiles.write(snapshot, file);

    assertThat(SnapshotFiles.read(file)).isEqualTo(snapshot);
  }

  @Test
  void rolesComeFromTheAuthorizationDetailsWithTheirPoliciesDecoded() {
    Role task =
        snapshot.iam().role("arn:aws:iam::123456789012:role/service/shop-task").orElseThrow();
    Role execution = snapshot.iam().role("ecsTaskExecutionRole").orElseThrow();

    assertThat(snapshot.iam().roles()).hasSize(2);
    assertThat(snapshot.iam().missingRoles()).isEmpty();
    assertThat(task.path()).isEqualTo("/service/");
    assertThat(task.assumeRolePolicyDocument().isObject()).isTrue();
    assertThat(task.assumeRolePolicyDocument().at("/Statement/0/Principal/Service").asText())
        .isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(
            task.assumeRolePolicyDocument()
                .at("/Statement/0/Condition/StringLike/aws:SourceArn")
                .asText())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:*");
    assertThat(task.inlinePolicies())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.policyName()).isEqualTo("read-orders");
              assertThat(p.document().at("/Statement/0/Condition/StringEquals/s3:prefix").asText())
                  .isEqualTo("orders+returns");
            });
    assertThat(execution.attachedPolicies())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.policyArn())
                  .isEqualTo("arn:aws:iam::123456789012:policy/shop-pull-and-log");
              assertThat(p.defaultVersionId()).isEqualTo("v1");
              assertThat(p.document().at("/Statement/0/Action").findValuesAsText("Action"))
                  .isEmpty();
              assertThat(p.document().at("/Statement/0/Action/0").asText())
                  .isEqualTo("ecr:GetAuthorizationToken");
            });
  }

  @Test
  void quotasFromGetServiceQuotaAreAppliedAndTheRestAreDefaults() {
    assertThat(region.quotas())
        .containsExactly(
            new ServiceQuota(
                "vpc",
                ServiceQuota.NETWORK_INTERFACES_CODE,
                ServiceQuota.NETWORK_INTERFACES_NAME,
                5000.0,
                ServiceQuota.SOURCE_APPLIED),
            new ServiceQuota(
                "vpc", "L-F678F1CE", "VPCs per Region", 5.0, ServiceQuota.SOURCE_AWS_DEFAULT));
  }

  @Test
  void everyPresentDumpIsCoveredAndTheMissingOneSaysWhichCommandToRun() {
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.outcome() == Outcome.OK)
        .extracting(c -> c.region() + " " + c.action())
        .containsExactlyInAnyOrder(
            "us-east-1 ec2:DescribeVpcs",
            "us-east-1 ec2:DescribeSubnets",
            "us-east-1 ec2:DescribeRouteTables",
            "us-east-1 ec2:DescribeNatGateways",
            "us-east-1 ec2:DescribeInternetGateways",
            "us-east-1 ec2:DescribeVpcEndpoints",
            "us-east-1 ec2:DescribeNetworkAcls",
            "us-east-1 ec2:DescribeSecurityGroups",
            "us-east-1 ec2:DescribeNetworkInterfaces",
            "us-east-1 ec2:DescribeFlowLogs",
            "us-east-1 ec2:DescribePrefixLists",
            "us-east-1 ecs:DescribeClusters",
            "us-east-1 ecs:DescribeServices",
            "us-east-1 ecs:DescribeTaskDefinition",
            "us-east-1 ecs:DescribeTasks",
            "us-east-1 servicequotas:GetServiceQuota",
            "us-east-1 servicequotas:ListAWSDefaultServiceQuotas",
            "us-east-1 ecs:ListClusters",
            "us-east-1 ecs:ListServices",
            "us-east-1 ecs:ListTasks",
            "global iam:GetAccountAuthorizationDetails",
            "global sts:GetCallerIdentity");
    // the listings are implied by the describe dumps, which need their names
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.action().equals("ecs:ListServices"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.message()).isEqualTo("implied by ecs-describe-services dumps"));
    // The recording has no load-balancer or CloudWatch dumps, and moto does not implement
    // CloudTrail
    // LookupEvents: those steps are not collected.
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.outcome() == Outcome.NOT_COLLECTED)
        .extracting(c -> c.action())
        .contains(
            "elasticloadbalancing:DescribeTargetHealth",
            "cloudwatch:GetMetricData",
            "cloudtrail:LookupEvents");
    assertThat(snapshot.coverage())
        .filteredOn(
            c ->
                c.outcome() != Outcome.OK
                    && !c.action().startsWith("elasticloadbalancing:")
                    && !c.action().startsWith("cloudwatch:")
                    && !c.action().startsWith("cloudtrail:"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.region()).isEqualTo("us-east-1");
              assertThat(c.action()).isEqualTo("servicequotas:ListServiceQuotas");
              assertThat(c.outcome()).isEqualTo(Outcome.NOT_COLLECTED);
              assertThat(c.collected()).isFalse();
              assertThat(c.calls()).isZero();
              assertThat(c.message())
                  .contains("service-quotas-list-service-quotas.json")
                  .contains(DumpDirs.fixture("single-region").toString())
                  .contains("`aws service-quotas list-service-quotas --output json`");
            });
  }

  @Test
  void aDirectoryWithFewDumpsSaysWhatElseToRun() {
    Path few =
        DumpDirs.copy(
            "single-region",
            dir.resolve("few"),
            "ec2-describe-subnets.json",
            "ecs-describe-services.json");

    Snapshot s = DumpDirs.IMPORTER.importDirectory(few, null);

    assertThat(s.coverage())
        .filteredOn(Coverage::collected)
        .extracting(Coverage::action)
        .containsExactlyInAnyOrder(
            "ec2:DescribeSubnets", "ecs:DescribeServices", "ecs:ListClusters", "ecs:ListServices");
    assertThat(s.coverage())
        .filteredOn(c -> !c.collected())
        .extracting(Coverage::message)
        .contains(
            "no ec2-describe-route-tables.json in "
                + few
                + " (run `aws ec2 describe-route-tables --output json`)",
            "no sts-get-caller-identity.json in "
                + few
                + " (run `aws sts get-caller-identity --output json`)");
    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("iam:GetAccountAuthorizationDetails"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message())
                    .contains(
                        "`aws iam get-account-authorization-details --filter Role LocalManagedPolicy AWSManagedPolicy"));
    // Without sts, the account still comes from the service ARNs.
    assertThat(s.accountId()).isEqualTo(ACCOUNT);
    assertThat(s.capture().callerArn()).isNull();
  }

  @Test
  void filesThatAreNotJsonAndHiddenDirectoriesAreIgnored() {
    // a sub-directory that is not a region is an error (DumpRegionsTest); a hidden one is not ours
    Path d = DumpDirs.copy("single-region", dir.resolve("with-notes"), "ec2-describe-subnets.json");
    DumpDirs.write(d, "notes.txt", "ran these on Tuesday");
    DumpDirs.write(d, "README.md", "# dumps");
    DumpDirs.write(d.resolve(".old"), "whatever.json", "not even json");

    Snapshot s = DumpDirs.IMPORTER.importDirectory(d, null);

    assertThat(s.regions().get(0).ec2().subnets()).hasSize(3);
  }

  @Test
  void aGzipCompressedDumpIsReadWhateverItsName() throws IOException {
    Path d = Files.createDirectories(dir.resolve("gz"));
    try (var out =
        new java.util.zip.GZIPOutputStream(
            Files.newOutputStream(d.resolve("ec2-describe-subnets.json")))) {
      out.write(
          DumpDirs.read("single-region", "ec2-describe-subnets.json")
              .getBytes(StandardCharsets.UTF_8));
    }

    assertThat(DumpDirs.IMPORTER.importDirectory(d, null).regions().get(0).ec2().subnets())
        .hasSize(3);
  }
}
