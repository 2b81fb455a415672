package io.github.selfclassifier.metrics;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The exact expected mutual information of two labelings with fixed class and cluster sizes under the
 * hypergeometric (permutation) model, as in Vinh, Epps and Bailey (JMLR 2010) and scikit-learn's
 * {@code expected_mutual_information}:
 *
 * <pre>
 *   EMI = sum_i sum_j sum_{m = max(1, a_i + b_j - n)}^{min(a_i, b_j)}
 *           (m / n) log(n m / (a_i b_j)) P(m; a_i, b_j, n)
 * </pre>
 *
 * where {@code P} is the hypergeometric probability. Two facts make it fast without approximation:
 *
 * <ul>
 *   <li>the inner sum depends only on the pair of sizes {@code (a, b)}, so it is computed once per pair of
 *       distinct sizes and weighted by how often each size occurs (a labeling of n samples has fewer than
 *       {@code sqrt(2n)} distinct sizes; balanced ones have a handful);
 *   <li>the probabilities follow from their neighbours by the exact ratio {@code P(m+1)/P(m) = (a-m)(b-m) /
 *       ((m+1)(n-a-b+m+1))}: one log-gamma evaluation at the mode, then a product per term, walking down and
 *       up from the mode until a term falls below 2^-100 of the mode's probability (the hypergeometric law
 *       is log-concave, so every later term is smaller still and the cut-off tail is below double rounding).
 * </ul>
 */
final class ExpectedMutualInformation {
  /** Terms whose probability is below this fraction of the mode's are past double precision. */
  private static final double TAIL = 0x1.0p-100;

  private ExpectedMutualInformation() {}

  /**
   * Computes the EMI in nats.
   *
   * @param classSizes the row sums a_i (all positive)
   * @param clusterSizes the column sums b_j (all positive)
   * @param n the number of samples, the sum of either
   * @return the expected mutual information; 0 when either side has a single label
   */
  static double of(int[] classSizes, int[] clusterSizes, int n) {
    if (classSizes.length == 1 || clusterSizes.length == 1) {
      return 0.0;
    }
    int[][] a = sizeHistogram(classSizes);
    int[][] b = sizeHistogram(clusterSizes);
    double logN = Math.log(n);
    double logFactN = logFactorial(n);
    double emi = 0.0;
    for (int x = 0; x < a[0].length; x++) {
      int ai = a[0][x];
      double logFactA = logFactorial(ai) + logFactorial(n - ai);
      for (int y = 0; y < b[0].length; y++) {
        int bj = b[0][y];
        double pairs = (double) a[1][x] * b[1][y];
        emi += pairs * sizePairTerm(ai, bj, n, logN, logFactA + logFactorial(bj) + logFactorial(n - bj) - logFactN);
      }
    }
    return emi;
  }

  /**
   * The inner sum for one pair of sizes.
   *
   * @param logNumerator log(a! (n-a)! b! (n-b)! / n!)
   */
  private static double sizePairTerm(int a, int b, int n, double logN, double logNumerator) {
    int lo = Math.max(1, a + b - n);
    int hi = Math.min(a, b);
    if (lo > hi) {
      return 0.0;
    }
    // The mode of the hypergeometric law, clamped into the summed range.
    int mode = (int) Math.min(hi, Math.max(lo, ((long) a + 1) * ((long) b + 1) / ((long) n + 2)));
    long rest = (long) n - a - b; // n - a - b + m is the fourth cell of the 2x2 table
    double pMode =
        Math.exp(
            logNumerator
                - logFactorial(mode)
                - logFactorial(a - mode)
                - logFactorial(b - mode)
                - logFactorial((int) (rest + mode)));
    double logAb = Math.log(a) + Math.log(b);
    double cut = pMode * TAIL;
    double sum = term(mode, n, logN, logAb, pMode);
    double p = pMode;
    for (int m = mode; m < hi; m++) {
      p *= ((double) (a - m) * (b - m)) / ((double) (m + 1) * (rest + m + 1));
      if (p < cut) {
        break;
      }
      sum += term(m + 1, n, logN, logAb, p);
    }
    p = pMode;
    for (int m = mode; m > lo; m--) {
      p *= ((double) m * (rest + m)) / ((double) (a - m + 1) * (b - m + 1));
      if (p < cut) {
        break;
      }
      sum += term(m - 1, n, logN, logAb, p);
    }
    return sum;
  }

  private static double term(int m, int n, double logN, double logAb, double p) {
    return ((double) m / n) * (logN + Math.log(m) - logAb) * p;
  }

  /** Distinct sizes (row 0, increasing) and how many labels have each (row 1). */
  private static int[][] sizeHistogram(int[] sizes) {
    int[] sorted = sizes.clone();
    Arrays.sort(sorted);
    int[] values = new int[sorted.length];
    int[] counts = new int[sorted.length];
    int k = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        values[++k] = sorted[i];
      }
      counts[k]++;
    }
    return new int[][] {Arrays.copyOf(values, k + 1), Arrays.copyOf(counts, k + 1)};
  }

  private static double logFactorial(int x) {
    return LogGamma.value(x + 1.0);
  }
}
