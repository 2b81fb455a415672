package io.github.selfclassifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

  /** Sparse random counts, dense random penalties; the optimum checked against every injective map. */
  @Test
  void matchesBruteForceOnSmallRectangularProblems() {
    Random random = new Random(11);
    for (int trial = 0; trial < 600; trial++) {
      int rows = 1 + random.nextInt(6);
      int cols = rows + random.nextInt(3);
      int[][] count = new int[rows][cols];
      List<Integer> start = new ArrayList<>();
      List<Integer> col = new ArrayList<>();
      List<Integer> cnt = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        start.add(col.size());
        for (int j = 0; j < cols; j++) {
          if (random.nextInt(3) > 0) {
            // small values force many ties between optimal assignments
            count[i][j] = 1 + random.nextInt(trial % 2 == 0 ? 3 : 50);
            col.add(j);
            cnt.add(count[i][j]);
          }
        }
      }
      start.add(col.size());
      long scale = trial % 3 == 0 ? 1 : 101;
      long[] penalty = null;
      if (trial % 3 != 0) {
        penalty = new long[cols];
        for (int j = 0; j < cols; j++) {
          penalty[j] = random.nextInt(40);
        }
      }
      int[] match =
          LinearAssignment.maximize(
              rows, cols, toArray(start), toArray(col), toArray(cnt), scale, penalty);

      boolean[] used = new boolean[cols];
      long weight = 0;
      for (int i = 0; i < rows; i++) {
        assertThat(used[match[i]]).as("columns are distinct").isFalse();
        used[match[i]] = true;
        weight += weight(count, scale, penalty, i, match[i]);
      }
      long best = bruteForce(count, scale, penalty, 0, new boolean[cols]);
      assertThat(weight).as("trial %d", trial).isEqualTo(best);
    }
  }

  private static long weight(int[][] count, long scale, long[] penalty, int i, int j) {
    return scale * count[i][j] - (penalty == null ? 0 : penalty[j]);
  }

  private static long bruteForce(int[][] count, long scale, long[] penalty, int row, boolean[] used) {
    if (row == count.length) {
      return 0;
    }
    long best = Long.MIN_VALUE;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best =
            Math.max(
                best,
                weight(count, scale, penalty, row, j) + bruteForce(count, scale, penalty, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
