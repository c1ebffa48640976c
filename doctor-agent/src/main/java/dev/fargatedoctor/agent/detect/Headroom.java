package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.util.List;

/**
 * The shared rule for "growing toward a limit" (fds, memory): critical at or above {@code
 * highRatio} of the limit; a warning from {@code floorRatio} up when the fitted trend reaches the
 * limit within {@code horizon}. Below the floor nothing fires, however steep: small absolute
 * numbers grow fast at start-up.
 */
final class Headroom {

  record Finding(boolean critical, double ratio, Trend trend, Duration timeToLimit) {}

  private Headroom() {}

  static Finding assess(
      SlidingWindow.Series series,
      long limit,
      double highRatio,
      double floorRatio,
      Duration horizon) {
    List<Long> values = series.values();
    if (limit <= 0 || values.isEmpty()) {
      return null;
    }
    long latest = values.get(values.size() - 1);
    double ratio = (double) latest / limit;
    Trend trend = Trend.of(series.times(), values);
    Duration timeToLimit = trend.growing(values.get(0)) ? trend.timeTo(limit) : null;
    if (ratio >= highRatio) {
      return new Finding(true, ratio, trend, timeToLimit);
    }
    if (ratio >= floorRatio && timeToLimit != null && timeToLimit.compareTo(horizon) <= 0) {
      return new Finding(false, ratio, trend, timeToLimit);
    }
    return null;
  }
}
