package io.github.selfclassifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectedMutualInformationTest {

  /**
   * The textbook triple sum over every class, cluster and cell value (scikit-learn's loop), with log
   * factorials from a running sum of logs: independent of the grouping, the ratio walk and the log-gamma
   * library.
   */
  private static double naive(int[] a, int[] b, int n) {
    double[] logFact = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      logFact[i] = logFact[i - 1] + Math.log(i);
    }
    double emi = 0;
    for (int ai : a) {
      for (int bj : b) {
        for (int m = Math.max(1, ai + bj - n); m <= Math.min(ai, bj); m++) {
          double logP =
              logFact[ai] + logFact[bj] + logFact[n - ai] + logFact[n - bj] - logFact[n] - logFact[m]
                  - logFact[ai - m] - logFact[bj - m] - logFact[n - ai - bj + m];
          emi += (double) m / n * Math.log((double) n * m / ((double) ai * bj)) * Math.exp(logP);
        }
      }
    }
    return emi;
  }

  private static int[] randomSizes(Random random, int parts, int n) {
    int[] sizes = new int[parts];
    for (int i = 0; i < parts; i++) {
      sizes[i] = 1;
    }
    for (int left = n - parts; left > 0; left--) {
      // skewed: low indices grow faster
      sizes[random.nextInt(1 + random.nextInt(parts))]++;
    }
    return sizes;
  }

  @Test
  void equalsTheTextbookTripleSum() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + random.nextInt(trial < 150 ? 60 : 3_000);
      int rows = 2 + random.nextInt(Math.min(n - 1, 40));
      int cols = 2 + random.nextInt(Math.min(n - 1, 40));
      rows = Math.min(rows, n);
      cols = Math.min(cols, n);
      int[] a = randomSizes(random, rows, n);
      int[] b = randomSizes(random, cols, n);
      double expected = naive(a, b, n);
      assertThat(ExpectedMutualInformation.of(a, b, n))
          .as("trial %d n=%d", trial, n)
          .isCloseTo(expected, within(1e-12 + 1e-10 * Math.abs(expected)));
    }
  }

  @Test
  void singletonsOnBothSidesGiveLogN() {
    // every a_i = b_j = 1: EMI = n^2 * (1/n) * log(n) * (1/n) = log n
    int n = 500;
    int[] ones = new int[n];
    java.util.Arrays.fill(ones, 1);
    assertThat(ExpectedMutualInformation.of(ones, ones, n)).isCloseTo(Math.log(n), within(1e-12));
  }

  @Test
  void oneLabelOnEitherSideGivesZero() {
    assertThat(ExpectedMutualInformation.of(new int[] {10}, new int[] {3, 7}, 10)).isZero();
    assertThat(ExpectedMutualInformation.of(new int[] {3, 7}, new int[] {10}, 10)).isZero();
  }
}
