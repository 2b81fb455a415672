package io.github.selfclassifier.api.metrics;

/**
 * What the accuracy protocol made of one predicted cluster.
 *
 * @param cluster the predicted label
 * @param size how many samples it holds
 * @param assignedClass the true label the cluster is assigned to (by the matching, or by majority when the
 *     cluster was left unmatched), or {@code Integer.MIN_VALUE} when there is none (see {@code matched})
 * @param hits how many of its samples have the assigned class as their true label
 * @param matched true if the assignment comes from the one-to-one matching, false if the cluster was left
 *     unmatched (more clusters than classes) and took its most frequent class
 * @param majorityClass its most frequent true label (the smallest label on ties)
 * @param majorityCount how many of its samples have that label
 */
public record ClusterSummary(
    int cluster,
    int size,
    int assignedClass,
    int hits,
    boolean matched,
    int majorityClass,
    int majorityCount) {

  /**
   * The cluster's purity: the share of its samples in its most frequent class.
   *
   * @return {@code majorityCount / size}, in (0, 1]
   */
  public double purity() {
    return (double) majorityCount / size;
  }

  /**
   * The cluster's precision under the assignment: the share of its samples whose true label is the assigned
   * class.
   *
   * @return {@code hits / size}, in [0, 1]
   */
  public double precision() {
    return (double) hits / size;
  }
}
