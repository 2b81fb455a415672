package io.github.selfclassifier.djl.report;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One predicted cluster as {@link ClusterRanking} sees it: its size and, when true labels are known, its most
 * frequent true label.
 *
 * @param cluster the predicted cluster id
 * @param size how many images it holds, at least 1
 * @param majorityClass its most frequent true label (the smallest on ties), or empty when unlabelled
 * @param majorityCount how many of its images carry that label; 0 when unlabelled
 */
public record RankedCluster(int cluster, int size, OptionalInt majorityClass, int majorityCount) {

  /** Checks the counts. */
  public RankedCluster {
    Objects.requireNonNull(majorityClass, "majorityClass");
    if (size < 1 || majorityCount < 0 || majorityCount > size) {
      throw new IllegalArgumentException(
          "cluster " + cluster + ": invalid size " + size + " or majority count " + majorityCount);
    }
    if (majorityClass.isEmpty() && majorityCount != 0) {
      throw new IllegalArgumentException("cluster " + cluster + ": majority count without a majority class");
    }
  }

  /**
   * The cluster's accuracy for the ranking: the share of its images whose true label is its majority label.
   *
   * @return {@code majorityCount / size} in (0, 1], or empty when unlabelled
   */
  public OptionalDouble purity() {
    return majorityClass.isPresent()
        ? OptionalDouble.of((double) majorityCount / size)
        : OptionalDouble.empty();
  }
}
