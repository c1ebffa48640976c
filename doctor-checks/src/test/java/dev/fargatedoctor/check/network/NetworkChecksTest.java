package dev.fargatedoctor.check.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The route, NAT, network ACL, flow-log and change checks, each on fixtures that fire and keep it
 * quiet.
 */
class NetworkChecksTest {

  @Nested
  class RouteBlackholeCheck {
    private final RouteBlackhole check = new RouteBlackhole();

    @Test
    void aRouteToADeletedNatGatewayThatTheApiStillCallsActiveIsDead() {
      assertThat(
              CheckRunner.problems(
                  check, "ROUTE-BLACKHOLE/fires-route-to-deleted-nat-gateway.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.resource().id()).isEqualTo("rtb-private-a");
                assertThat(f.evidence().get("route 0.0.0.0/0 -> nat-a").toString())
                    .contains("is deleted")
                    .contains("AWS shows such a route as blackhole");
              });
    }

    @Test
    void aBlackholeRouteIsPointedAtTheNatGatewayOfItsAz() {
      assertThat(CheckRunner.problems(check, "ROUTE-BLACKHOLE/fires-blackhole-default-route.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.resource().id()).isEqualTo("rtb-private-b");
                assertThat(f.remediation().commands())
                    .containsExactly(
                        "aws ec2 replace-route --route-table-id rtb-private-b "
                            + "--destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-b --region us-east-1");
              });
    }

    @Test
    void tablesOfTaskSubnetsAndOfTheirNatGatewaysPass() {
      assertThat(CheckRunner.run(check, "private-subnets-each-behind-own-nat.json"))
          .extracting(f -> f.resource().id())
          .containsExactlyInAnyOrder("rtb-private-a", "rtb-public", "rtb-private-b");
    }
  }

  @Nested
  class NatWithoutInternetRouteCheck {
    private final NatWithoutInternetRoute check = new NatWithoutInternetRoute();

    @Test
    void theNatGatewayWhoseSubnetHasNoDefaultRouteFailsAndTheOtherPasses() {
      List<Finding> all =
          CheckRunner.run(check, "NAT-NO-IGW/fires-nat-a-subnet-without-internet-route.json");

      assertThat(all)
          .filteredOn(f -> f.status() == Status.FAIL)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.resource().id()).isEqualTo("nat-a");
                assertThat(f.evidence())
                    .containsEntry("its default route", "none")
                    .containsEntry("its route table", "rtb-nat-a");
                assertThat(f.remediation().commands())
                    .containsExactly(
                        "aws ec2 create-route --route-table-id rtb-nat-a "
                            + "--destination-cidr-block 0.0.0.0/0 --gateway-id igw-1 --region us-east-1");
              });
      assertThat(all)
          .filteredOn(f -> f.resource().id().equals("nat-b"))
          .singleElement()
          .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @Test
    void aDeletedNatGatewayIsLeftToTheBlackholeCheck() {
      assertThat(CheckRunner.run(check, "ROUTE-BLACKHOLE/fires-route-to-deleted-nat-gateway.json"))
          .noneMatch(f -> f.resource().id().equals("nat-a"));
    }
  }

  @Nested
  class NaclReturnBlockedCheck {
    private final NaclReturnBlocked check = new NaclReturnBlocked();

    @Test
    void anAclThatDeniesInboundEphemeralPortsDropsTheReturnTrafficOfBothSubnets() {
      assertThat(
              CheckRunner.problems(
                  check,
                  "NACL-RETURN-BLOCKED/fires-nacl-denies-return-traffic-to-private-subnets.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.resource().id()).isEqualTo("acl-private");
                assertThat(f.title()).contains("drops the return traffic of api");
                assertThat(f.evidence().get("task subnets"))
                    .isEqualTo(List.of("subnet-private-a", "subnet-private-b"));
                assertThat(f.evidence())
                    .containsEntry(
                        "inbound tcp/1024-65535 from 0.0.0.0/0 at subnet-private-a",
                        "rule 90 denies tcp 1024-65535 from 0.0.0.0/0");
                assertThat(f.remediation().commands())
                    .containsExactly(
                        "aws ec2 delete-network-acl-entry --network-acl-id "
                            + "acl-private --ingress --rule-number 90 --region us-east-1");
              });
    }

    @Test
    void allowingOnlyLinuxEphemeralPortsIsPartialAndTheFixAddsTheWholeRangeBeforeTheFinalDeny() {
      assertThat(
              CheckRunner.problems(
                  check, "NACL-RETURN-BLOCKED/fires-nacl-allows-only-linux-ephemeral-ports.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.WARN);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.title()).contains("some connections hang");
                assertThat(f.remediation().commands())
                    .containsExactly(
                        "aws ec2 create-network-acl-entry --network-acl-id "
                            + "acl-private --ingress --rule-number 200 --protocol tcp --port-range From=1024,To=65535 --cidr-block "
                            + "0.0.0.0/0 --rule-action allow --region us-east-1");
              });
    }

    @Test
    void theDefaultAclPasses() {
      assertThat(CheckRunner.run(check, "private-subnets-each-behind-own-nat.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.resource().id()).isEqualTo("acl-default");
              });
    }
  }

  @Nested
  class FlowLogsMissingCheck {
    private final FlowLogsMissing check = new FlowLogsMissing();

    @Test
    void aParticipantThatSeesNoFlowLogOnASharedVpcSaysItCannotKnowNotThatThereIsNone() {
      assertThat(
              CheckRunner.run(
                  check, "participant-of-a-shared-subnet-cannot-see-the-other-tenants.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(dev.fargatedoctor.check.Status.UNKNOWN);
                assertThat(f.title())
                    .contains(
                        "vpc-shared is shared with this account by 111111111111",
                        "a participant cannot see the flow logs");
                assertThat(f.remediation().commands())
                    .singleElement()
                    .satisfies(
                        c ->
                            assertThat(c)
                                .startsWith("aws ec2 describe-flow-logs")
                                .contains("vpc-shared,subnet-shared-a"));
              });
    }

    @Test
    void aVpcWithoutFlowLogsGetsOneWithTheEcsFieldsAndTheRoleItNeeds() {
      assertThat(CheckRunner.problems(check, "FLOWLOGS-MISSING/fires-vpc-without-flow-logs.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.LOW);
                assertThat(f.resource().id()).isEqualTo("vpc-1");
                assertThat(f.remediation().commands()).hasSize(5);
                assertThat(f.remediation().commands().get(2))
                    .startsWith(
                        "FLOW_LOGS_ROLE=$(aws iam create-role --role-name " + "flow-logs-vpc-1")
                    .contains("vpc-flow-logs.amazonaws.com")
                    .contains("\"aws:SourceAccount\":\"123456789012\"");
                assertThat(f.remediation().commands().get(4))
                    .startsWith(
                        "aws ec2 create-flow-logs --resource-type VPC "
                            + "--resource-ids vpc-1 --traffic-type ALL --log-destination-type cloud-watch-logs")
                    .contains("--deliver-logs-permission-arn \"$FLOW_LOGS_ROLE\"")
                    .contains("'${version} ")
                    .contains("${ecs-cluster-name} ${ecs-service-name} ${ecs-task-id}'");
              });
    }

    @Test
    void aFlowLogThatFailsToDeliverCoversNothingAndItsErrorIsShown() {
      assertThat(
              CheckRunner.problems(check, "FLOWLOGS-MISSING/fires-flow-log-delivery-failed.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.title()).contains("fail to deliver: Access error");
                assertThat(f.remediation().text()).contains("delete it once the new one is ACTIVE");
              });
    }

    @Test
    void aSubnetFlowLogCoversOnlyItsSubnet() {
      assertThat(
              CheckRunner.problems(
                  check, "FLOWLOGS-MISSING/fires-flow-log-on-one-of-two-task-subnets.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.title())
                    .isEqualTo("no flow log covers task subnets subnet-private-b of vpc-1");
                assertThat(f.evidence().get("not covered")).isEqualTo(List.of("subnet-private-b"));
              });
    }

    @Test
    void aFlowLogOfAcceptedTrafficOnlyIsAWarning() {
      assertThat(
              CheckRunner.problems(
                  check, "FLOWLOGS-MISSING/fires-flow-log-of-accepted-traffic-only.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.WARN);
                assertThat(f.title()).contains("record only accepted traffic");
              });
    }
  }

  @Nested
  class RecentRouteChangeCheck {
    private final RecentRouteChange check = new RecentRouteChange();

    @Test
    void aReplacedRouteThatNowCrossesAzsIsHighWithWhoWhenAndWhat() {
      assertThat(
              CheckRunner.problems(
                  check,
                  "ROUTE-RECENT-CHANGE/fires-route-replaced-to-nat-in-other-az-this-morning.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.WARN);
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.resource().id()).isEqualTo("rtb-private-a");
                assertThat(f.title())
                    .contains(
                        "changed 4 h 17 min ago by arn:aws:sts::123456789012:assumed-role/"
                            + "NetworkAdmin/sam (ReplaceRoute)");
                assertThat(f.evidence().get("changes").toString())
                    .contains("2026-11-26T07:42:10Z ReplaceRoute")
                    .contains("from 198.51.100.23")
                    .contains("natGatewayId=nat-b");
                assertThat(f.evidence().get("failing now").toString()).contains("AZ_CROSSED");
                assertThat(f.remediation().commands())
                    .containsExactly(
                        "aws cloudtrail lookup-events --lookup-attributes "
                            + "AttributeKey=EventId,AttributeValue=e-replace --region us-east-1");
              });
    }

    @Test
    void changesOlderThan24HoursOrOnOtherResourcesAreNotReported() {
      List<Finding> problems =
          CheckRunner.problems(
              check,
              "ROUTE-RECENT-CHANGE/fires-route-replaced-to-nat-in-other-az-this-morning.json");
      assertThat(problems.toString()).doesNotContain("e-old").doesNotContain("acl-unrelated");
    }

    @Test
    void aChangeOnAHealthyNetworkIsInfoAndAFailedCallIsIgnored() {
      assertThat(
              CheckRunner.problems(
                  check,
                  "ROUTE-RECENT-CHANGE/fires-nacl-entry-added-this-morning-on-healthy-network.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.resource().id()).isEqualTo("acl-default");
                assertThat(f.evidence().get("changes").toString())
                    .contains("ruleNumber=120")
                    .doesNotContain("DeleteNatGateway");
              });
    }

    @Test
    void noChangesIsAPassForTheRegion() {
      assertThat(CheckRunner.run(check, "private-subnets-each-behind-own-nat.json"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.evidence())
                    .containsEntry("window", "2026-11-25T12:00:00Z to 2026-11-26T12:00:00Z");
              });
    }

    @Test
    void lookupEventsThatMotoDoesNotImplementIsUnknownNotNoChanges() {
      Snapshot s =
          Fixtures.snapshot(
              "ROUTE-RECENT-CHANGE/fires-route-replaced-to-nat-in-other-az-this-morning.json");
      List<Coverage> coverage = new ArrayList<>(s.coverage());
      coverage.removeIf(c -> c.action().equals("cloudtrail:LookupEvents"));
      coverage.add(
          new Coverage(
              "us-east-1",
              "cloudtrail:LookupEvents",
              Coverage.Outcome.UNSUPPORTED,
              "CreateRoute",
              "HTTP 500: NotImplementedError",
              3,
              2));
      Snapshot unsupported = new Snapshot(s.schema(), s.capture(), s.regions(), s.iam(), coverage);

      assertThat(CheckRunner.run(check, unsupported))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.status()).isEqualTo(Status.UNKNOWN);
                assertThat(f.title()).contains("cloudtrail:LookupEvents");
              });
    }
  }
}
