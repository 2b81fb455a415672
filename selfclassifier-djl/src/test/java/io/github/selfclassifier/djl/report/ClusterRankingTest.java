package io.github.selfclassifier.djl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link ClusterRanking} on a hand-made assignment whose order is worked out by hand. */
class ClusterRankingTest {
  // cluster: true labels of its images
  //   1: 2 2 2 2          purity 4/4, size 4
  //   2: 4 4              purity 2/2, size 2
  //   3: 1 1 1 2          purity 3/4, size 4
  //   5: 0 0 0 1 1 1      majority tie -> smallest label 0, purity 3/6, size 6
  //   7: 0 0              purity 2/2, size 2
  //   9: 1 1 1 1 1 1 0 0  purity 6/8 (= 3/4), size 8
  private static final int[][] CLUSTERS = {
    {1, 2, 2, 2, 2}, {2, 4, 4}, {3, 1, 1, 1, 2}, {5, 0, 0, 0, 1, 1, 1}, {7, 0, 0}, {9, 1, 1, 1, 1, 1, 1, 0, 0}
  };
  private static final int[] PREDICTED;
  private static final int[] TRUTH;

  static {
    // interleave the clusters so that nothing depends on the images being grouped
    List<int[]> pairs = new ArrayList<>();
    for (int[] c : CLUSTERS) {
      for (int k = 1; k < c.length; k++) {
        pairs.add(new int[] {c[0], c[k]});
      }
    }
    java.util.Collections.shuffle(pairs, new java.util.Random(3));
    PREDICTED = pairs.stream().mapToInt(p -> p[0]).toArray();
    TRUTH = pairs.stream().mapToInt(p -> p[1]).toArray();
  }

  @Test
  void labelledClustersAreOrderedByPurityThenSizeThenId() {
    List<RankedCluster> ranked = ClusterRanking.rank(PREDICTED, TRUTH, 1);
    // purity 1: cluster 1 (size 4), then 2 and 7 (size 2, by id); purity 3/4: 9 (size 8), 3 (size 4); then 5.
    assertThat(ranked).extracting(RankedCluster::cluster).containsExactly(1, 2, 7, 9, 3, 5);
    assertThat(ranked.get(0)).isEqualTo(new RankedCluster(1, 4, OptionalInt.of(2), 4));
    assertThat(ranked.get(5)).isEqualTo(new RankedCluster(5, 6, OptionalInt.of(0), 3));
    assertThat(ranked.get(3).purity()).hasValue(0.75);
  }

  @Test
  void clustersBelowTheMinimumSizeAreLeftOut() {
    assertThat(ClusterRanking.rank(PREDICTED, TRUTH, 3))
        .extracting(RankedCluster::cluster)
        .containsExactly(1, 9, 3, 5);
  }

  @Test
  void unlabelledClustersAreOrderedBySizeThenId() {
    List<RankedCluster> ranked = ClusterRanking.rank(PREDICTED, null, 1);
    assertThat(ranked).extracting(RankedCluster::cluster).containsExactly(9, 5, 1, 3, 2, 7);
    assertThat(ranked.get(0).majorityClass()).isEmpty();
    assertThat(ranked.get(0).purity()).isEmpty();
  }

  @Test
  void mismatchedLengthsAreNamed() {
    assertThatThrownBy(() -> ClusterRanking.rank(new int[] {1, 2, 3}, new int[] {1, 2}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 predictions but 2 true labels");
  }
}
