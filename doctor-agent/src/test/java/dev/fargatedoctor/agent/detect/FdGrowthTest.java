package dev.fargatedoctor.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FdGrowthTest {

  private final FdGrowth detector =
      new FdGrowth(DetectorSettings.defaults()); // critical 80 %, floor 50 %, 30 min

  private static Sample fds(long second, long limit, int open) {
    return Samples.at().process(7, "node", limit, open, open - 20).build(second);
  }

  @Test
  void firesWhenGrowthReachesTheLimitWithinTheHorizon() {
    // 1024 limit, +30 fds per minute from 600: at 750 after 5 minutes, limit in ~9 min
    List<Warning> last = List.of();
    for (int minute = 0; minute <= 5; minute++) {
      last = detector.observe(fds(minute * 60L, 1024, 600 + 30 * minute));
    }
    assertThat(last)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.detector()).isEqualTo("fd-growth");
              assertThat(w.severity()).isEqualTo(Warning.Severity.WARNING);
              assertThat(w.message())
                  .contains(
                      "pid 7 (node) has 750 open fds of its limit of 1024 (73%",
                      "730 of them sockets", "growing 30/min", "limit is reached in about 9 min");
              assertThat(w.evidence())
                  .containsEntry("secondsToLimit", 548L)
                  .containsEntry("openFdsAtWindowStart", 600L);
              assertThat(w.fix()).contains("close", "sockets");
            });
  }

  @Test
  void isCriticalNearTheLimitEvenWhenFlat() {
    detector.observe(fds(0, 1024, 900));
    assertThat(detector.observe(fds(10, 1024, 900)))
        .singleElement()
        .satisfies(w -> assertThat(w.severity()).isEqualTo(Warning.Severity.CRITICAL));
  }

  @Test
  void staysQuietWhenFlatOrFarFromTheLimitOrUnlimited() {
    for (int minute = 0; minute <= 5; minute++) {
      assertThat(detector.observe(fds(minute * 60L, 1024, 700))).isEmpty(); // 68 %, flat
    }
    FdGrowth fresh = new FdGrowth(DetectorSettings.defaults());
    for (int minute = 0; minute <= 5; minute++) {
      assertThat(fresh.observe(fds(minute * 60L, 65535, 100 + 500 * minute)))
          .isEmpty(); // steep, but 4 %
    }
    FdGrowth unlimited = new FdGrowth(DetectorSettings.defaults());
    for (int minute = 0; minute <= 5; minute++) {
      assertThat(unlimited.observe(fds(minute * 60L, -1, 100_000 + 500 * minute))).isEmpty();
    }
  }

  @Test
  void slowGrowthBeyondTheHorizonDoesNotFire() {
    // +1 fd per minute at 60 %: the limit is ~6 h away
    for (int minute = 0; minute <= 5; minute++) {
      assertThat(detector.observe(fds(minute * 60L, 1024, 614 + minute))).isEmpty();
    }
  }
}
