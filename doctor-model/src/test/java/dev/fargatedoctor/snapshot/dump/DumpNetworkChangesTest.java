package dev.fargatedoctor.snapshot.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudTrail lookup-events and prefix-list dumps (hand-written in the CLI's shape, see
 * dumps/README.md).
 */
class DumpNetworkChangesTest {
  private final Snapshot snapshot =
      DumpDirs.IMPORTER.importDirectory(DumpDirs.fixture("network-changes"), "us-east-1");
  private final RegionSnapshot region = snapshot.regions().get(0);

  @TempDir Path dir;

  @Test
  void lookupEventsDumpsOfEveryLabelAreReadOnceEach() {
    assertThat(region.cloudTrail())
        .extracting(CloudTrailEvent::eventName)
        .containsExactlyInAnyOrder("CreateNetworkAclEntry", "ReplaceRoute");
  }

  @Test
  void eventsOfOtherNamesAreNotKept() {
    assertThat(region.cloudTrail())
        .extracting(CloudTrailEvent::eventName)
        .doesNotContain("AssumeRole");
  }

  @Test
  void theEmbeddedEventIsParsedAndSaysWhoChangedWhatFromWhere() {
    CloudTrailEvent replace = event("ReplaceRoute");
    assertThat(replace.eventTime()).isEqualTo(Instant.parse("2026-11-26T07:42:10Z"));
    assertThat(replace.who())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/NetworkAdmin/network-admin-session");
    assertThat(replace.sourceIpAddress()).isEqualTo("198.51.100.23");
    assertThat(replace.requestParameters().get("natGatewayId").asText()).isEqualTo("nat-b");
    assertThat(
            replace
                .cloudTrailEvent()
                .path("userIdentity")
                .path("sessionContext")
                .path("sessionIssuer")
                .path("arn")
                .asText())
        .isEqualTo("arn:aws:iam::123456789012:role/NetworkAdmin");
  }

  @Test
  void epochSecondEventTimesAreReadToo() {
    assertThat(event("CreateNetworkAclEntry").eventTime())
        .isEqualTo(Instant.parse("2026-11-26T05:05:00Z"));
  }

  @Test
  void noAccessKeyIdSessionAttributeOrResponseElementReachesTheSnapshot() throws Exception {
    Path saved = dir.resolve("s.json");
    SnapshotFiles.write(snapshot, saved);
    String json = Files.readString(saved);

    assertThat(json)
        .contains("ReplaceRoute", "rtb-private-a", "jordan")
        .doesNotContain(
            "AKIA-FAKE",
            "ASIA-FAKE",
            "accessKeyId",
            "AccessKeyId",
            "responseElements",
            "mfaAuthenticated",
            "FAKE-SESSION-TOKEN");
  }

  @Test
  void aSavedSnapshotReadsBackTheSameEvents() throws Exception {
    Path saved = dir.resolve("s.json.gz");
    SnapshotFiles.write(snapshot, saved);

    assertThat(SnapshotFiles.read(saved).regions().get(0).cloudTrail())
        .isEqualTo(region.cloudTrail());
  }

  @Test
  void prefixListsKeepTheirCidrs() {
    assertThat(region.ec2().prefixLists())
        .extracting(PrefixList::prefixListName)
        .containsExactly("com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb");
    assertThat(region.ec2().prefixLists().get(0).cidrs())
        .containsExactly("54.231.0.0/16", "52.216.0.0/15");
  }

  @Test
  void bothCommandsCountAsCollectedAndTheirAbsenceAsNotCollected() {
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.action().equals("cloudtrail:LookupEvents"))
        .singleElement()
        .extracting(Coverage::outcome)
        .isEqualTo(Coverage.Outcome.OK);
    assertThat(snapshot.coverage())
        .filteredOn(c -> c.action().equals("ec2:DescribePrefixLists"))
        .singleElement()
        .extracting(Coverage::outcome)
        .isEqualTo(Coverage.Outcome.OK);
    Snapshot without = DumpDirs.importFixture("single-region");
    assertThat(without.coverage())
        .filteredOn(c -> c.action().equals("cloudtrail:LookupEvents"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.outcome()).isEqualTo(Coverage.Outcome.NOT_COLLECTED);
              assertThat(c.message())
                  .contains("cloudtrail-lookup-events.json", "aws cloudtrail lookup-events");
            });
  }

  @Test
  void aBrokenEmbeddedEventIsBadInputNamingTheFile() {
    DumpDirs.write(
        dir,
        "cloudtrail-lookup-events.json",
        "{\"Events\": [{\"EventName\": \"ReplaceRoute\",\n"
            + "  \"CloudTrailEvent\": \"{not json\"}]}");

    var thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> DumpDirs.IMPORTER.importDirectory(dir, "us-east-1"));

    assertThat(thrown)
        .isInstanceOf(dev.fargatedoctor.snapshot.InvalidInputException.class)
        .hasMessageContaining("cloudtrail-lookup-events.json")
        .hasMessageContaining("CloudTrailEvent");
  }

  private CloudTrailEvent event(String name) {
    return region.cloudTrail().stream()
        .filter(e -> e.eventName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static String json(Object o) throws Exception {
    return SnapshotJson.mapper().writeValueAsString(o);
  }
}
