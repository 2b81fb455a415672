package io.github.selfclassifier.djl.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Orders predicted clusters for display, best first. With true labels: by accuracy (the share of the cluster's
 * images in its most frequent true class), ties by size (larger first), then by cluster id. Without labels: by
 * size, then by cluster id. Clusters smaller than a minimum size are left out, as the paper's qualitative
 * figure only shows clusters with at least as many images as it samples per row.
 *
 * <p>The paper's script ranks by the share of the class assigned by the Hungarian matching; the majority share
 * used here equals it for matched clusters whose majority class is their assigned class, and does not need
 * the matching.
 */
public final class ClusterRanking {

  private ClusterRanking() {}

  /**
   * Ranks the clusters of a prediction.
   *
   * @param predicted the predicted cluster of every image
   * @param truth the true label of every image, or null when unlabelled
   * @param minSize the smallest cluster size to keep, at least 1
   * @return the kept clusters, best first
   * @throws IllegalArgumentException if the lengths differ, the prediction is empty or {@code minSize < 1}
   */
  public static List<RankedCluster> rank(int[] predicted, int[] truth, int minSize) {
    Objects.requireNonNull(predicted, "predicted");
    if (predicted.length == 0) {
      throw new IllegalArgumentException("no predictions to rank");
    }
    if (truth != null && truth.length != predicted.length) {
      throw new IllegalArgumentException(
          predicted.length + " predictions but " + truth.length + " true labels");
    }
    if (minSize < 1) {
      throw new IllegalArgumentException("minimum cluster size must be at least 1: " + minSize);
    }
    Map<Integer, Integer> sizes = new TreeMap<>();
    Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
    for (int i = 0; i < predicted.length; i++) {
      sizes.merge(predicted[i], 1, Integer::sum);
      if (truth != null) {
        counts.computeIfAbsent(predicted[i], k -> new TreeMap<>()).merge(truth[i], 1, Integer::sum);
      }
    }
    List<RankedCluster> clusters = new ArrayList<>();
    sizes.forEach(
        (cluster, size) -> {
          if (size < minSize) {
            return;
          }
          if (truth == null) {
            clusters.add(new RankedCluster(cluster, size, OptionalInt.empty(), 0));
            return;
          }
          int best = 0;
          int bestLabel = 0;
          for (Map.Entry<Integer, Integer> e : counts.get(cluster).entrySet()) { // labels increasing
            if (e.getValue() > best) {
              best = e.getValue();
              bestLabel = e.getKey();
            }
          }
          clusters.add(new RankedCluster(cluster, size, OptionalInt.of(bestLabel), best));
        });
    Comparator<RankedCluster> bySize = Comparator.comparingInt(RankedCluster::size).reversed();
    Comparator<RankedCluster> byPurity = ClusterRanking::comparePurity;
    Comparator<RankedCluster> order = truth == null ? bySize : byPurity.thenComparing(bySize);
    clusters.sort(order.thenComparingInt(RankedCluster::cluster));
    return clusters;
  }

  private static int comparePurity(RankedCluster a, RankedCluster b) {
    // higher purity first, compared exactly: a.count / a.size vs b.count / b.size, cross-multiplied
    long left = (long) b.majorityCount() * a.size();
    long right = (long) a.majorityCount() * b.size();
    return Long.compare(left, right);
  }
}
