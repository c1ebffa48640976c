package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Least-squares growth of a value over a window, and when it reaches a limit at that rate. A fit
 * over the whole window rather than first-to-last keeps one GC or one burst from dominating the
 * estimate.
 */
record Trend(double slopePerSecond, long latest, Duration span, int points) {

  static final int MIN_POINTS = 3;

  static Trend of(List<Instant> times, List<Long> values) {
    int n = times.size();
    if (n == 0) {
      return new Trend(0, 0, Duration.ZERO, 0);
    }
    Instant t0 = times.get(0);
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < n; i++) {
      sumX += seconds(t0, times.get(i));
      sumY += values.get(i);
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double dx = seconds(t0, times.get(i)) - meanX;
      num += dx * (values.get(i) - meanY);
      den += dx * dx;
    }
    double slope = den == 0 ? 0 : num / den;
    return new Trend(slope, values.get(n - 1), Duration.between(t0, times.get(n - 1)), n);
  }

  /** Enough points, net growth, and a positive fitted slope. */
  boolean growing(long first) {
    return points >= MIN_POINTS && slopePerSecond > 0 && latest > first;
  }

  /** Time until the fitted rate reaches the limit from the latest value; null if not growing. */
  Duration timeTo(long limit) {
    if (slopePerSecond <= 0) {
      return null;
    }
    double seconds = Math.max(0, (limit - latest) / slopePerSecond);
    return seconds > 100L * 365 * 24 * 3600 ? null : Duration.ofSeconds((long) seconds);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
