package dev.fargatedoctor.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryGrowthTest {

  private final MemoryGrowth detector =
      new MemoryGrowth(DetectorSettings.defaults()); // window 5 min

  @Test
  void estimatesTimeToOomFromTheTrendAgainstTheTaskLimit() {
    // task: 256 MiB + 32 MiB/min against 512 MiB; at minute 4 it is at 384 MiB, OOM in ~4 min
    List<Warning> last = List.of();
    for (int minute = 0; minute <= 4; minute++) {
      last =
          detector.observe(
              Samples.at().memory("task", 256 + 32L * minute, 512).build(minute * 60L));
    }
    assertThat(last)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.detector()).isEqualTo("memory-growth");
              assertThat(w.key()).isEqualTo("task");
              assertThat(w.message())
                  .contains(
                      "task memory is 384 MiB of its 512 MiB limit (75%)",
                      "growing 32 MiB/min", "estimated OOM kill in about 4 min");
              assertThat(w.evidence())
                  .containsEntry("secondsToOom", 240L)
                  .containsEntry("usedBytes", 384L << 20);
              assertThat(w.fix()).contains("heap dump", "MaxRAMPercentage");
            });
  }

  @Test
  void isCriticalAboveTheRatioEvenWhenFlat() {
    List<Warning> warnings =
        detector.observe(Samples.at().memory("container:app", 470, 512).build(0));
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.severity()).isEqualTo(Warning.Severity.CRITICAL);
              assertThat(w.evidence()).containsEntry("secondsToOom", null);
            });
  }

  @Test
  void staysQuietWhenStableUnlimitedOrSmall() {
    for (int minute = 0; minute <= 4; minute++) {
      assertThat(
              detector.observe(
                  Samples.at()
                      .memory("task", 400, 512) // 78 %, flat
                      .memory("cgroup", 100 + 50L * minute, -1) // growing but unlimited
                      .memory("container:app", 50 + 10L * minute, 2048) // growing from tiny
                      .build(minute * 60L)))
          .isEmpty();
    }
  }

  @Test
  void oldSamplesLeaveTheWindow() {
    // Growth long ago, flat for the last five minutes: the window no longer sees a trend.
    for (int minute = 0; minute <= 3; minute++) {
      detector.observe(Samples.at().memory("task", 100 + 80L * minute, 512).build(minute * 60L));
    }
    List<Warning> warnings = List.of();
    for (int minute = 10; minute <= 16; minute++) {
      warnings = detector.observe(Samples.at().memory("task", 340, 512).build(minute * 60L));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void trendFitIgnoresASingleSpike() {
    Trend trend =
        Trend.of(
            List.of(
                Samples.T0,
                Samples.T0.plusSeconds(60),
                Samples.T0.plusSeconds(120),
                Samples.T0.plusSeconds(180)),
            List.of(100L, 400L, 100L, 100L));
    assertThat(trend.growing(100)).isFalse();
    assertThat(trend.timeTo(1000)).isNull();
  }
}
