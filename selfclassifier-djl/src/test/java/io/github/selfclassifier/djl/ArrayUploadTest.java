package io.github.selfclassifier.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arrays made from Java values hold exactly those values, with the right type and shape, on both engines.
 * The use-after-free that {@link ArrayUpload} avoids needs a garbage collection at the wrong moment and was
 * seen about once in a thousand copies under a collector running flat out; a unit test cannot provoke it
 * reliably, so this checks the values, types and shapes of the safe path, including under a running collector.
 */
class ArrayUploadTest {

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void valuesTypesAndShapesSurviveTheCopy(String engine) throws Exception {
    Thread collector = new Thread(() -> {
      // collections during the copies, without stopping the world back to back (that made the test take
      // minutes in CI: every direct-buffer allocation waited behind a full GC)
      while (!Thread.currentThread().isInterrupted()) {
        System.gc();
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    collector.setDaemon(true);
    collector.start();
    try (NDManager manager = EngineSelector.select(engine).newBaseManager()) {
      for (int round = 0; round < 50; round++) {
        float[] floats = new float[4096];
        long[] longs = new long[257];
        for (int i = 0; i < floats.length; i++) {
          floats[i] = round * 1e4f + i;
        }
        for (int i = 0; i < longs.length; i++) {
          longs[i] = (1L << 40) + round * 1000L + i;
        }
        try (NDManager m = manager.newSubManager()) {
          NDArray a = ArrayUpload.create(m, floats, new Shape(64, 64));
          assertThat(a.getShape()).isEqualTo(new Shape(64, 64));
          assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
          assertThat(a.toFloatArray()).as("round %d", round).containsExactly(floats);
          NDArray b = ArrayUpload.create(m, longs);
          assertThat(b.getDataType()).isEqualTo(DataType.INT64);
          assertThat(b.toLongArray()).as("round %d", round).containsExactly(longs);
          float[] replacement = floats.clone();
          replacement[0] = -7.5f;
          ArrayUpload.set(a, replacement);
          assertThat(a.toFloatArray()).containsExactly(replacement);
          assertThat(ArrayUpload.scalar(m, 0.1).getDouble()).isEqualTo(0.1);
          assertThat(ArrayUpload.scalar(m, 2.5f).getShape()).isEqualTo(new Shape());
        }
      }
      try (NDManager m = manager.newSubManager()) {
        NDArray small = ArrayUpload.create(m, new float[] {1, 2}, new Shape(2));
        assertThatThrownBy(() -> ArrayUpload.set(small, new float[] {1, 2, 3}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2)").hasMessageContaining("3");
      }
    } finally {
      collector.interrupt();
      collector.join();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void arraysDoNotShareTheStagingBuffer(String engine) {
    try (NDManager manager = EngineSelector.select(engine).newBaseManager()) {
      float[] first = {1, 2, 3, 4, 5, 6};
      NDArray a = ArrayUpload.create(manager, first, new Shape(2, 3));
      NDArray b = ArrayUpload.create(manager, new float[] {-1, -2, -3, -4, -5, -6}, new Shape(3, 2));
      NDArray c = ArrayUpload.create(manager, new long[] {Long.MAX_VALUE, 7}, new Shape(2));
      NDArray d = ArrayUpload.scalar(manager, 0.25);
      // PyTorch wraps the buffer it is given: had the staging buffer not been copied out, every array made
      // on this thread would show the bytes of the last upload
      assertThat(a.toFloatArray()).containsExactly(first);
      assertThat(b.toFloatArray()).containsExactly(-1, -2, -3, -4, -5, -6);
      assertThat(c.toLongArray()).containsExactly(Long.MAX_VALUE, 7);
      b.close();
      assertThat(a.add(a).toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
      assertThat(d.getDouble()).isEqualTo(0.25);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void uploadsLargerThanTheStagingLimitUseAOneOffBuffer(String engine) {
    float[] big = new float[ArrayUpload.STAGING_LIMIT_BYTES / Float.BYTES + 4];
    for (int i = 0; i < big.length; i++) {
      big[i] = i % 1000;
    }
    try (NDManager manager = EngineSelector.select(engine).newBaseManager()) {
      NDArray small = ArrayUpload.create(manager, new float[] {9, 8}, new Shape(2));
      NDArray large = ArrayUpload.create(manager, big, new Shape(big.length / 4, 4));
      assertThat(large.toFloatArray()).isEqualTo(big); // containsExactly is quadratic in AssertJ
      assertThat(small.toFloatArray()).containsExactly(9, 8);
    }
  }
}
