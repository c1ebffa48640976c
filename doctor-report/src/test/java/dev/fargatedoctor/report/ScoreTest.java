package dev.fargatedoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {
  private static Diagnosis diagnose(String fixture, Configuration config) {
    return new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, config).run(Fixtures.snapshot(fixture));
  }

  @Test
  void aHealthyAccountScoresOneHundred() {
    Score s = Score.of(diagnose("healthy-two-az-service.json", Configuration.DEFAULTS));
    assertThat(s.value()).isEqualTo(100);
    assertThat(s.grade()).isEqualTo("A");
  }

  @Test
  void aCriticalFindingCostsThirtyPercent() {
    Score s = Score.of(diagnose("execution-role-trusts-ec2.json", Configuration.DEFAULTS));
    assertThat(s.costs()).containsOnlyKeys("EXEC-ROLE-TRUST");
    assertThat(s.value()).isEqualTo(70);
    assertThat(s.grade()).isEqualTo("C");
  }

  @Test
  void aHighFindingCostsFifteenAndAnUnknownCheckThreeMore() {
    assertThat(Score.of(diagnose("subnet-a-routes-to-nat-in-b.json", Configuration.DEFAULTS)).value()).isEqualTo(85);
    assertThat(Score.of(diagnose("execution-role-not-readable.json", Configuration.DEFAULTS)).value()).isEqualTo(97);
  }

  @Test
  void excludedFindingsCostNothing() {
    Configuration excluded = new Configuration(List.of(new Configuration.Exclusion("EXEC-ROLE-TRUST", "api-*",
        "being replaced")), Map.of(), Thresholds.DEFAULTS, "test");
    assertThat(Score.of(diagnose("execution-role-trusts-ec2.json", excluded)).value()).isEqualTo(100);
  }
}
