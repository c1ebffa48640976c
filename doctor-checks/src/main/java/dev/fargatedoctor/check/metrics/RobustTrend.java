package dev.fargatedoctor.check.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The steady slope of a series that restarts and is noisy: memory of a leaking service climbs,
 * drops when a task is replaced, and climbs again (a saw-tooth), with noise on top. The series is
 * cut at drops far beyond its point-to-point noise, and the slope is the Theil–Sen estimator over
 * pairs of points within the same piece: the median of their slopes, which ignores outliers and is
 * not pulled down by the drops. Concordance (the share of those pairs that rise) says how steady
 * the rise is.
 */
public final class RobustTrend {
  // Pairs beyond this are sampled evenly: the median of 20,000 slopes estimates the median of all
  // 64,620 pairs of a 6-hour series to well within its noise, at a third of the cost.
  private static final long MAX_PAIRS = 20_000;

  /**
   * @param slopePerHour Theil–Sen slope, in the series' unit per hour
   * @param level the fitted value at the last point (robust "current")
   * @param concordance share of rising pairs among pairs that changed, 0..1
   * @param noise robust spread of the points around the fitted line
   * @param restarts drops the series was cut at
   * @param spanHours hours covered by the pieces the slope was fitted on
   */
  public record Fit(
      double slopePerHour,
      double level,
      double concordance,
      double noise,
      int restarts,
      double spanHours,
      int points) {}

  private RobustTrend() {}

  /** Fits a series of (hours, value) points in time order; null when fewer than 5 points remain. */
  public static Fit fit(double[] hours, double[] values) {
    int n = Math.min(hours.length, values.length);
    if (n < 5) return null;
    double[] diffs = new double[n - 1];
    for (int i = 0; i + 1 < n; i++) diffs[i] = values[i + 1] - values[i];
    double stepNoise = 1.4826 * mad(diffs);
    double range = max(values, n) - min(values, n);
    double drop = Math.max(6 * stepNoise, 0.05 * range);
    List<Integer> drops = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      if (diffs[i] < -drop && drop > 0 && levelShift(values, n, i, drop)) drops.add(i + 1);
    }
    // A restart is rare: a drop with long stretches on both sides. Drops every few minutes are the
    // series' own rhythm (garbage collection, batches), and cutting there would turn each tooth
    // into a climb.
    int minPiece = Math.max(10, n / 18);
    List<int[]> pieces = new ArrayList<>();
    int start = 0;
    for (int d = 0; d < drops.size(); d++) {
      int at = drops.get(d);
      int previous = d == 0 ? 0 : drops.get(d - 1);
      int next = d + 1 == drops.size() ? n : drops.get(d + 1);
      if (at - previous >= minPiece && next - at >= minPiece) {
        pieces.add(new int[] {start, at});
        start = at;
      }
    }
    pieces.add(new int[] {start, n});
    int restarts = pieces.size() - 1;
    pieces.removeIf(p -> p[1] - p[0] < 5);
    if (pieces.isEmpty()) return null;

    long pairs = 0;
    for (int[] p : pieces) pairs += (long) (p[1] - p[0]) * (p[1] - p[0] - 1) / 2;
    int stride = (int) Math.max(1, (pairs + MAX_PAIRS - 1) / MAX_PAIRS);
    double[] slopes = new double[(int) Math.min(pairs, MAX_PAIRS + 1)];
    int count = 0;
    long rising = 0;
    long changed = 0;
    long k = 0;
    double span = 0;
    for (int[] p : pieces) {
      span += hours[p[1] - 1] - hours[p[0]];
      for (int i = p[0]; i < p[1]; i++) {
        // the pairs (i, j) this row contributes to the even sample: every stride-th pair overall
        int skip = (int) ((stride - k % stride) % stride);
        k += p[1] - i - 1;
        for (int j = i + 1 + skip; j < p[1] && count < slopes.length; j += stride) {
          double dt = hours[j] - hours[i];
          if (dt <= 0) continue;
          double dy = values[j] - values[i];
          slopes[count++] = dy / dt;
          if (dy != 0) {
            changed++;
            if (dy > 0) rising++;
          }
        }
      }
    }
    if (count == 0) return null;
    double slope = median(Arrays.copyOf(slopes, count));

    // The level at the last point of the last piece: the median of the points moved along the
    // slope.
    int[] last = pieces.get(pieces.size() - 1);
    double tEnd = hours[last[1] - 1];
    double[] shifted = new double[last[1] - last[0]];
    for (int i = last[0]; i < last[1]; i++)
      shifted[i - last[0]] = values[i] + slope * (tEnd - hours[i]);
    double level = median(shifted);
    double[] residuals = new double[shifted.length];
    for (int i = 0; i < shifted.length; i++) residuals[i] = shifted[i] - level;
    return new Fit(
        slope,
        level,
        changed == 0 ? 0.5 : (double) rising / changed,
        1.4826 * mad(residuals),
        restarts,
        span,
        n);
  }

  // A restart lowers the level for good; a spike comes back down to where it was. Compares the
  // median
  // of a few points before the drop with a few after it.
  private static boolean levelShift(double[] values, int n, int i, double drop) {
    int w = 5;
    double before = median(Arrays.copyOfRange(values, Math.max(0, i - w + 1), i + 1));
    double after = median(Arrays.copyOfRange(values, i + 1, Math.min(n, i + 1 + w)));
    return after < before - drop;
  }

  /** Ordinary least squares slope: the baseline the benchmark compares with. */
  public static double leastSquaresSlope(double[] hours, double[] values) {
    int n = Math.min(hours.length, values.length);
    double mt = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mt += hours[i];
      my += values[i];
    }
    mt /= n;
    my /= n;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (hours[i] - mt) * (values[i] - my);
      den += (hours[i] - mt) * (hours[i] - mt);
    }
    return den == 0 ? 0 : num / den;
  }

  static double mad(double[] xs) {
    if (xs.length == 0) return 0;
    double m = median(xs.clone());
    double[] dev = new double[xs.length];
    for (int i = 0; i < xs.length; i++) dev[i] = Math.abs(xs[i] - m);
    return median(dev);
  }

  /** Median by selection (reorders the array). */
  static double median(double[] xs) {
    int n = xs.length;
    if (n == 0) return Double.NaN;
    double hi = select(xs, n / 2);
    if (n % 2 == 1) return hi;
    double lo = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n / 2; i++) lo = Math.max(lo, xs[i]);
    return (lo + hi) / 2;
  }

  // Hoare's quickselect: afterwards xs[k] is the k-th smallest and everything before it is not
  // larger.
  private static double select(double[] xs, int k) {
    int lo = 0;
    int hi = xs.length - 1;
    while (lo < hi) {
      double pivot = xs[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (xs[i] < pivot) i++;
        while (xs[j] > pivot) j--;
        if (i <= j) {
          double t = xs[i];
          xs[i] = xs[j];
          xs[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break;
    }
    return xs[k];
  }

  private static double max(double[] xs, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) m = Math.max(m, xs[i]);
    return m;
  }

  private static double min(double[] xs, int n) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) m = Math.min(m, xs[i]);
    return m;
  }
}
