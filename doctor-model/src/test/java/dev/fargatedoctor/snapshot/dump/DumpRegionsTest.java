package dev.fargatedoctor.snapshot.dump;

import static dev.fargatedoctor.snapshot.dump.DumpDirs.ACCOUNT;
import static dev.fargatedoctor.snapshot.dump.DumpDirs.IMPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Coverage.Outcome;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which region dumps belong to, several regions in one directory, and one command in several files.
 */
class DumpRegionsTest {

  @TempDir Path dir;

  @Test
  void regionSubDirectoriesEachBecomeARegionWithTheGlobalDumpsAtTheTop() {
    Snapshot s = DumpDirs.importFixture("multi-region");

    assertThat(s.regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("eu-west-1", "us-east-1");
    assertThat(s.capture().regions()).containsExactly("eu-west-1", "us-east-1");
    RegionSnapshot eu = s.region("eu-west-1").orElseThrow();
    RegionSnapshot us = s.region("us-east-1").orElseThrow();
    assertThat(eu.ec2().subnets())
        .extracting(Subnet::availabilityZone)
        .containsExactly("eu-west-1a", "eu-west-1c");
    assertThat(eu.ec2().vpcs()).hasSize(1);
    assertThat(eu.ecs().clusters()).extracting(Cluster::clusterName).containsExactly("shop-eu");
    assertThat(us.ec2().subnets()).hasSize(3);
    assertThat(us.ec2().vpcs()).isEmpty();
    assertThat(us.ecs().clusters()).extracting(Cluster::clusterName).containsExactly("shop");
    assertThat(s.iam().roles())
        .extracting(Role::roleName)
        .containsExactly("shop-task", "ecsTaskExecutionRole");
    assertThat(s.accountId()).isEqualTo(ACCOUNT);
  }

  @Test
  void coverageIsPerRegionAndTheGlobalStepsAreCountedOnce() {
    Snapshot s = DumpDirs.importFixture("multi-region");

    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("ec2:DescribeVpcs"))
        .extracting(c -> c.region() + " " + c.outcome())
        .containsExactly("eu-west-1 OK", "us-east-1 NOT_COLLECTED");
    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("ec2:DescribeVpcs") && !c.collected())
        .singleElement()
        .extracting(Coverage::message)
        .asString()
        .contains(DumpDirs.fixture("multi-region").resolve("us-east-1").toString());
    assertThat(s.coverage())
        .filteredOn(c -> c.region().equals(Coverage.GLOBAL))
        .extracting(c -> c.action() + " " + c.outcome())
        .containsExactly("iam:GetAccountAuthorizationDetails OK", "sts:GetCallerIdentity OK");
  }

  @Test
  void theSubDirectoryNameWinsOverWhatTheDumpsSay() {
    Path d = dir.resolve("scan");
    DumpDirs.copy("single-region", d.resolve("eu-central-1"), "ec2-describe-subnets.json");

    Snapshot s = IMPORTER.importDirectory(d, "ap-south-1");

    assertThat(s.regions()).extracting(RegionSnapshot::region).containsExactly("eu-central-1");
  }

  @Test
  void aRegionalDumpAtTheTopOfARegionTreeIsAnError() {
    Path d = DumpDirs.copyTree("multi-region", dir.resolve("scan"));
    DumpDirs.copy("single-region", d, "ec2-describe-vpcs.json");

    InvalidInputException e = importFails(d, null);

    assertThat(e.file()).isEqualTo(d.resolve("ec2-describe-vpcs.json").toString());
    assertThat(e).hasMessageContaining("move it into its region's directory");
  }

  @Test
  void aGlobalDumpInsideARegionDirectoryIsAnErrorNotSilentlyDropped() {
    Path d = DumpDirs.copyTree("multi-region", dir.resolve("scan"));
    DumpDirs.copy("labelled", d.resolve("eu-west-1"), "iam-get-role.shop-task.json");

    InvalidInputException e = importFails(d, null);

    assertThat(e.file())
        .isEqualTo(d.resolve("eu-west-1").resolve("iam-get-role.shop-task.json").toString());
    assertThat(e).hasMessageContaining("move it to the top directory");
  }

  @Test
  void aSubDirectoryNotNamedLikeARegionIsAnErrorNotSilentlyIgnored() {
    // a mistyped region would otherwise lose that region's dumps without a word
    Path d = DumpDirs.copyTree("multi-region", dir.resolve("scan"));
    DumpDirs.copy("single-region", d.resolve("us-east"), "ec2-describe-vpcs.json");

    InvalidInputException e = importFails(d, null);

    assertThat(e.file()).isEqualTo(d.resolve("us-east").toString());
    assertThat(e).hasMessageContaining("not a region").hasMessageContaining("us-east-1");
  }

  @Test
  void aFlatDirectoryWithAStraySubDirectoryIsAnErrorToo() {
    Path d = DumpDirs.copy("single-region", dir.resolve("scan"), "ec2-describe-subnets.json");
    DumpDirs.copy("single-region", d.resolve("backup"), "ec2-describe-vpcs.json");

    assertThat(importFails(d, null).file()).isEqualTo(d.resolve("backup").toString());
  }

  @Test
  void hiddenDirectoriesAreNotDumps() {
    Path d = DumpDirs.copy("single-region", dir.resolve("scan"), "ec2-describe-subnets.json");
    DumpDirs.copy("single-region", d.resolve(".cache"), "ec2-describe-vpcs.json");

    Snapshot s = IMPORTER.importDirectory(d, null);

    assertThat(s.regions()).extracting(RegionSnapshot::region).containsExactly("us-east-1");
  }

  @Test
  void labelledFilesOfOneCommandAreMerged() {
    Snapshot s = DumpDirs.importFixture("labelled");
    RegionSnapshot region = s.regions().get(0);

    assertThat(region.region()).isEqualTo("us-east-1");
    assertThat(region.ec2().subnets())
        .extracting(Subnet::subnetId)
        .containsExactlyInAnyOrder(DumpDirs.PUBLIC_A, DumpDirs.PRIVATE_A, DumpDirs.PRIVATE_B);
    assertThat(region.ecs().services())
        .extracting(Service::serviceName)
        .containsExactlyInAnyOrder("web", "worker");
    assertThat(region.ecs().taskDefinitions())
        .extracting(TaskDefinition::family)
        .containsExactlyInAnyOrder("shop-web", "shop-worker");
    assertThat(s.iam().roles())
        .extracting(Role::roleName)
        .containsExactlyInAnyOrder("shop-task", "ecsTaskExecutionRole");
  }

  @Test
  void rolesFromGetRoleDumpsHaveTheirTrustPolicyAsJson() {
    Role task = DumpDirs.importFixture("labelled").iam().role("shop-task").orElseThrow();

    assertThat(task.arn()).isEqualTo("arn:aws:iam::123456789012:role/service/shop-task");
    assertThat(task.assumeRolePolicyDocument().isObject()).isTrue();
    assertThat(task.assumeRolePolicyDocument().at("/Statement/0/Action").asText())
        .isEqualTo("sts:AssumeRole");
    assertThat(task.inlinePolicies()).isEmpty();
  }

  @Test
  void withoutAnStsDumpTheAccountComesFromArnsAndStsIsNotCollected() {
    Snapshot s = DumpDirs.importFixture("labelled");

    assertThat(s.accountId()).isEqualTo(ACCOUNT);
    assertThat(s.capture().callerArn()).isNull();
    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("sts:GetCallerIdentity"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.outcome()).isEqualTo(Outcome.NOT_COLLECTED);
              assertThat(c.message()).contains("`aws sts get-caller-identity --output json`");
            });
    assertThat(s.coverage())
        .filteredOn(c -> c.action().equals("iam:GetRole"))
        .extracting(Coverage::outcome)
        .containsExactly(Outcome.OK);
  }

  @Test
  void withoutSubnetsTheRegionComesFromAnArn() {
    Path d =
        DumpDirs.copy("multi-region/eu-west-1", dir.resolve("eu"), "ecs-describe-clusters.json");

    assertThat(IMPORTER.importDirectory(d, null).regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("eu-west-1");
  }

  @Test
  void whatTheDumpsSayWinsOverTheHint() {
    assertThat(
            IMPORTER.importDirectory(DumpDirs.fixture("single-region"), "eu-central-1").regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("us-east-1");
  }

  @Test
  void theHintIsUsedWhenNoDumpNamesARegion() {
    Path d =
        DumpDirs.copy(
            "single-region",
            dir.resolve("vpcs-only"),
            "ec2-describe-vpcs.json",
            "ec2-describe-security-groups.json");

    Snapshot s = IMPORTER.importDirectory(d, "eu-central-1");

    assertThat(s.regions()).extracting(RegionSnapshot::region).containsExactly("eu-central-1");
    assertThat(s.coverage())
        .filteredOn(c -> !c.region().equals(Coverage.GLOBAL))
        .extracting(Coverage::region)
        .containsOnly("eu-central-1");
  }

  @Test
  void noRegionAndNoHintIsAClearError() {
    Path d = DumpDirs.copy("single-region", dir.resolve("vpcs-only"), "ec2-describe-vpcs.json");

    InvalidInputException e = importFails(d, null);

    assertThat(e)
        .hasMessageStartingWith(d + ": ")
        .hasMessageContaining("cannot tell which region")
        .hasMessageContaining("--region");
  }

  @Test
  void anEmptyDirectoryWithAHintSaysThatNothingWasCollected() {
    Path d = dir.resolve("empty");
    DumpDirs.write(d, "notes.txt", "nothing yet");

    Snapshot s = IMPORTER.importDirectory(d, "us-east-1");

    assertThat(s.regions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ec2().subnets()).isEmpty();
              assertThat(r.ecs().services()).isEmpty();
            });
    assertThat(s.coverage()).isNotEmpty().noneMatch(Coverage::collected);
    assertThat(s.accountId()).isNull();
  }

  @Test
  void aLocalZoneSubnetDoesNotPassForARegion() {
    // describe-subnets lists Local Zone subnets too; their AZ is "us-west-2-lax-1a", not
    // "<region><letter>".
    Path d = dir.resolve("local-zone");
    DumpDirs.write(
        d,
        "ec2-describe-subnets.json",
        """
        {"Subnets": [
          {"SubnetId": "subnet-lax", "VpcId": "vpc-1", "AvailabilityZone": "us-west-2-lax-1a",
           "AvailabilityZoneId": "usw2-lax1-az1", "CidrBlock": "10.0.9.0/24"},
          {"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "us-west-2a",
           "AvailabilityZoneId": "usw2-az1", "CidrBlock": "10.0.1.0/24"}
        ]}
        """);

    assertThat(IMPORTER.importDirectory(d, null).regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("us-west-2");
  }

  private static InvalidInputException importFails(Path d, String hint) {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> IMPORTER.importDirectory(d, hint));
    assertThat(e).as("importing %s should fail", d).isNotNull();
    return e;
  }
}
