package dev.fargatedoctor.check.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The robust slope: what a leak, a saw-tooth of restarts, noise and outliers do to it. */
class RobustTrendTest {
  private static final int POINTS = 360; // 6 h of 1-minute points

  private static double[] hours() {
    double[] h = new double[POINTS];
    for (int i = 0; i < POINTS; i++) h[i] = i / 60.0;
    return h;
  }

  @Test
  void aNoisyLeakHasItsSlopeAndAHighConcordance() {
    Random rng = new Random(1);
    double[] y = new double[POINTS];
    for (int i = 0; i < POINTS; i++) y[i] = 300 + 50 * (i / 60.0) + rng.nextGaussian() * 10;

    RobustTrend.Fit fit = RobustTrend.fit(hours(), y);

    assertThat(fit.slopePerHour()).isCloseTo(50, within(2.0));
    assertThat(fit.level()).isCloseTo(300 + 50 * 359 / 60.0, within(5.0));
    assertThat(fit.concordance()).isGreaterThan(0.8);
    assertThat(fit.restarts()).isZero();
  }

  @Test
  void aSawToothOfRestartsKeepsTheClimbBetweenThem() {
    double[] y = new double[POINTS];
    for (int i = 0; i < POINTS; i++)
      y[i] = 200 + 100 * ((i % 120) / 60.0); // drops to 200 every 2 h

    RobustTrend.Fit fit = RobustTrend.fit(hours(), y);

    assertThat(fit.restarts()).isEqualTo(2);
    assertThat(fit.slopePerHour()).isCloseTo(100, within(0.01));
    assertThat(RobustTrend.leastSquaresSlope(hours(), y))
        .as("least squares is pulled down by the drops")
        .isLessThan(20);
  }

  @Test
  void noiseAndOutliersOnAFlatLineAreNotATrend() {
    Random rng = new Random(2);
    double[] y = new double[POINTS];
    for (int i = 0; i < POINTS; i++) y[i] = 500 + rng.nextGaussian() * 30 + (i % 50 == 0 ? 400 : 0);

    RobustTrend.Fit fit = RobustTrend.fit(hours(), y);

    assertThat(fit.slopePerHour()).isCloseTo(0, within(3.0));
    assertThat(fit.concordance()).isBetween(0.4, 0.6);
  }

  @Test
  void aFastSawToothOfGarbageCollectionIsNotCutIntoClimbs() {
    double[] y = new double[POINTS];
    for (int i = 0; i < POINTS; i++)
      y[i] = 200 + (i % 11) * 3; // climbs 30 MB and drops every 11 minutes

    RobustTrend.Fit fit = RobustTrend.fit(hours(), y);

    assertThat(fit.restarts()).isZero();
    assertThat(fit.slopePerHour()).isCloseTo(0, within(1.0));
  }

  @Test
  void tooFewPointsGiveNoFit() {
    assertThat(RobustTrend.fit(new double[] {0, 1, 2}, new double[] {1, 2, 3})).isNull();
  }

  @Test
  void theMedianBySelectionAgreesWithSorting() {
    Random rng = new Random(3);
    for (int n = 1; n < 60; n++) {
      double[] xs = new double[n];
      for (int i = 0; i < n; i++) xs[i] = rng.nextInt(20);
      double[] sorted = xs.clone();
      Arrays.sort(sorted);
      double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(RobustTrend.median(xs)).isEqualTo(expected);
    }
  }
}
