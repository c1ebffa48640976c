package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetIpHeadroomTest {
  private final SubnetIpHeadroom check = new SubnetIpHeadroom();

  private static Finding about(List<Finding> findings, String subnet) {
    return findings.stream()
        .filter(f -> f.resource().id().equals(subnet))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSubnetThatCannotHoldTheSharedDeploymentPeakFailsWithTheArithmetic() {
    // api: 20 desired over a and b, 10 in each; at 200 % its peak of 40 puts 20 in a (+10).
    // worker: 4 desired in a only; at 150 % its peak is 6 (+2). Subnet a has 11 free: 1 short.
    Finding a =
        about(
            CheckRunner.run(
                check, "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json"),
            "subnet-private-a");

    assertThat(a.status()).isEqualTo(Status.FAIL);
    assertThat(a.severity()).isEqualTo(Severity.HIGH);
    assertThat(a.title())
        .contains(
            "subnet-private-a (us-east-1a) has 11 free IPs",
            "need 12",
            "1 task(s) would fail to start");
    assertThat(a.evidence())
        .containsEntry("new IPs at the peak", 12)
        .containsEntry("free IPs left at the peak", -1);
    assertThat(a.evidence().get("services (tasks now -> at peak)").toString())
        .contains("production/api: 10 -> 20", "production/worker: 4 -> 6");
  }

  @Test
  void theFixNamesAMaximumPercentAtWhichTheBiggestServiceFits() {
    Finding a =
        about(
            CheckRunner.run(
                check, "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json"),
            "subnet-private-a");

    // At 110 % api peaks at 22 tasks, 11 in a (+1): with worker's +2 and the reserve of 8, 11 fit.
    assertThat(a.remediation().commands())
        .anySatisfy(
            c ->
                assertThat(c)
                    .isEqualTo(
                        "aws ecs update-service "
                            + "--cluster production --service api --deployment-configuration maximumPercent=110,minimumHealthyPercent=100 "
                            + "--region us-east-1"));
    assertThat(a.remediation().commands())
        .anySatisfy(
            c ->
                assertThat(c)
                    .contains(
                        "describe-network-interfaces --filters 'Name=subnet-id,Values=subnet-private-a Name=status,Values=available'"));
  }

  @Test
  void aSubnetWithRoomPasses() {
    Finding b =
        about(
            CheckRunner.run(
                check, "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json"),
            "subnet-private-b");

    assertThat(b.status()).isEqualTo(Status.PASS);
    assertThat(b.title()).contains("holds its tasks' peak (+10) with 190 IPs to spare");
  }

  @Test
  void fittingButEatingTheReserveWarnsAtMediumSeverity() {
    var snapshot =
        Fixtures.edited(
            "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json",
            t ->
                ((ObjectNode) Fixtures.region(t).get("ec2").get("subnets").get(0))
                    .put("AvailableIpAddressCount", 15));

    Finding a = about(CheckRunner.run(check, snapshot), "subnet-private-a");

    assertThat(a.status()).isEqualTo(Status.WARN);
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.title()).contains("keeps only 3 free IPs at its tasks' peak (reserve 8)");
  }

  @Test
  void tasksAlreadyPlacedInTheSubnetAreNotCountedTwice() {
    // Every api task observed in subnet b: a holds none of api's tasks, so a needs api's whole
    // share.
    var snapshot =
        Fixtures.edited(
            "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json",
            t -> {
              var tasks = Fixtures.region(t).with("ecs").putArray("tasks");
              for (int i = 0; i < 20; i++) {
                var task =
                    tasks
                        .addObject()
                        .put("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/production/t" + i)
                        .put("clusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/production")
                        .put("group", "service:api")
                        .put("lastStatus", "RUNNING");
                var att =
                    task.putArray("attachments").addObject().put("type", "ElasticNetworkInterface");
                att.putArray("details")
                    .addObject()
                    .put("name", "subnetId")
                    .put("value", "subnet-private-b");
              }
            });

    List<Finding> findings = CheckRunner.run(check, snapshot);

    assertThat(about(findings, "subnet-private-a").evidence())
        .containsEntry("new IPs at the peak", 22);
    assertThat(about(findings, "subnet-private-b").evidence())
        .containsEntry("new IPs at the peak", 0);
  }

  @Test
  void aSubnetWithoutAFreeCountIsUnknownNotPass() {
    var snapshot =
        Fixtures.edited(
            "SUBNET-IPS/fires-subnet-a-cannot-hold-the-deployment-surge.json",
            t ->
                ((ObjectNode) Fixtures.region(t).get("ec2").get("subnets").get(1))
                    .remove("AvailableIpAddressCount"));

    assertThat(about(CheckRunner.run(check, snapshot), "subnet-private-b").status())
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aHealthyServiceIsQuiet() {
    assertThat(CheckRunner.problems(check, "healthy-two-az-service.json")).isEmpty();
  }

  @Test
  void aParticipantsSubnetTooSmallForItsOwnPeakFailsAndNamesTheOwner() {
    // Shared by 111111111111: 5 free IPs, and the participant's cart alone adds 10 at its peak.
    Finding f =
        about(
            CheckRunner.run(
                check,
                "SUBNET-IPS/fires-participant-shared-subnet-too-small-for-its-own-peak.json"),
            "subnet-shared-a");

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.title()).contains("has 5 free IPs", "need 10", "5 task(s) would fail to start");
    assertThat(f.evidence())
        .containsEntry("owner", "111111111111 (shared with this account)")
        .containsEntry("free IPs left at the peak", -5);
    assertThat(f.remediation().text()).contains("belongs to account 111111111111");
  }

  @Test
  void aParticipantThatCannotSeeWhoElseHoldsTheAddressesIsUnknownNotPass() {
    // /24: 251 usable, 100 free, so 151 in use; the participant's own 10 interfaces explain 10.
    // Its peak (+10) fits, but 141 addresses deploying at 200 % could take all 90 that are left.
    Finding f =
        about(
            CheckRunner.run(
                check, "participant-of-a-shared-subnet-cannot-see-the-other-tenants.json"),
            "subnet-shared-a");

    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title())
        .contains(
            "owned by 111111111111",
            "(+10 of 100 free)",
            "141 addresses are held by accounts whose deployments this scan cannot see");
    assertThat(f.evidence())
        .containsEntry("addresses held by accounts not scanned", 141)
        .containsKey("view");
    assertThat(f.remediation().text())
        .contains("fargate-doctor scan --accounts 111111111111,222222222222 --region us-east-1");
    assertThat(f.remediation().commands())
        .anySatisfy(
            c ->
                assertThat(c)
                    .contains(
                        "describe-network-interfaces --filters Name=subnet-id,Values=subnet-shared-a",
                        "OwnerId"));
  }

  @Test
  void aRoomySharedSubnetPassesEvenIfEveryUnseenAddressWereADeployingTask() {
    // /20: 4,091 usable, 4,000 free: 81 addresses of others, at most +81 at 200 %.
    Finding f =
        about(
            CheckRunner.run(check, "SUBNET-IPS/quiet-participant-in-a-roomy-shared-subnet.json"),
            "subnet-shared-a");

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.title())
        .contains("with 3990 IPs to spare, even if the 81 addresses of accounts not scanned");
  }

  @Test
  void theOwnerSeeingAnotherAccountsInterfacesInItsSubnetKnowsItsViewIsPartial() {
    var snapshot =
        Fixtures.edited(
            "participant-of-a-shared-subnet-cannot-see-the-other-tenants.json",
            t -> {
              ((ObjectNode) Fixtures.region(t).get("ec2").get("subnets").get(0))
                  .put("OwnerId", "222222222222");
              ((ObjectNode) Fixtures.region(t).get("ec2").get("networkInterfaces").get(0))
                  .put("OwnerId", "333333333333");
            });

    Finding f = about(CheckRunner.run(check, snapshot), "subnet-shared-a");

    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat(f.evidence()).containsEntry("owner", "222222222222 (this account)");
    assertThat(f.evidence().get("accounts using it (interfaces)").toString())
        .contains("222222222222: 9 (owner)", "333333333333: 1 (not scanned)");
  }

  @Test
  void aSubnetOfTheAccountsOwnWithOnlyItsOwnInterfacesIsJudgedAsBefore() {
    var snapshot =
        Fixtures.edited(
            "participant-of-a-shared-subnet-cannot-see-the-other-tenants.json",
            t ->
                ((ObjectNode) Fixtures.region(t).get("ec2").get("subnets").get(0))
                    .put("OwnerId", "222222222222"));

    Finding f = about(CheckRunner.run(check, snapshot), "subnet-shared-a");

    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.evidence()).doesNotContainKey("owner");
  }
}
