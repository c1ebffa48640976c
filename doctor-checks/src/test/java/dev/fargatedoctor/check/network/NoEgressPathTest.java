package dev.fargatedoctor.check.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoEgressPathTest {
  private final NoEgressPath check = new NoEgressPath();

  private Finding problem(String fixture) {
    return CheckRunner.problems(check, fixture).stream()
        .filter(f -> f.resource().type().equals("service"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ecrInterfaceEndpointsWithoutAnS3GatewayEndpointCannotPullLayers() {
    Finding f = problem("NO-EGRESS-PATH/fires-ecr-endpoints-without-s3-gateway-endpoint.json");

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.resource().id()).isEqualTo("production/api");
    assertThat(f.title())
        .contains("cannot reach S3")
        .contains("NO_ROUTE")
        .doesNotContain("ECR API");
    assertThat(f.evidence()).containsKey("subnet-private-a -> S3 (ECR image layers)");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ec2 create-vpc-endpoint --vpc-id vpc-1 "
                + "--vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids rtb-private-a "
                + "rtb-private-b --region us-east-1");
  }

  @Test
  void addingTheS3GatewayEndpointMakesEveryPathWork() {
    assertThat(CheckRunner.run(check, "NO-EGRESS-PATH/quiet-ecr-and-s3-endpoints-without-nat.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void theFirstBlockingHopIsNamedOncePerSubnetForAllDestinations() {
    Finding f =
        problem("NACL-RETURN-BLOCKED/fires-nacl-denies-return-traffic-to-private-subnets.json");

    assertThat(f.title()).contains("network ACL acl-private (NACL_DENY_RETURN)");
    assertThat(f.evidence())
        .containsKey(
            "subnet-private-a -> ECR API (auth token, image manifests), ECR registry "
                + "(docker pull), S3 (ECR image layers), CloudWatch Logs, Secrets Manager");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ec2 delete-network-acl-entry --network-acl-id acl-private --ingress --rule-number 90 --region us-east-1");
  }

  @Test
  void aRouteToADeletedNatGatewayBlocksOnlyItsSubnet() {
    Finding f = problem("ROUTE-BLACKHOLE/fires-route-to-deleted-nat-gateway.json");

    assertThat(f.title()).contains("from subnet-private-a:").contains("NAT_NOT_AVAILABLE");
    assertThat(f.remediation().commands())
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith(
                        "NAT=$(aws ec2 create-nat-gateway " + "--subnet-id subnet-public-a"));
  }

  @Test
  void aNatGatewayWhoseSubnetLostItsInternetRouteIsNamedWithTheRouteToAdd() {
    Finding f = problem("NAT-NO-IGW/fires-nat-a-subnet-without-internet-route.json");

    assertThat(f.title()).contains("NAT_NO_IGW_ROUTE");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ec2 create-route --route-table-id rtb-nat-a "
                + "--destination-cidr-block 0.0.0.0/0 --gateway-id igw-1 --region us-east-1");
  }

  @Test
  void tasksInPublicSubnetsWithoutAPublicIpGetAssignPublicIp() {
    Finding f = problem("NO-EGRESS-PATH/fires-service-in-public-subnets-without-public-ip.json");

    assertThat(f.title()).contains("NO_PUBLIC_IP");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ecs update-service --cluster production --service api "
                + "--network-configuration 'awsvpcConfiguration={subnets=[subnet-public-a,subnet-public-b],"
                + "securityGroups=[sg-api],assignPublicIp=ENABLED}' --region us-east-1");
  }

  @Test
  void aSecurityGroupWithoutEgressGetsAnEgressRuleOn443() {
    Finding f = problem("NO-EGRESS-PATH/fires-task-security-group-without-egress.json");

    assertThat(f.title()).contains("security group sg-api (SG_NO_EGRESS)");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws ec2 authorize-security-group-egress --group-id sg-api "
                + "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region us-east-1");
  }

  @Test
  void secretsFromSecretsManagerAreANeedAndTheReasonIsGiven() {
    Finding f = CheckRunner.run(check, "private-subnets-each-behind-own-nat.json").get(0);

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence().get("needs").toString())
        .contains("Secrets Manager", "CloudWatch Logs", "S3");
    assertThat(f.evidence().get("because").toString()).contains("secrets from Secrets Manager");
  }

  @Test
  void aServiceWhoseTaskDefinitionIsMissingIsCheckedForEcrAndLogsAndSaysSo() {
    Snapshot s = Fixtures.snapshot("private-subnets-each-behind-own-nat.json");
    RegionSnapshot r = s.regions().get(0);
    EcsData ecs = new EcsData(r.ecs().clusters(), r.ecs().services(), List.of(), r.ecs().tasks());
    Snapshot withoutTaskDefinition =
        new Snapshot(
            s.schema(),
            s.capture(),
            List.of(
                new RegionSnapshot(
                    r.region(), r.ec2(), ecs, r.quotas(), r.elb(), r.metrics(), r.cloudTrail())),
            s.iam(),
            s.coverage());

    Finding f = CheckRunner.run(check, withoutTaskDefinition).get(0);

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence().get("because").toString())
        .contains("task definition not in the snapshot");
    assertThat(f.evidence().get("needs").toString())
        .contains("S3")
        .doesNotContain("Secrets Manager");
  }
}
