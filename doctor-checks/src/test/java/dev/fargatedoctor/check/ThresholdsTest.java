package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
  @Test
  void aBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
    Thresholds t = Thresholds.builder().stuckDeploymentMinutes(45).build();

    assertThat(t.stuckDeploymentMinutes()).isEqualTo(45);
    assertThat(t.toBuilder().stuckDeploymentMinutes(30).build()).isEqualTo(Thresholds.DEFAULTS);
  }

  @Test
  void theWholeSetIsValidatedWhenBuilt() {
    assertThatThrownBy(() -> Thresholds.builder().eniWarnPercent(95).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eniWarnPercent (95.0) is above eniCriticalPercent (90.0)");
    assertThatThrownBy(() -> Thresholds.builder().trendWindowHours(0).build())
        .hasMessageContaining("trendWindowHours");
  }
}
