package io.github.selfclassifier.metrics;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusterMetrics;
import io.github.selfclassifier.api.metrics.ClusterSummary;
import io.github.selfclassifier.api.metrics.ClusteringReport;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Exact clustering metrics: NMI, AMI (exact expected mutual information), ARI and the Hungarian-matched
 * accuracy, from one sparse {@link ContingencyTable} built in linear time. Values agree with scikit-learn 1.2
 * and scipy to double rounding, including their conventions for degenerate inputs:
 *
 * <ul>
 *   <li>one label on both sides (including n = 1): NMI = AMI = ARI = 1;
 *   <li>one label on one side only: MI = 0, so NMI = 0, AMI = 0, ARI = 0;
 *   <li>identical partitions (up to renaming): NMI = AMI = ARI = ACC = 1.
 * </ul>
 *
 * Stateless and thread-safe; one instance can be shared.
 */
public final class ExactClusterMetrics implements ClusterMetrics {
  private static final double EPS = Math.ulp(1.0);

  /** Creates the metrics. */
  public ExactClusterMetrics() {}

  @Override
  public double nmi(int[] truth, int[] predicted, AverageMethod average) {
    return nmi(ContingencyTable.of(truth, predicted), average);
  }

  @Override
  public double ami(int[] truth, int[] predicted, AverageMethod average) {
    return ami(ContingencyTable.of(truth, predicted), average);
  }

  @Override
  public double ari(int[] truth, int[] predicted) {
    return ari(ContingencyTable.of(truth, predicted));
  }

  @Override
  public double accuracy(int[] truth, int[] predicted) {
    ContingencyTable t = ContingencyTable.of(truth, predicted);
    return (double) ClusterAssignment.of(t).totalHits / t.n();
  }

  @Override
  public ClusteringScores scores(int[] truth, int[] predicted, MetricsOptions options) {
    ContingencyTable t = ContingencyTable.of(truth, predicted);
    return scores(t, ClusterAssignment.of(t), options);
  }

  @Override
  public ClusteringReport report(int[] truth, int[] predicted, MetricsOptions options) {
    ContingencyTable t = ContingencyTable.of(truth, predicted);
    ClusterAssignment a = ClusterAssignment.of(t);
    List<ClusterSummary> clusters = new ArrayList<>(t.clusters());
    for (int k = 0; k < t.clusters(); k++) {
      clusters.add(
          new ClusterSummary(
              t.clusterLabel(k),
              t.clusterSize(k),
              t.classLabel(a.classOfCluster[k]),
              a.hits[k],
              a.matched[k],
              t.classLabel(a.majorityClass[k]),
              a.majorityCount[k]));
    }
    return new ClusteringReport(scores(t, a, options), clusters);
  }

  /**
   * NMI of a table, as scikit-learn's {@code normalized_mutual_info_score}.
   *
   * @param t the contingency table
   * @param average the averaging of the entropies
   * @return NMI in [0, 1]
   */
  public static double nmi(ContingencyTable t, AverageMethod average) {
    return nmi(t, t.mutualInformation(), average);
  }

  private static double nmi(ContingencyTable t, double mi, AverageMethod average) {
    if (t.classes() == 1 && t.clusters() == 1) {
      return 1.0;
    }
    if (mi == 0.0) {
      return 0.0;
    }
    return mi / average.average(t.classEntropy(), t.clusterEntropy());
  }

  /**
   * AMI of a table, as scikit-learn's {@code adjusted_mutual_info_score}, with the exact expected mutual
   * information.
   *
   * @param t the contingency table
   * @param average the averaging of the entropies
   * @return AMI, at most 1
   */
  public static double ami(ContingencyTable t, AverageMethod average) {
    return ami(t, t.mutualInformation(), average);
  }

  private static double ami(ContingencyTable t, double mi, AverageMethod average) {
    if (t.classes() == 1 && t.clusters() == 1) {
      return 1.0;
    }
    double emi = ExpectedMutualInformation.of(t.classSizes(), t.clusterSizes(), t.n());
    double denominator = average.average(t.classEntropy(), t.clusterEntropy()) - emi;
    // As scikit-learn: keep the sign, avoid 0/0 when the expectation equals the maximum.
    denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
    return (mi - emi) / denominator;
  }

  /**
   * ARI of a table, as scikit-learn's {@code adjusted_rand_score}, from exact pair counts.
   *
   * @param t the contingency table
   * @return ARI in [-0.5, 1]
   */
  public static double ari(ContingencyTable t) {
    long n = t.n();
    long sumSquares = t.sumOfSquaredCounts();
    long tp = sumSquares - n;
    long fp = ContingencyTable.sumOfSquares(t.clusterSizes()) - sumSquares;
    long fn = ContingencyTable.sumOfSquares(t.classSizes()) - sumSquares;
    long tn = n * n - fp - fn - sumSquares;
    if (fn == 0 && fp == 0) {
      return 1.0;
    }
    BigInteger numerator = big(tp).multiply(big(tn)).subtract(big(fn).multiply(big(fp)));
    BigInteger denominator =
        big(tp + fn).multiply(big(fn + tn)).add(big(tp + fp).multiply(big(fp + tn)));
    return 2.0 * numerator.doubleValue() / denominator.doubleValue();
  }

  private static ClusteringScores scores(
      ContingencyTable t, ClusterAssignment a, MetricsOptions options) {
    Objects.requireNonNull(options, "options");
    AverageMethod average = options.averageMethod();
    double mi = t.mutualInformation();
    OptionalDouble superAcc = OptionalDouble.empty();
    if (options.superclasses().isPresent()) {
      SuperclassMapping mapping = options.superclasses().get();
      int[] superOfClass = new int[t.classes()];
      for (int c = 0; c < t.classes(); c++) {
        superOfClass[c] = mapping.superclassOf(t.classLabel(c));
      }
      superAcc = OptionalDouble.of((double) a.superclassHits(t, superOfClass) / t.n());
    }
    return new ClusteringScores(
        t.n(),
        t.classes(),
        t.clusters(),
        average,
        nmi(t, mi, average),
        ami(t, mi, average),
        ari(t),
        (double) a.totalHits / t.n(),
        superAcc);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
