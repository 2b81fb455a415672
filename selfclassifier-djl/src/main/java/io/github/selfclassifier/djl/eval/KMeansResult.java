package io.github.selfclassifier.djl.eval;

/**
 * The best of a k-means fit's restarts (lowest inertia).
 *
 * @param labels the cluster of each sample, 0 to k-1; use {@link #labels()} for a copy
 * @param centroids the k cluster means, one row each
 * @param inertia the sum over samples of the squared Euclidean distance to their centroid, in double precision
 * @param iterations the Lloyd iterations of the best restart
 * @param converged whether the best restart stopped because no assignment changed (rather than at the
 *     iteration limit)
 * @param totalIterations the Lloyd iterations of all restarts together
 */
public record KMeansResult(
    int[] labels, FloatMatrix centroids, double inertia, int iterations, boolean converged,
    int totalIterations) {

  /** Copies the labels. */
  public KMeansResult {
    labels = labels.clone();
  }

  /**
   * The cluster of each sample.
   *
   * @return a copy
   */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The number of clusters k.
   *
   * @return k
   */
  public int clusters() {
    return centroids.rows();
  }
}
