package dev.fargatedoctor.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A robust straight line through a series (Theil–Sen: the median of pairwise slopes), for drawing. */
record Trend(double slopePerSecond, double intercept) {
  static Trend of(List<Instant> times, List<Double> values) {
    int n = Math.min(times.size(), values.size());
    if (n < 2) return new Trend(0, n == 1 ? values.get(0) : 0);
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dt = times.get(j).getEpochSecond() - times.get(i).getEpochSecond();
        if (dt != 0) slopes[k++] = (values.get(j) - values.get(i)) / dt;
      }
    }
    double slope = median(Arrays.copyOf(slopes, k));
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) intercepts[i] = values.get(i) - slope * times.get(i).getEpochSecond();
    return new Trend(slope, median(intercepts));
  }

  double valueAt(double epochSecond) {
    return intercept + slopePerSecond * epochSecond;
  }

  private static double median(double[] v) {
    if (v.length == 0) return 0;
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
