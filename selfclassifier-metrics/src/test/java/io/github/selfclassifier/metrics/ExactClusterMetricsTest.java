package io.github.selfclassifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusterSummary;
import io.github.selfclassifier.api.metrics.ClusteringReport;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactClusterMetricsTest {
  private final ExactClusterMetrics metrics = new ExactClusterMetrics();

  private static int[][] randomPair(Random random, int n, int classes, int clusters, double keep) {
    int[] truth = new int[n];
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(classes);
      pred[i] = random.nextDouble() < keep ? truth[i] % clusters : random.nextInt(clusters);
    }
    return new int[][] {truth, pred};
  }

  /** Applies a random injective renaming to the label values. */
  private static int[] rename(int[] labels, Random random) {
    Map<Integer, Integer> map = new HashMap<>();
    java.util.Set<Integer> used = new java.util.HashSet<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] =
          map.computeIfAbsent(
              labels[i],
              v -> {
                int w;
                do {
                  w = random.nextInt();
                } while (!used.add(w));
                return w;
              });
    }
    return out;
  }

  @Test
  void scoresDoNotDependOnLabelNames() {
    Random random = new Random(1);
    for (int trial = 0; trial < 30; trial++) {
      int[][] p = randomPair(random, 50 + random.nextInt(3_000), 2 + random.nextInt(30), 2 + random.nextInt(60), 0.5);
      ClusteringScores a = metrics.scores(p[0], p[1], MetricsOptions.defaults());
      ClusteringScores b =
          metrics.scores(rename(p[0], random), rename(p[1], random), MetricsOptions.defaults());
      assertThat(b.nmi()).isCloseTo(a.nmi(), within(1e-12));
      assertThat(b.ami()).isCloseTo(a.ami(), within(1e-12));
      assertThat(b.ari()).isCloseTo(a.ari(), within(1e-12));
      assertThat(b.acc()).isEqualTo(a.acc());
    }
  }

  @Test
  void nmiAmiAriAreSymmetricAndAccIsWhenCountsMatch() {
    Random random = new Random(2);
    for (AverageMethod m : AverageMethod.values()) {
      for (int trial = 0; trial < 10; trial++) {
        int k = 2 + random.nextInt(20);
        int[][] p = randomPair(random, 100 + random.nextInt(2_000), k, k, 0.6);
        assertThat(metrics.nmi(p[1], p[0], m)).isCloseTo(metrics.nmi(p[0], p[1], m), within(1e-12));
        assertThat(metrics.ami(p[1], p[0], m)).isCloseTo(metrics.ami(p[0], p[1], m), within(1e-12));
        assertThat(metrics.ari(p[1], p[0])).isCloseTo(metrics.ari(p[0], p[1]), within(1e-12));
        if (distinct(p[0]) == distinct(p[1])) {
          assertThat(metrics.accuracy(p[1], p[0])).isEqualTo(metrics.accuracy(p[0], p[1]));
        }
      }
    }
  }

  private static long distinct(int[] labels) {
    return java.util.Arrays.stream(labels).distinct().count();
  }

  @Test
  void identicalPartitionsScoreOne() {
    Random random = new Random(3);
    int[][] p = randomPair(random, 5_000, 37, 37, 1.0);
    int[] renamed = rename(p[0], random);
    ClusteringScores s = metrics.scores(p[0], renamed, MetricsOptions.defaults());
    assertThat(s.nmi()).isCloseTo(1.0, within(1e-12));
    assertThat(s.ami()).isCloseTo(1.0, within(1e-12));
    assertThat(s.ari()).isEqualTo(1.0);
    assertThat(s.acc()).isEqualTo(1.0);
  }

  @Test
  void degenerateInputsFollowScikitLearn() {
    // n = 1
    ClusteringScores one = metrics.scores(new int[] {4}, new int[] {9}, MetricsOptions.defaults());
    assertThat(new double[] {one.nmi(), one.ami(), one.ari(), one.acc()}).containsOnly(1.0);
    // one label on both sides
    int[] same = {3, 3, 3, 3};
    ClusteringScores both = metrics.scores(same, new int[] {1, 1, 1, 1}, MetricsOptions.defaults());
    assertThat(new double[] {both.nmi(), both.ami(), both.ari(), both.acc()}).containsOnly(1.0);
    // one label on one side only: no information, no agreement beyond chance
    int[] split = {0, 0, 1, 1};
    for (AverageMethod m : AverageMethod.values()) {
      assertThat(metrics.nmi(same, split, m)).isZero();
      assertThat(metrics.nmi(split, same, m)).isZero();
      assertThat(metrics.ami(same, split, m)).isZero();
    }
    assertThat(metrics.ari(same, split)).isZero();
    // over-clustering: one cluster is matched to the only class, the other takes it by majority
    assertThat(metrics.accuracy(same, split)).isEqualTo(1.0);
    assertThat(metrics.accuracy(split, same)).isEqualTo(0.5); // one cluster matched to one class
  }

  @Test
  void accuracyUsesMajorityForUnmatchedClustersAndPrefersTheBestTie() {
    // classes a=0, b=1; clusters 10, 11, 12. Cluster 10 = 3a, cluster 11 = 3a, cluster 12 = 2b + 1a.
    int[] truth = {0, 0, 0, 0, 0, 0, 1, 1, 0};
    int[] pred = {10, 10, 10, 11, 11, 11, 12, 12, 12};
    // Matched count is 3 + 2 whichever of 10 or 11 takes class 0; the other keeps its majority (3 hits).
    assertThat(metrics.accuracy(truth, pred)).isEqualTo(8.0 / 9.0);
    ClusteringReport report = metrics.report(truth, pred, MetricsOptions.defaults());
    assertThat(report.clusters()).extracting(ClusterSummary::cluster).containsExactly(10, 11, 12);
    assertThat(report.clusters()).filteredOn(c -> !c.matched()).hasSize(1);
    assertThat(report.assignment()).containsEntry(12, 1);
    ClusterSummary c12 = report.clusters().get(2);
    assertThat(c12.size()).isEqualTo(3);
    assertThat(c12.hits()).isEqualTo(2);
    assertThat(c12.purity()).isCloseTo(2.0 / 3.0, within(1e-15));
  }

  /** ACC against a brute force over every cluster-to-class map that the protocol allows. */
  @Test
  void accuracyEqualsBruteForceOfTheProtocol() {
    Random random = new Random(4);
    for (int trial = 0; trial < 300; trial++) {
      int classes = 1 + random.nextInt(5);
      int clusters = 1 + random.nextInt(7);
      int[][] p = randomPair(random, 1 + random.nextInt(40), classes, clusters, 0.4);
      ContingencyTable t = ContingencyTable.of(p[0], p[1]);
      long expected = bruteForceHits(t);
      assertThat(Math.round(metrics.accuracy(p[0], p[1]) * t.n())).as("trial %d", trial).isEqualTo(expected);
    }
  }

  private static long bruteForceHits(ContingencyTable t) {
    int c = t.classes();
    int k = t.clusters();
    int[][] m = new int[k][c];
    t.forEachCell((row, col, count) -> m[col][row] = count);
    if (k <= c) {
      return bestInjection(m, 0, new boolean[c]);
    }
    // over-clustering: maximise matched count first, then the majority hits of the unmatched clusters
    long[] best = {-1, -1};
    enumerateClassToCluster(m, 0, new int[c], new boolean[k], best);
    return best[1];
  }

  private static long bestInjection(int[][] m, int cluster, boolean[] used) {
    if (cluster == m.length) {
      return 0;
    }
    long best = -1;
    for (int cls = 0; cls < used.length; cls++) {
      if (!used[cls]) {
        used[cls] = true;
        best = Math.max(best, m[cluster][cls] + bestInjection(m, cluster + 1, used));
        used[cls] = false;
      }
    }
    return best;
  }

  private static void enumerateClassToCluster(int[][] m, int cls, int[] choice, boolean[] used, long[] best) {
    int c = choice.length;
    if (cls == c) {
      long matched = 0;
      for (int i = 0; i < c; i++) {
        matched += m[choice[i]][i];
      }
      long total = matched;
      for (int k = 0; k < m.length; k++) {
        if (!used[k]) {
          int max = 0;
          for (int v : m[k]) {
            max = Math.max(max, v);
          }
          total += max;
        }
      }
      if (matched > best[0] || (matched == best[0] && total > best[1])) {
        best[0] = matched;
        best[1] = total;
      }
      return;
    }
    for (int k = 0; k < m.length; k++) {
      if (!used[k]) {
        used[k] = true;
        choice[cls] = k;
        enumerateClassToCluster(m, cls + 1, choice, used, best);
        used[k] = false;
      }
    }
  }

  @Test
  void superclassAccuracyMapsBothSidesAfterTheFineMatching() {
    // fine classes 0..3, superclasses: {0,1} -> 100, {2,3} -> 200
    int[] truth = {0, 0, 1, 1, 2, 2, 3, 3};
    int[] pred = {5, 5, 5, 6, 7, 7, 8, 6};
    SuperclassMapping mapping = SuperclassMapping.of(Map.of(0, 100, 1, 100, 2, 200, 3, 200));
    ClusteringScores s =
        metrics.scores(truth, pred, MetricsOptions.builder().optSuperclasses(mapping).build());
    // Matching: 5->0 (2 hits), 6->1 (1), 7->2 (2), 8->3 (1): ACC 6/8. Superclass: cluster 5 holds 0,0,1 (all
    // 100 = super(0)); cluster 6 holds 1 and 3 -> assigned 1 (100): the 3 (200) misses; 7 and 8 all 200.
    assertThat(s.acc()).isEqualTo(6.0 / 8.0);
    assertThat(s.superclassAcc()).hasValue(7.0 / 8.0);

    SuperclassMapping identity = SuperclassMapping.of(Map.of(0, 0, 1, 1, 2, 2, 3, 3));
    assertThat(metrics.scores(truth, pred, MetricsOptions.builder().optSuperclasses(identity).build()).superclassAcc())
        .hasValue(s.acc());

    SuperclassMapping missing = SuperclassMapping.of(Map.of(0, 100, 1, 100, 2, 200));
    assertThatThrownBy(
            () -> metrics.scores(truth, pred, MetricsOptions.builder().optSuperclasses(missing).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fine label 3");
  }

  @Test
  void everyScoreStaysInItsRange() {
    Random random = new Random(6);
    for (int trial = 0; trial < 50; trial++) {
      int[][] p = randomPair(random, 2 + random.nextInt(500), 1 + random.nextInt(20), 1 + random.nextInt(40), random.nextDouble());
      ClusteringScores s = metrics.scores(p[0], p[1], MetricsOptions.defaults());
      assertThat(s.nmi()).isBetween(0.0, 1.0 + 1e-12);
      assertThat(s.ami()).isLessThanOrEqualTo(1.0 + 1e-12);
      assertThat(s.ari()).isBetween(-0.5, 1.0);
      assertThat(s.acc()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
      assertThat(s.n()).isEqualTo(p[0].length);
    }
  }
}
