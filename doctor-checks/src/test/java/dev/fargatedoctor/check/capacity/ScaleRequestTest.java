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
    assertThat(ScaleRequest.parse("api=-6").apply(6)).isZero();
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

  @Test
  void aPlanBelowZeroTasksIsAnErrorNotAPlanThatFits() {
    assertThatThrownBy(() -> ScaleRequest.parse("api=-999999").apply(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 100000 tasks");
    assertThatThrownBy(() -> ScaleRequest.parse("api=-10").apply(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api runs 6 task(s) now; it cannot lose 10");
  }

  @Test
  void aPlanPastAnyServicesSizeIsAnError() {
    assertThatThrownBy(() -> ScaleRequest.parse("api=100001"))
        .hasMessageContaining("at most 100000 tasks");
    assertThatThrownBy(() -> ScaleRequest.parse("api=99999999999999999999999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 100000 tasks");
    assertThatThrownBy(() -> ScaleRequest.parse("api=1001x")).hasMessageContaining("at most 1000x");
    assertThatThrownBy(() -> ScaleRequest.parse("api=1000x").apply(200))
        .hasMessageContaining("200000 tasks for api is past the 100000");
    assertThat(ScaleRequest.parse("api=1000x").apply(100)).isEqualTo(100_000);
  }
}
