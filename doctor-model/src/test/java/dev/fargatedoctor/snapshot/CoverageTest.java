package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Coverage.Outcome;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CoverageTest {

  @Test
  void onlyOkAndNotFoundMeanTheDataIsThere() {
    assertThat(EnumSet.allOf(Outcome.class))
        .filteredOn(Outcome::collected)
        .containsExactlyInAnyOrder(Outcome.OK, Outcome.NOT_FOUND);
  }

  @Test
  void okRecordsTheCallsAndRetries() {
    Coverage c = Coverage.ok("us-east-1", "ec2:DescribeSubnets", null, 3, 1);

    assertThat(c)
        .isEqualTo(new Coverage("us-east-1", "ec2:DescribeSubnets", Outcome.OK, null, null, 3, 1));
    assertThat(c.collected()).isTrue();
  }

  @Test
  void aSnapshotNeverHoldsNullListsOrParts() {
    Snapshot s = new Snapshot(Snapshot.SCHEMA, null, null, null, null);
    RegionSnapshot r = new RegionSnapshot("us-east-1", null, null, null);

    assertThat(s.regions()).isEmpty();
    assertThat(s.coverage()).isEmpty();
    assertThat(s.iam().roles()).isEmpty();
    assertThat(s.accountId()).isNull();
    assertThat(s.region("us-east-1")).isEmpty();
    assertThat(r.ec2().subnets()).isEmpty();
    assertThat(r.ecs().services()).isEmpty();
    assertThat(r.quotas()).isEmpty();
  }
}
