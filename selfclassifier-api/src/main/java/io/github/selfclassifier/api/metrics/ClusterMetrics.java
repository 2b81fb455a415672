package io.github.selfclassifier.api.metrics;

/**
 * Scores a clustering (predicted labels) against true labels. Labels are arbitrary {@code int} values: only
 * equality matters, so they may be negative, huge or non-contiguous. Both arrays must be non-empty and of the
 * same length; otherwise every method throws {@link IllegalArgumentException} naming both lengths.
 *
 * <p>The information-theoretic scores use natural logarithms and follow scikit-learn 1.2 exactly, including
 * its conventions for degenerate inputs; the accuracy follows the Self-Classifier paper's protocol.
 */
public interface ClusterMetrics {

  /**
   * Normalised mutual information.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @param average how to average the two entropies
   * @return NMI in [0, 1], as {@link ClusteringScores#nmi()}
   */
  double nmi(int[] truth, int[] predicted, AverageMethod average);

  /**
   * Adjusted mutual information with the exact expected mutual information.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @param average how to average the two entropies
   * @return AMI, at most 1, as {@link ClusteringScores#ami()}
   */
  double ami(int[] truth, int[] predicted, AverageMethod average);

  /**
   * Adjusted Rand index.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @return ARI in [-0.5, 1], as {@link ClusteringScores#ari()}
   */
  double ari(int[] truth, int[] predicted);

  /**
   * Clustering accuracy by maximum-weight matching, as {@link ClusteringScores#acc()}.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @return ACC in (0, 1]
   */
  double accuracy(int[] truth, int[] predicted);

  /**
   * All scores at once, sharing one contingency table.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @param options averaging and optional superclass mapping
   * @return the scores
   * @throws IllegalArgumentException also if a superclass mapping misses a true label
   */
  ClusteringScores scores(int[] truth, int[] predicted, MetricsOptions options);

  /**
   * All scores plus the per-cluster view.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @param options averaging and optional superclass mapping
   * @return the report
   */
  ClusteringReport report(int[] truth, int[] predicted, MetricsOptions options);
}
