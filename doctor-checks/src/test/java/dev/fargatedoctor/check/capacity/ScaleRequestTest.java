package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaleRequestTest {

  @Test
  void aTimesFactorMultipliesAndRoundsUp() {
    assertThat(ScaleRequest.parse("api=10x").apply(6)).isEqualTo(60);
    assertThat(ScaleRequest.parse("api=1.5x").apply(5)).isEqualTo(8);
    assertThat(ScaleRequest.parse("api=1.5X").apply(4)).isEqualTo(6);
  }

  @Test
  void aSignedNumberAddsOrRemovesTasksAndABareNumberIsTheCount() {
    assertThat(ScaleRequest.parse("api=+40").apply(6)).isEqualTo(46);
    assertThat(ScaleRequest.parse("api=-10").apply(6)).isZero();
    assertThat(ScaleRequest.parse("api=120").apply(6)).isEqualTo(120);
  }

  @Test
  void aClusterNameOrArnMayPrefixTheService() {
    ScaleRequest r = ScaleRequest.parse("production/api=2x");
    assertThat(r.cluster()).isEqualTo("production");
    assertThat(r.service()).isEqualTo("api");
    assertThat(ScaleRequest.parse("arn:aws:ecs:us-east-1:1:cluster/production/api=2x").cluster())
        .isEqualTo("production");
  }

  @Test
  void malformedRequestsAreRefusedWithTheAcceptedForms() {
    assertThatThrownBy(() -> ScaleRequest.parse("api"))
        .hasMessageContaining("expected SERVICE=FACTOR");
    assertThatThrownBy(() -> ScaleRequest.parse("api=ten"))
        .hasMessageContaining("factor 'ten' is none of 10x");
    assertThatThrownBy(() -> ScaleRequest.parse("api=0x")).hasMessageContaining("above 0x");
    assertThatThrownBy(() -> ScaleRequest.parse("=2x"))
        .hasMessageContaining("expected SERVICE=FACTOR");
  }
}
