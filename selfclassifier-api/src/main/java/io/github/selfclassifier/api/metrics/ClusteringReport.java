package io.github.selfclassifier.api.metrics;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores plus the per-cluster view of an evaluation: for every predicted cluster, its size, the class it was
 * assigned to, its hits and purity.
 *
 * @param scores the scores
 * @param clusters one summary per predicted cluster, in increasing order of the cluster label
 */
public record ClusteringReport(ClusteringScores scores, List<ClusterSummary> clusters) {

  /** Copies the list and checks it has one entry per cluster. */
  public ClusteringReport {
    Objects.requireNonNull(scores, "scores");
    clusters = ImmutableList.copyOf(clusters);
    if (clusters.size() != scores.clusters()) {
      throw new IllegalArgumentException(
          "report has " + clusters.size() + " cluster summaries for " + scores.clusters() + " clusters");
    }
  }

  /**
   * The cluster to class assignment that the accuracy uses.
   *
   * @return predicted label to assigned true label, in increasing order of the predicted label
   */
  public Map<Integer, Integer> assignment() {
    ImmutableMap.Builder<Integer, Integer> b = ImmutableMap.builderWithExpectedSize(clusters.size());
    for (ClusterSummary c : clusters) {
      b.put(c.cluster(), c.assignedClass());
    }
    return b.build();
  }
}
