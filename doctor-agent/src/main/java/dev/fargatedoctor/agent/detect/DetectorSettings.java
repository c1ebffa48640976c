package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.util.List;

/**
 * Thresholds for the detectors (all configurable; see docs/agent.md).
 *
 * @param window how much history the detectors look at
 * @param closeWait CLOSE_WAIT sockets per process and peer that count as a pile-up
 * @param synSent stuck SYN_SENT connections per remote endpoint that fire a warning
 * @param synSentMinAge how long a connect must stay in SYN_SENT to count as stuck
 * @param timeWait TIME_WAIT sockets per peer that count as a storm
 * @param fdRatio open fds / soft limit at which the fd warning is critical regardless of trend
 * @param memoryRatio memory used / limit at which the memory warning is critical regardless of
 *     trend
 * @param growthFloor below this share of a limit, growth alone never fires
 * @param horizon growth fires when the limit would be reached within this time
 * @param ephemeralPorts size of the local port range, to express TIME_WAIT as port use
 */
public record DetectorSettings(
    Duration window,
    int closeWait,
    int synSent,
    Duration synSentMinAge,
    int timeWait,
    double fdRatio,
    double memoryRatio,
    double growthFloor,
    Duration horizon,
    int ephemeralPorts) {

  public static DetectorSettings defaults() {
    return new DetectorSettings(
        Duration.ofMinutes(5),
        10,
        1,
        Duration.ofSeconds(5),
        500,
        0.8,
        0.9,
        0.5,
        Duration.ofMinutes(30),
        28232);
  }

  public DetectorSettings {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    if (closeWait < 1 || synSent < 1 || timeWait < 1) {
      throw new IllegalArgumentException("socket thresholds must be at least 1");
    }
    if (!(fdRatio > 0 && fdRatio <= 1)
        || !(memoryRatio > 0 && memoryRatio <= 1)
        || !(growthFloor >= 0 && growthFloor < 1)) {
      throw new IllegalArgumentException("ratios must be in (0, 1]");
    }
    if (ephemeralPorts < 1) {
      throw new IllegalArgumentException("ephemeral port range must be at least 1");
    }
  }

  /** One instance of every detector, fresh state. */
  public List<Detector> newDetectors() {
    return List.of(
        new CloseWaitPileUp(this),
        new SynSentStuck(this),
        new TimeWaitStorm(this),
        new FdGrowth(this),
        new MemoryGrowth(this));
  }
}
