package dev.fargatedoctor.snapshot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {

  @Test
  void fullCoverageListsEveryActionPerRegionAndIamOnce() {
    Snapshot twoRegions =
        new Snapshot(
            Snapshot.SCHEMA,
            null,
            List.of(
                new RegionSnapshot("us-east-1", null, null, null),
                new RegionSnapshot("eu-west-1", null, null, null)),
            null,
            null);

    List<Coverage> coverage = Fixtures.withFullCoverage(twoRegions).coverage();

    int regional = (int) Fixtures.ALL_ACTIONS.stream().filter(a -> !a.startsWith("iam:")).count();
    assertThat(coverage).hasSize(2 * regional + 1).allMatch(Coverage::collected);
    assertThat(coverage)
        .filteredOn(c -> c.action().equals("iam:GetRole"))
        .extracting(Coverage::region)
        .containsExactly(Coverage.GLOBAL);
    assertThat(coverage)
        .filteredOn(c -> c.action().equals("ec2:DescribeSubnets"))
        .extracting(Coverage::region)
        .containsExactly("us-east-1", "eu-west-1");
  }

  @Test
  void anUnknownFixtureIsNamedInTheError() {
    assertThatThrownBy(() -> Fixtures.snapshot("no-such-fixture.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/fixtures/no-such-fixture.json");
  }
}
