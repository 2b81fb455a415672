package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The building blocks' conventions, and where the two engines differ. */
class LayersTest {

  /**
   * BatchNorm keeps PyTorch's running-mean convention on both engines: 0.9 * old + 0.1 * batch mean. The
   * running variance differs: PyTorch folds in the unbiased batch variance, MXNet the biased one; and MXNet
   * writes the statistics in the backward pass, PyTorch in the forward pass.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void batchNormRunningStatistics(String engine) {
    try (NDManager manager = manager(engine)) {
      BatchNorm bn = Layers.batchNorm();
      Shape shape = new Shape(4, 2);
      ParameterStore ps = initialize(bn, manager, shape);
      // column 0: 1, 2, 3, 6 (mean 3, biased variance 3.5, unbiased 14/3)
      NDArray x = manager.create(new float[] {1, 10, 2, 20, 3, 30, 6, 40}, shape);
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDArray y = bn.forward(ps, new NDList(x), true).head();
        float[] normalised = y.toFloatArray();
        assertThat((double) normalised[0]).isCloseTo((1 - 3) / Math.sqrt(3.5 + 1e-5), within(1e-5));
        gc.backward(y.mul(x).sum());
      }
      float[] mean = bn.getParameters().get("runningMean").getArray().toFloatArray();
      float[] var = bn.getParameters().get("runningVar").getArray().toFloatArray();
      assertThat((double) mean[0]).isCloseTo(0.1 * 3, within(1e-6));
      double batchVariance = "MXNet".equals(engine) ? 3.5 : 14.0 / 3;
      assertThat((double) var[0]).isCloseTo(0.9 + 0.1 * batchVariance, within(1e-5));
    }
  }

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
