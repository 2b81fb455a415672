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
}
