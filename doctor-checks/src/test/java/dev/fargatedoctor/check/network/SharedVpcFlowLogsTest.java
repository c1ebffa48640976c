package dev.fargatedoctor.check.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * FLOWLOGS-MISSING of a participant in a shared VPC, judged in an organisation scan with the flow
 * logs its owner's scan sees: 222222222222 runs tasks in subnet-shared-a of vpc-shared, which
 * 111111111111 owns.
 */
class SharedVpcFlowLogsTest {
  private static final String OWNER = "111111111111";
  private static final String PARTICIPANT = "222222222222";
  private static final String OWNER_FIXTURE =
      "owner-of-a-shared-vpc-with-a-vpc-flow-log-of-all-traffic.json";
  private static final String PARTICIPANT_FIXTURE =
      "participant-of-a-shared-subnet-cannot-see-the-other-tenants.json";

  private static List<VpcFlowLogs> extract(Snapshot s) {
    return VpcFlowLogs.of(new RegionView(s, s.regions().get(0)));
  }

  private static List<VpcFlowLogs> owner(Consumer<ArrayNode> editLogs) {
    return extract(
        Fixtures.edited(
            OWNER_FIXTURE,
            tree ->
                editLogs.accept(
                    (ArrayNode) tree.path("regions").get(0).path("ec2").path("flowLogs"))));
  }

  private static List<Finding> organisation(List<VpcFlowLogs> owner) {
    List<VpcFlowLogs> all = new ArrayList<>(owner);
    all.addAll(extract(Fixtures.snapshot(PARTICIPANT_FIXTURE)));
    return VpcFlowLogs.judgeWithOwners(all);
  }

  @Test
  void eachSideKeepsTheVpcsItCouldShareAndWhatItSeesOfThem() {
    assertThat(extract(Fixtures.snapshot(PARTICIPANT_FIXTURE)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.owners()).isFalse();
              assertThat(v.ownerId()).isEqualTo(OWNER);
              assertThat(v.vpcId()).isEqualTo("vpc-shared");
              assertThat(v.taskSubnets()).containsExactly("subnet-shared-a");
              assertThat(v.logs()).isEmpty();
            });
    // The owner keeps each VPC it owns (which are shared is not in a snapshot), with its logs.
    assertThat(owner(logs -> {}))
        .allSatisfy(v -> assertThat(v.owners()).isTrue())
        .extracting(VpcFlowLogs::vpcId)
        .containsExactlyInAnyOrder("vpc-shared", "vpc-own");
    assertThat(owner(logs -> {}))
        .filteredOn(v -> v.vpcId().equals("vpc-shared"))
        .singleElement()
        .satisfies(
            v -> assertThat(v.logs()).extracting(l -> l.flowLogId()).containsExactly("fl-shared"));
  }

  @Test
  void theOwnersVpcFlowLogOfAllTrafficCoversTheParticipant() {
    assertThat(organisation(owner(logs -> {})))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.account()).isEqualTo(PARTICIPANT);
              assertThat(f.region()).isEqualTo("us-east-1");
              assertThat(f.resource().id()).isEqualTo("vpc-shared");
              assertThat(f.evidence().get("flow logs as the owner " + OWNER + " sees them"))
                  .asString()
                  .contains("fl-shared on vpc-shared: ALL");
            });
  }

  @Test
  void noFlowLogAtTheOwnerFailsWithTheCommandsForTheOwnersAccount() {
    Finding f = organisation(owner(ArrayNode::removeAll)).get(0);

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.account()).isEqualTo(PARTICIPANT);
    assertThat(f.title())
        .isEqualTo("no flow log records the traffic of vpc-shared (owned by " + OWNER + ")");
    assertThat(f.evidence().get("flow logs as the owner " + OWNER + " sees them"))
        .isEqualTo("none");
    assertThat(f.facts()).containsEntry("ownerAccount", OWNER + " (shared with this account)");
    assertThat(f.remediation().text())
        .contains("run these commands in the owner's account, " + OWNER)
        .contains("A participant may instead create flow logs on the network interfaces it owns");
    List<String> commands = f.remediation().commands();
    assertThat(commands.get(2)).contains("\"aws:SourceAccount\":\"" + OWNER + "\"");
    assertThat(commands.get(3))
        .contains("arn:aws:logs:us-east-1:" + OWNER + ":log-group:/aws/vpc/flowlogs/vpc-shared:*");
    assertThat(String.join("\n", commands)).doesNotContain(PARTICIPANT);
    assertThat(commands.get(4)).contains("--resource-type VPC --resource-ids vpc-shared");
  }

  @Test
  void anOwnersFlowLogOfAcceptedTrafficOnlyIsAWarning() {
    Finding f =
        organisation(owner(logs -> ((ObjectNode) logs.get(0)).put("TrafficType", "ACCEPT"))).get(0);

    assertThat(f.status()).isEqualTo(Status.WARN);
    assertThat(f.title()).contains("record only accepted traffic");
    assertThat(f.remediation().text()).contains(OWNER);
  }

  @Test
  void anOwnersFlowLogThatFailsToDeliverCoversNothing() {
    Finding f =
        organisation(
                owner(
                    logs ->
                        ((ObjectNode) logs.get(0))
                            .put("DeliverLogsStatus", "FAILED")
                            .put("DeliverLogsErrorMessage", "Access error")))
            .get(0);

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.title()).contains("fail to deliver: Access error");
  }

  @Test
  void withoutTheOwnersScanTheParticipantStaysUnknown() {
    assertThat(organisation(List.of())).isEmpty();
    assertThat(CheckRunner.run(new FlowLogsMissing(), PARTICIPANT_FIXTURE))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.UNKNOWN));
  }

  @Test
  void anOwnerWhoseFlowLogsCouldNotBeReadJudgesNoOne() {
    Snapshot owner = Fixtures.snapshot(OWNER_FIXTURE);
    List<Coverage> denied =
        owner.coverage().stream()
            .map(
                c ->
                    c.action().equals("ec2:DescribeFlowLogs")
                        ? new Coverage(
                            c.region(),
                            c.action(),
                            Coverage.Outcome.DENIED,
                            null,
                            "AccessDenied",
                            0,
                            0)
                        : c)
            .toList();
    Snapshot unread =
        new Snapshot(owner.schema(), owner.capture(), owner.regions(), owner.iam(), denied);

    assertThat(extract(unread)).isEmpty();
  }

  @Test
  void applyingThePrintedFixInTheOwnersAccountClearsTheParticipantsFinding() {
    Finding before = organisation(owner(ArrayNode::removeAll)).get(0);
    String create =
        before.remediation().commands().stream()
            .filter(c -> c.startsWith("aws ec2 create-flow-logs"))
            .findFirst()
            .orElseThrow();

    // The flow log that command creates, as the owner's DescribeFlowLogs then lists it.
    List<Finding> after =
        organisation(
            owner(
                logs -> {
                  logs.removeAll();
                  logs.addObject()
                      .put("FlowLogId", "fl-new")
                      .put("ResourceId", option(create, "--resource-ids"))
                      .put("TrafficType", option(create, "--traffic-type"))
                      .put("LogDestinationType", option(create, "--log-destination-type"))
                      .put("LogGroupName", option(create, "--log-group-name"))
                      .put("FlowLogStatus", "ACTIVE")
                      .put("DeliverLogsStatus", "SUCCESS");
                }));

    assertThat(before.status()).isEqualTo(Status.FAIL);
    assertThat(after).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  private static String option(String command, String name) {
    Matcher m = Pattern.compile(Pattern.quote(name) + " (\\S+)").matcher(command);
    assertThat(m.find()).as(name + " in " + command).isTrue();
    return m.group(1);
  }
}
