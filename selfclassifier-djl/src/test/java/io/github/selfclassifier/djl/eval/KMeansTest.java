package io.github.selfclassifier.djl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

  @Test
  void findsScikitLearnsPartitionAndInertiaOnSeparatedBlobs() {
    EvalFixture fixture = new EvalFixture("kmeans_fixture.txt");
    FloatMatrix data = fixture.floatMatrix("data");
    KMeansResult result = KMeans.builder().setClusters(4).optSeed(0).build().fit(data);

    assertSamePartition(result.labels(), fixture.ints("labels"));
    double expected = fixture.scalar("inertia");
    assertThat(result.inertia()).isCloseTo(expected, within(1e-6 * expected));
    assertThat(result.converged()).isTrue();
    assertThat(result.clusters()).isEqualTo(4);
    // centroids are the means of the partition: match scikit-learn's up to the relabelling
    double[][] centres = fixture.matrix("centres");
    int[] ours = result.labels();
    int[] theirs = fixture.ints("labels");
    for (int i = 0; i < ours.length; i++) {
      for (int j = 0; j < data.cols(); j++) {
        assertThat((double) result.centroids().get(ours[i], j))
            .isCloseTo(centres[theirs[i]][j], within(1e-5));
      }
    }
  }

  @Test
  void resultDoesNotDependOnTheThreadCount() {
    FloatMatrix data = new EvalFixture("kmeans_fixture.txt").floatMatrix("data");
    KMeansResult one = KMeans.builder().setClusters(6).optSeed(5).optThreads(1).build().fit(data);
    KMeansResult three = KMeans.builder().setClusters(6).optSeed(5).optThreads(3).build().fit(data);
    assertThat(three.labels()).containsExactly(one.labels());
    assertThat(three.inertia()).isEqualTo(one.inertia());
    assertThat(three.totalIterations()).isEqualTo(one.totalIterations());
  }

  @Test
  void hamerlyBoundsGiveExactlyThePlainLloydIterations() {
    // overlapping Gaussian clusters: many iterations, many samples near boundaries
    SplittableRandom rnd = new SplittableRandom(9);
    float[][] rows = new float[3000][12];
    for (float[] row : rows) {
      int c = rnd.nextInt(6);
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (rnd.nextGaussian() + (j % 6 == c ? 1.5 : 0));
      }
    }
    FloatMatrix data = FloatMatrix.ofRows(rows);
    KMeansResult bounded = KMeans.builder().setClusters(10).optRestarts(3).optSeed(2).build().fit(data);
    KMeansResult plain =
        KMeans.builder().setClusters(10).optRestarts(3).optSeed(2).withoutBounds().build().fit(data);
    assertThat(bounded.totalIterations()).isGreaterThan(30);
    assertThat(bounded.labels()).containsExactly(plain.labels());
    assertThat(bounded.inertia()).isEqualTo(plain.inertia());
    assertThat(bounded.totalIterations()).isEqualTo(plain.totalIterations());
  }

  @Test
  void proportionalSamplingFollowsTheCumulativeWeights() {
    double[] w = {0, 1, 3, 0, 4}; // total 8: index 1 below 1/8, index 2 below 4/8, index 4 above
    assertThat(KMeans.sampleProportional(w, 0.0)).isEqualTo(1);
    assertThat(KMeans.sampleProportional(w, 0.1249)).isEqualTo(1);
    assertThat(KMeans.sampleProportional(w, 0.125)).isEqualTo(2);
    assertThat(KMeans.sampleProportional(w, 0.4999)).isEqualTo(2);
    assertThat(KMeans.sampleProportional(w, 0.5)).isEqualTo(4);
    assertThat(KMeans.sampleProportional(w, Math.nextDown(1.0))).isEqualTo(4);
  }

  @Test
  void kMeansPlusPlusDrawsCentresWithProbabilityProportionalToSquaredDistance() {
    // points 0, 1, 3, 10 on a line; k = 3. P(i, j, l) = 1/4 * d2(j, i) / sum_j' d2(j', i)
    //   * min(d2(l, i), d2(l, j)) / sum_l' min(d2(l', i), d2(l', j))
    double[] p = {0, 1, 3, 10};
    FloatMatrix data = FloatMatrix.ofRows(new float[][] {{0}, {1}, {3}, {10}});
    KMeans kMeans = KMeans.builder().setClusters(3).optThreads(1).build();
    int runs = 60_000;
    Map<String, Integer> counts = new HashMap<>();
    for (int s = 0; s < runs; s++) {
      int[] seeds = kMeans.seedIndices(data, new SplittableRandom(s));
      counts.merge(Arrays.toString(seeds), 1, Integer::sum);
    }
    double totalProbability = 0;
    for (int i = 0; i < 4; i++) {
      double si = 0;
      for (int j = 0; j < 4; j++) {
        si += sq(p[j] - p[i]);
      }
      for (int j = 0; j < 4; j++) {
        if (j == i) {
          continue;
        }
        double sij = 0;
        for (int l = 0; l < 4; l++) {
          sij += Math.min(sq(p[l] - p[i]), sq(p[l] - p[j]));
        }
        for (int l = 0; l < 4; l++) {
          if (l == i || l == j) {
            continue;
          }
          double prob = 0.25 * sq(p[j] - p[i]) / si * Math.min(sq(p[l] - p[i]), sq(p[l] - p[j])) / sij;
          totalProbability += prob;
          double observed = counts.getOrDefault(Arrays.toString(new int[] {i, j, l}), 0) / (double) runs;
          double sigma = Math.sqrt(prob * (1 - prob) / runs);
          assertThat(observed).as("frequency of seeds %d, %d, %d", i, j, l)
              .isCloseTo(prob, within(5 * sigma + 1e-9));
        }
      }
    }
    assertThat(totalProbability).isCloseTo(1.0, within(1e-12));
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(runs);
  }

  @Test
  void duplicatePointsAndMoreClustersThanDistinctPointsStillGiveKNonEmptyClusters() {
    FloatMatrix data = FloatMatrix.ofRows(new float[][] {{1, 1}, {1, 1}, {1, 1}, {5, 5}});
    KMeansResult result = KMeans.builder().setClusters(3).optRestarts(2).build().fit(data);
    assertThat(result.inertia()).isEqualTo(0.0);
    assertThat(Arrays.stream(result.labels()).distinct().count()).isEqualTo(3);
    assertThatThrownBy(() -> KMeans.builder().setClusters(5).build().fit(data))
        .hasMessageContaining("5 clusters").hasMessageContaining("got 4");
    assertThatThrownBy(() -> KMeans.builder().build()).hasMessageContaining("setClusters is required");
  }

  private static double sq(double v) {
    return v * v;
  }

  /** Same partition up to a relabelling: the label mapping is a bijection. */
  static void assertSamePartition(int[] a, int[] b) {
    assertThat(a).hasSameSizeAs(b);
    Map<Integer, Integer> ab = new HashMap<>();
    Map<Integer, Integer> ba = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      ab.putIfAbsent(a[i], b[i]);
      assertThat(ab.get(a[i])).as("sample %d", i).isEqualTo(b[i]);
      ba.putIfAbsent(b[i], a[i]);
      assertThat(ba.get(b[i])).as("sample %d", i).isEqualTo(a[i]);
    }
  }
}
