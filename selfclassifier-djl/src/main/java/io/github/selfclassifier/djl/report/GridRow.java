package io.github.selfclassifier.djl.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a {@link ClusterGrid}: a cluster, the images sampled from it (left to right) and the caption drawn
 * above them.
 *
 * @param cluster the cluster and its statistics
 * @param majorityClassName the name of its majority class, or empty when unlabelled
 * @param samples the dataset indices of the images shown, in display order
 * @param caption the caption text
 */
public record GridRow(
    RankedCluster cluster, Optional<String> majorityClassName, List<Integer> samples, String caption) {

  /** Copies the sample list and requires non-null members. */
  public GridRow {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(majorityClassName, "majorityClassName");
    samples = List.copyOf(samples);
    Objects.requireNonNull(caption, "caption");
  }
}
