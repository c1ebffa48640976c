package dev.fargatedoctor.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesTest {
  private static final String HEALTHY = "healthy-two-az-service.json";

  private static List<FindingState> findings(Snapshot s) {
    return new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS)
        .run(s).findings().stream()
            .filter(f -> f.status() != Status.PASS)
            .map(FindingState::of)
            .toList();
  }

  private static List<Change> between(Snapshot before, Snapshot after) {
    return Changes.between(before, after, findings(before), findings(after));
  }

  @Test
  void nothingChangedMeansNoLines() {
    Snapshot s = Fixtures.snapshot(HEALTHY);
    assertThat(between(s, s)).isEmpty();
  }

  @Test
  void aReplacedRouteIsOneModifiedRouteAndTheFindingItCausesAppears() {
    List<Change> changes =
        between(Fixtures.snapshot(HEALTHY), Fixtures.edited(HEALTHY, Edits::rogueRoute));

    assertThat(changes)
        .contains(
            new Change(
                "route",
                "modified",
                "us-east-1",
                "rtb-private-a 0.0.0.0/0",
                "nat-a (active)",
                "nat-b (active)"));
    assertThat(changes)
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo("finding");
              assertThat(c.change()).isEqualTo("appeared");
              assertThat(c.resource())
                  .isEqualTo("ROUTE-CROSS-AZ-NAT us-east-1 subnet subnet-private-a");
              assertThat(c.before()).isNull();
              assertThat(c.after()).isEqualTo("FAIL");
              assertThat(c.finding().checkId()).isEqualTo("ROUTE-CROSS-AZ-NAT");
              assertThat(c.finding().severity()).isEqualTo("HIGH");
              assertThat(c.finding().resourceId()).isEqualTo("subnet-private-a");
              assertThat(c.finding().title()).startsWith("default route of subnet-private-a");
            });
  }

  @Test
  void aFixedRouteClearsTheFinding() {
    List<Change> changes =
        between(Fixtures.edited(HEALTHY, Edits::rogueRoute), Fixtures.snapshot(HEALTHY));

    assertThat(changes)
        .anySatisfy(
            c ->
                assertThat(c)
                    .extracting(Change::kind, Change::change, Change::resource)
                    .containsExactly(
                        "finding",
                        "cleared",
                        "ROUTE-CROSS-AZ-NAT us-east-1 subnet subnet-private-a"));
  }

  @Test
  void aChangedTrustPolicyShowsTheDocumentsBeforeAndAfter() {
    List<Change> changes =
        between(Fixtures.snapshot(HEALTHY), Fixtures.edited(HEALTHY, Edits::trustEc2));

    assertThat(changes)
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo("trust-policy");
              assertThat(c.change()).isEqualTo("modified");
              assertThat(c.resource()).isEqualTo("api-execution");
              assertThat(c.before().toString()).contains("ecs-tasks.amazonaws.com");
              assertThat(c.after().toString()).contains("ec2.amazonaws.com");
            });
    assertThat(changes)
        .anySatisfy(
            c -> assertThat(c.resource()).isEqualTo("EXEC-ROLE-TRUST iam-role api-execution"));
  }

  @Test
  void naclEntriesSecurityGroupRulesNatStatesAndQuotasAreCompared() {
    Snapshot before =
        Fixtures.edited(
            HEALTHY,
            t -> {
              ObjectNode acl =
                  Edits.ec2(t).putArray("networkAcls").addObject().put("NetworkAclId", "acl-1");
              acl.putArray("Entries")
                  .addObject()
                  .put("RuleNumber", 100)
                  .put("Protocol", "6")
                  .put("RuleAction", "allow")
                  .put("Egress", false)
                  .put("CidrBlock", "0.0.0.0/0")
                  .putObject("PortRange")
                  .put("From", 1024)
                  .put("To", 65535);
              Edits.ec2(t)
                  .putArray("securityGroups")
                  .addObject()
                  .put("GroupId", "sg-api")
                  .putArray("IpPermissions");
            });
    Snapshot after =
        Fixtures.edited(
            HEALTHY,
            t -> {
              ObjectNode acl =
                  Edits.ec2(t).putArray("networkAcls").addObject().put("NetworkAclId", "acl-1");
              acl.putArray("Entries")
                  .addObject()
                  .put("RuleNumber", 100)
                  .put("Protocol", "6")
                  .put("RuleAction", "deny")
                  .put("Egress", false)
                  .put("CidrBlock", "0.0.0.0/0")
                  .putObject("PortRange")
                  .put("From", 1024)
                  .put("To", 65535);
              ObjectNode perm =
                  Edits.ec2(t)
                      .putArray("securityGroups")
                      .addObject()
                      .put("GroupId", "sg-api")
                      .putArray("IpPermissions")
                      .addObject()
                      .put("IpProtocol", "tcp")
                      .put("FromPort", 8080)
                      .put("ToPort", 8080);
              perm.putArray("IpRanges").addObject().put("CidrIp", "10.0.0.0/16");
              ((ObjectNode) Edits.ec2(t).get("natGateways").get(1)).put("State", "deleted");
              ((ObjectNode) Fixtures.region(t).get("quotas").get(0)).put("Value", 6000.0);
            });

    assertThat(between(before, after))
        .contains(
            new Change(
                "nacl-entry",
                "modified",
                "us-east-1",
                "acl-1 ingress 100",
                "allow protocol 6 ports 1024-65535 " + "0.0.0.0/0",
                "deny protocol 6 ports 1024-65535 0.0.0.0/0"),
            new Change(
                "security-group-rule",
                "added",
                "us-east-1",
                "sg-api",
                null,
                "ingress tcp 8080 10.0.0.0/16"),
            new Change("nat-gateway", "modified", "us-east-1", "nat-b", "available", "deleted"),
            new Change("quota", "modified", "us-east-1", "vpc/L-DF5E4CA3", "5000", "6000"));
  }

  @Test
  void aStateWrittenBeforeFingerprintsComparesByResourceSoAnUpgradeChangesNothing() {
    Snapshot s = Fixtures.edited(HEALTHY, Edits::rogueRoute);
    List<FindingState> now = findings(s);
    assertThat(now).isNotEmpty();
    List<FindingState> legacy =
        now.stream()
            .map(
                f ->
                    new FindingState(
                        f.checkId(),
                        f.severity(),
                        f.status(),
                        null,
                        f.region(),
                        f.resourceType(),
                        f.resourceId(),
                        f.title(),
                        null))
            .toList();
    assertThat(Changes.between(s, s, legacy, now)).isEmpty();
  }
}
