package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The building blocks' conventions, and where the two engines differ. */
class LayersTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void l2NormalizationDividesByTheNormOrEps(String engine) {
    try (NDManager manager = manager(engine)) {
      NDArray x = manager.create(new float[] {3, 4, 0, 0, 1e-8f, 0}, new Shape(3, 2));
      float[] y = L2Normalization.normalizeRows(x, 1e-7f).toFloatArray();
      // a zero row stays zero (no NaN); a tiny row is divided by eps, not by its norm
      assertThat(y).containsExactly(new float[] {0.6f, 0.8f, 0, 0, 0.1f, 0}, offset(1e-6f));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void truncatedNormalHasTheReferenceSpread(String engine) {
    try (NDManager manager = manager(engine)) {
      NDArray w =
          TimmTruncatedNormalInitializer.std002().initialize(manager, new Shape(200, 500), DataType.FLOAT32);
      double mean = w.mean().getFloat();
      double std = Math.sqrt(w.sub(w.mean()).square().mean().getFloat());
      assertThat(mean).isCloseTo(0, within(5e-4));
      assertThat(std).isCloseTo(0.02, within(4e-4));
      assertThat(ModelTestSupport.maxAbs(w)).isGreaterThan(0.07); // beyond 3 std: no 2-std truncation
    }
  }
}
