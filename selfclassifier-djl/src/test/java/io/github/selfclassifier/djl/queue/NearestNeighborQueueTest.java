package io.github.selfclassifier.djl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NearestNeighborQueueTest {
  private static final String OTHER_ENGINE_OF_PYTORCH = "MXNet";

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void neighboursEqualABruteForceDoubleSearchThatSkipsTheSampleItself(String engine) {
    int capacity = 64;
    int dim = 16;
    Random random = new Random(5);
    float[][] stored = unitRows(random, capacity, dim);
    long[] storedIndices = new long[capacity];
    for (int s = 0; s < capacity; s++) {
      storedIndices[s] = 100 + s;
    }
    int batch = 10;
    float[][] query = unitRows(random, batch, dim);
    long[] queryIndices = new long[batch];
    for (int b = 0; b < batch; b++) {
      queryIndices[b] = 10_000 + b;
    }
    // rows 0, 3 and 7 are samples still in the queue, each its own most similar entry (the same vector)
    for (int b : new int[] {0, 3, 7}) {
      int slot = 8 * b + 2;
      query[b] = stored[slot].clone();
      queryIndices[b] = storedIndices[slot];
    }
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, capacity, dim)) {
      for (int from = 0; from < capacity; from += 16) {
        queue.push(rows(m, Arrays.copyOfRange(stored, from, from + 16)), Arrays.copyOfRange(storedIndices, from, from + 16));
      }
      assertThat(queue.isFull()).isTrue();
      float[] out = queue.replaceWithNeighbors(rows(m, query), queryIndices).toFloatArray();
      for (int b = 0; b < batch; b++) {
        int expectedSlot = bruteForce(query[b], queryIndices[b], stored, storedIndices);
        float[] got = Arrays.copyOfRange(out, b * dim, (b + 1) * dim);
        assertThat(got).as("row %d: slot %d", b, expectedSlot).containsExactly(stored[expectedSlot]);
        assertThat(storedIndices[expectedSlot]).isNotEqualTo(queryIndices[b]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void everyCopyOfTheSampleIsSkippedUnlessTheQueueHoldsNothingElse(String engine) {
    float[] v = {1, 0, 0, 0};
    float[] nearlyV = unit(new float[] {0.99f, 0.1f, 0, 0});
    float[] other = unit(new float[] {0.6f, 0.8f, 0, 0});
    float[] farther = unit(new float[] {0.1f, 0, 1, 0});
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, 5, 4);
        NearestNeighborQueue onlySelf = NearestNeighborQueue.create(m, 2, 4)) {
      // the sample (index 7) twice, as top-1 and top-2: the reference's top-2 rule would return itself
      queue.push(rows(m, new float[][] {farther, v, other, nearlyV, farther}), new long[] {1, 7, 2, 7, 3});
      NDArray out = queue.replaceWithNeighbors(rows(m, new float[][] {v, v}), new long[] {7, 8});
      assertThat(out.get(0).toFloatArray()).as("best other than itself").containsExactly(other);
      assertThat(out.get(1).toFloatArray()).as("another sample may take it").containsExactly(v);

      onlySelf.push(rows(m, new float[][] {other, v}), new long[] {7, 7});
      NDArray self = onlySelf.replaceWithNeighbors(rows(m, new float[][] {v}), new long[] {7});
      assertThat(self.toFloatArray()).as("nothing else to take").containsExactly(v);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void pushesAreFirstInFirstOutAcrossTheWrapAround(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, 5, 2)) {
      queue.push(indexRows(m, 0, 3), new long[] {0, 1, 2});
      assertThat(queue.isFull()).isFalse();
      assertThat(queue.size()).isEqualTo(3);
      assertThat(queue.snapshot().writePosition()).isEqualTo(3);
      queue.push(indexRows(m, 3, 3), new long[] {3, 4, 5});
      assertThat(queue.isFull()).isTrue();
      queue.push(indexRows(m, 6, 3), new long[] {6, 7, 8});
      NearestNeighborQueueState state = queue.snapshot();
      assertThat(state.indices()).containsExactly(5, 6, 7, 8, 4);
      assertThat(state.embeddings()).containsExactly(5, -5, 6, -6, 7, -7, 8, -8, 4, -4);
      assertThat(state.writePosition()).isEqualTo(4);
      assertThat(state.size()).isEqualTo(5);
      queue.push(indexRows(m, 9, 5), new long[] {9, 10, 11, 12, 13});
      assertThat(queue.snapshot().indices()).containsExactly(10, 11, 12, 13, 9);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void snapshotRestoreAndCopiesGiveTheSameNeighbours(String engine) {
    Random random = new Random(9);
    int capacity = 40;
    int dim = 8;
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NDManager elsewhere = Engine.getEngine(OTHER_ENGINE_OF_PYTORCH.equals(engine) ? "PyTorch" : "MXNet").newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, capacity, dim)) {
      for (int step = 0; step < 5; step++) { // 50 rows into 40 slots: wrapped
        long[] idx = new long[10];
        for (int i = 0; i < 10; i++) {
          idx[i] = step * 10L + i;
        }
        queue.push(rows(m, unitRows(random, 10, dim)), idx);
      }
      float[][] query = unitRows(random, 6, dim);
      long[] queryIndices = {12, 20, 33, 45, 49, 1000};
      NearestNeighborQueueState state = queue.snapshot();
      float[] expected = queue.replaceWithNeighbors(rows(m, query), queryIndices).toFloatArray();
      try (NearestNeighborQueue restored = NearestNeighborQueue.restore(m, state);
          NearestNeighborQueue copy = queue.copyTo(m.newSubManager());
          NearestNeighborQueue otherEngine = queue.copyTo(elsewhere)) {
        assertThat(restored.snapshot()).isEqualTo(state);
        assertThat(copy.snapshot()).isEqualTo(state);
        assertThat(otherEngine.snapshot()).isEqualTo(state);
        assertThat(restored.replaceWithNeighbors(rows(m, query), queryIndices).toFloatArray()).containsExactly(expected);
        assertThat(copy.replaceWithNeighbors(rows(m, query), queryIndices).toFloatArray()).containsExactly(expected);
        assertThat(otherEngine.replaceWithNeighbors(rows(elsewhere, query), queryIndices).toFloatArray())
            .containsExactly(expected);
        // the restored queue goes on exactly as the original
        float[][] next = unitRows(random, 10, dim);
        long[] nextIdx = {50, 51, 52, 53, 54, 55, 56, 57, 58, 59};
        queue.push(rows(m, next), nextIdx);
        restored.push(rows(m, next), nextIdx);
        assertThat(restored.snapshot()).isEqualTo(queue.snapshot());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void aQueueThatIsNotFullReturnsTheInputItself(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, 4, 2)) {
      NDArray z = indexRows(m, 1, 3);
      assertThat(queue.replaceWithNeighbors(z, new long[] {1, 2, 3})).isSameAs(z);
      queue.push(z, new long[] {1, 2, 3});
      assertThat(queue.replaceWithNeighbors(z, new long[] {1, 2, 3})).isSameAs(z);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  @SuppressWarnings("try") // the first collector only records the push
  void noGradientFlowsThroughTheQueue(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, 3, 2)) {
      NDArray p = m.create(new float[] {0.6f, 0.8f, 1, 0, 0, 1}, new Shape(3, 2));
      p.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getEngine(engine).newGradientCollector()) {
        NDArray z = p.mul(2);
        // pushed mid-forward, as the reference does; no backward here, so that PyTorch (which accumulates
        // gradients) and MXNet (which overwrites them) give the same gradient below
        queue.push(z, new long[] {0, 1, 2});
      }
      try (GradientCollector collector = Engine.getEngine(engine).newGradientCollector()) {
        NDArray z = p.mul(3);
        NDArray neighbours = queue.replaceWithNeighbors(z, new long[] {5, 6, 7});
        assertThat(neighbours.hasGradient()).isFalse();
        collector.backward(neighbours.mul(2).sum().add(z.sum()));
      }
      assertThat(p.getGradient().toFloatArray()).as("only z's own gradient").containsOnly(3f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void liveArraysDoNotGrowOverManySteps(String engine) {
    Random random = new Random(2);
    try (NDManager queueManager = Engine.getEngine(engine).newBaseManager();
        NDManager stepManager = Engine.getEngine(engine).newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(queueManager, 32, 8)) {
      NDArray z = rows(stepManager, unitRows(random, 8, 8));
      long[] idx = new long[8];
      for (int i = 0; i < 4; i++) {
        queue.push(z, idx);
      }
      int queueArrays = queueManager.getManagedArrays().size();
      int stepArrays = stepManager.getManagedArrays().size();
      for (int step = 0; step < 100; step++) {
        Arrays.fill(idx, step % 3); // hits itself every step: exercises the penalty rounds
        try (NDArray out = queue.replaceWithNeighbors(z, idx)) {
          assertThat(out.getManager()).isSameAs(stepManager);
        }
        queue.push(z, idx);
      }
      assertThat(queueManager.getManagedArrays()).hasSize(queueArrays);
      assertThat(stepManager.getManagedArrays()).hasSize(stepArrays);
    }
  }

  @Test
  void mismatchedShapesAndInconsistentStatesAreRejected() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
        NearestNeighborQueue queue = NearestNeighborQueue.create(m, 4, 2)) {
      assertThatThrownBy(() -> queue.push(m.zeros(new Shape(2, 3)), new long[2])).hasMessageContaining("B x 2");
      assertThatThrownBy(() -> queue.push(m.zeros(new Shape(2, 2)), new long[3])).hasMessageContaining("3 dataset indices");
      assertThatThrownBy(() -> queue.push(m.zeros(new Shape(5, 2)), new long[5])).hasMessageContaining("5 rows into 4");
      assertThatThrownBy(() -> queue.replaceWithNeighbors(m.zeros(new Shape(2)), new long[2]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new NearestNeighborQueueState(2, 2, new float[3], new long[2], 0, 0))
        .hasMessageContaining("capacity * dimension");
    assertThatThrownBy(() -> new NearestNeighborQueueState(2, 2, new float[4], new long[2], 1, 0))
        .hasMessageContaining("writePosition == size");
    assertThatThrownBy(() -> new NearestNeighborQueueState(2, 2, new float[4], new long[2], 2, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new NearestNeighborQueueState(2, 2, new float[4], new long[2], 1, 2).isFull()).isTrue();
  }

  private static int bruteForce(float[] q, long self, float[][] stored, long[] storedIndices) {
    int best = -1;
    double bestSimilarity = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < stored.length; s++) {
      if (storedIndices[s] == self) {
        continue;
      }
      double dot = 0;
      for (int k = 0; k < q.length; k++) {
        dot += (double) q[k] * stored[s][k];
      }
      if (dot > bestSimilarity) {
        bestSimilarity = dot;
        best = s;
      }
    }
    return best;
  }

  private static float[][] unitRows(Random random, int n, int dim) {
    float[][] rows = new float[n][dim];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < dim; k++) {
        rows[i][k] = (float) random.nextGaussian();
      }
      rows[i] = unit(rows[i]);
    }
    return rows;
  }

  private static float[] unit(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    float[] u = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      u[k] = (float) (v[k] / Math.sqrt(s));
    }
    return u;
  }

  private static NDArray rows(NDManager m, float[][] rows) {
    int dim = rows[0].length;
    float[] flat = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * dim, dim);
    }
    return m.create(flat, new Shape(rows.length, dim));
  }

  /** Rows (i, -i) for i = from .. from + n - 1. */
  private static NDArray indexRows(NDManager m, int from, int n) {
    float[] flat = new float[2 * n];
    for (int i = 0; i < n; i++) {
      flat[2 * i] = from + i;
      flat[2 * i + 1] = -(from + i);
    }
    return m.create(flat, new Shape(n, 2));
  }
}
