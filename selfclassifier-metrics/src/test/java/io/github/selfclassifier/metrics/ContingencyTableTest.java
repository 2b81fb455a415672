package io.github.selfclassifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ContingencyTableTest {

  @Test
  void countsEqualANaiveMapCountForAnyLabelValues() {
    Random random = new Random(7);
    int[][] valueSets = {
      {0, 1, 2, 3, 4},
      {-5, 17, 1_000_000_000, Integer.MIN_VALUE, Integer.MAX_VALUE},
      {-3, -2, -1}
    };
    for (int[] values : valueSets) {
      int n = 2_000;
      int[] truth = new int[n];
      int[] pred = new int[n];
      for (int i = 0; i < n; i++) {
        truth[i] = values[random.nextInt(values.length)];
        pred[i] = values[random.nextInt(values.length)] ^ (i % 3 == 0 ? 1 : 0);
      }
      ContingencyTable t = ContingencyTable.of(truth, pred);
      Map<Long, Integer> naive = new HashMap<>();
      for (int i = 0; i < n; i++) {
        naive.merge(((long) truth[i] << 32) ^ (pred[i] & 0xffffffffL), 1, Integer::sum);
      }
      TreeSet<Integer> classes = new TreeSet<>();
      TreeSet<Integer> clusters = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        classes.add(truth[i]);
        clusters.add(pred[i]);
      }
      assertThat(t.n()).isEqualTo(n);
      assertThat(t.classes()).isEqualTo(classes.size());
      assertThat(t.clusters()).isEqualTo(clusters.size());
      assertThat(t.nonZeroCells()).isEqualTo(naive.size());
      int c = 0;
      for (int label : classes) {
        assertThat(t.classLabel(c++)).as("classes in increasing label order").isEqualTo(label);
      }
      int k = 0;
      for (int label : clusters) {
        assertThat(t.clusterLabel(k++)).isEqualTo(label);
      }
      int[] total = new int[1];
      t.forEachCell(
          (row, col, count) -> {
            long key = ((long) t.classLabel(row) << 32) ^ (t.clusterLabel(col) & 0xffffffffL);
            assertThat(count).isEqualTo(naive.get(key));
            assertThat(t.count(row, col)).isEqualTo(count);
            total[0] += count;
          });
      assertThat(total[0]).isEqualTo(n);
      for (int row = 0; row < t.classes(); row++) {
        int label = t.classLabel(row);
        long size = java.util.Arrays.stream(truth).filter(v -> v == label).count();
        assertThat(t.classSize(row)).isEqualTo((int) size);
      }
    }
  }

  @Test
  void tenThousandByTenThousandLabelsOnAMillionSamplesStaySparse() {
    int n = 1_000_000;
    int[] truth = new int[n];
    int[] pred = new int[n];
    Random random = new Random(3);
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextInt(10_000) * 100_003; // wide, non-contiguous values
      pred[i] = random.nextInt(10_000) - 5_000;
    }
    ContingencyTable t = ContingencyTable.of(truth, pred);
    assertThat(t.classes()).isEqualTo(10_000);
    assertThat(t.clusters()).isEqualTo(10_000);
    assertThat(t.nonZeroCells()).isLessThanOrEqualTo(n).isGreaterThan(n * 9 / 10);
    assertThat(ExactClusterMetrics.ami(t, io.github.selfclassifier.api.metrics.AverageMethod.ARITHMETIC))
        .isBetween(-0.01, 0.01);
  }

  @Test
  void rejectsEmptyAndMismatchedInputNamingBothLengths() {
    assertThatThrownBy(() -> ContingencyTable.of(new int[3], new int[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truth has 3")
        .hasMessageContaining("predicted has 5");
    assertThatThrownBy(() -> ContingencyTable.of(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-empty");
  }
}
