package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BatchNorm has PyTorch's semantics on both engines, checked against a double-precision reference: every
 * training forward (two per step here, of different sizes, as the global and local crops) folds the batch
 * mean and the unbiased batch variance into the running statistics with momentum 0.1, at once (not in the
 * backward pass); backward changes nothing; inference normalises with the running statistics.
 *
 * <p>Before {@link TorchStyleBatchNorm}, DJL's BatchNorm on MXNet failed this: it wrote the statistics only
 * in backward (the running mean was still 0 right after the first forward) and with the biased variance.
 */
class TorchStyleBatchNormTest {
  private static final int CHANNELS = 3;
  private static final double EPS = 1e-5;
  private static final double MOMENTUM = 0.1;

  static Stream<Arguments> enginesAndRanks() {
    return ModelTestSupport.engines().flatMap(e -> Stream.of(Arguments.of(e, 4), Arguments.of(e, 2)));
  }

  @ParameterizedTest(name = "{0}, rank {1}")
  @MethodSource("enginesAndRanks")
  void runningStatisticsFollowPyTorchInEveryTrainingForwardAndInferenceUsesThem(String engine, int rank) {
    Shape[] shapes = rank == 4
        ? new Shape[] {new Shape(8, CHANNELS, 6, 6), new Shape(16, CHANNELS, 4, 4)}
        : new Shape[] {new Shape(8, CHANNELS), new Shape(24, CHANNELS)};
    Random random = new Random(42);
    double[] runningMean = new double[CHANNELS];
    double[] runningVar = {1, 1, 1};
    try (NDManager manager = manager(engine)) {
      TorchStyleBatchNorm bn = Layers.batchNorm();
      ParameterStore ps = initialize(bn, manager, shapes[0]);
      for (int step = 0; step < 3; step++) {
        try (NDManager stepManager = manager.newSubManager();
            GradientCollector collector = manager.getEngine().newGradientCollector()) {
          NDArray loss = null;
          for (int call = 0; call < shapes.length; call++) {
            float[] x = randomInput(random, shapes[call], 1 + call + step);
            NDArray input = stepManager.create(x, shapes[call]);
            NDArray y = bn.forward(ps, new NDList(input), true).singletonOrThrow();
            double[][] stats = channelStatistics(x, shapes[call]);
            for (int c = 0; c < CHANNELS; c++) {
              runningMean[c] = (1 - MOMENTUM) * runningMean[c] + MOMENTUM * stats[0][c];
              runningVar[c] = (1 - MOMENTUM) * runningVar[c] + MOMENTUM * stats[2][c];
            }
            String where = engine + " step " + step + " call " + call;
            assertClose(bn, "runningMean", runningMean, where + ", right after the forward");
            assertClose(bn, "runningVar", runningVar, where + ", right after the forward");
            assertNormalised(y.toFloatArray(), x, shapes[call], stats[0], stats[1], where);
            NDArray weights = stepManager.create(randomInput(random, shapes[call], 0));
            NDArray term = y.mul(weights.reshape(shapes[call])).sum();
            loss = loss == null ? term : loss.add(term);
          }
          collector.backward(loss);
        }
        assertClose(bn, "runningMean", runningMean, engine + " step " + step + ", after backward");
        assertClose(bn, "runningVar", runningVar, engine + " step " + step + ", after backward");
      }

      float[] gamma = {1.5f, 0.5f, -2f};
      float[] beta = {0.25f, -1f, 3f};
      bn.getParameters().get("gamma").getArray().set(FloatBuffer.wrap(gamma));
      bn.getParameters().get("beta").getArray().set(FloatBuffer.wrap(beta));
      float[] probe = randomInput(random, shapes[0], 2);
      float[] y;
      try (NDManager inference = manager.newSubManager()) {
        y = bn.forward(ps, new NDList(inference.create(probe, shapes[0])), false).singletonOrThrow().toFloatArray();
      }
      int perChannel = (int) (shapes[0].size() / shapes[0].get(0) / CHANNELS);
      for (int i = 0; i < probe.length; i++) {
        int c = (i / perChannel) % CHANNELS;
        double expected = gamma[c] * (probe[i] - runningMean[c]) / Math.sqrt(runningVar[c] + EPS) + beta[c];
        assertThat((double) y[i]).as("%s inference output %d", engine, i).isCloseTo(expected, within(1e-4));
      }
      assertClose(bn, "runningMean", runningMean, engine + ", after inference");
      assertClose(bn, "runningVar", runningVar, engine + ", after inference");
    }
  }

  /** Per-channel values with a channel- and call-dependent mean and spread, so the statistics move. */
  private static float[] randomInput(Random random, Shape shape, double spread) {
    float[] x = new float[(int) shape.size()];
    int perChannel = (int) (shape.size() / shape.get(0) / CHANNELS);
    for (int i = 0; i < x.length; i++) {
      int c = (i / perChannel) % CHANNELS;
      x[i] = (float) ((c - 1) * 2.0 + spread + (0.5 + c) * spread * random.nextGaussian());
    }
    return x;
  }

  /** Per channel: mean, biased variance, unbiased variance, in double precision. */
  private static double[][] channelStatistics(float[] x, Shape shape) {
    int perChannel = (int) (shape.size() / shape.get(0) / CHANNELS);
    double[] sum = new double[CHANNELS];
    long count = shape.size() / CHANNELS;
    for (int i = 0; i < x.length; i++) {
      sum[(i / perChannel) % CHANNELS] += x[i];
    }
    double[][] out = new double[3][CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      out[0][c] = sum[c] / count;
    }
    double[] squares = new double[CHANNELS];
    for (int i = 0; i < x.length; i++) {
      int c = (i / perChannel) % CHANNELS;
      squares[c] += (x[i] - out[0][c]) * (x[i] - out[0][c]);
    }
    for (int c = 0; c < CHANNELS; c++) {
      out[1][c] = squares[c] / count;
      out[2][c] = squares[c] / (count - 1);
    }
    return out;
  }

  private static void assertNormalised(
      float[] y, float[] x, Shape shape, double[] mean, double[] biasedVar, String where) {
    int perChannel = (int) (shape.size() / shape.get(0) / CHANNELS);
    for (int i = 0; i < x.length; i++) {
      int c = (i / perChannel) % CHANNELS;
      double expected = (x[i] - mean[c]) / Math.sqrt(biasedVar[c] + EPS);
      assertThat((double) y[i]).as("%s training output %d", where, i).isCloseTo(expected, within(1e-4));
    }
  }

  private static void assertClose(TorchStyleBatchNorm bn, String name, double[] expected, String where) {
    float[] actual = bn.getParameters().get(name).getArray().toFloatArray();
    for (int c = 0; c < CHANNELS; c++) {
      assertThat((double) actual[c]).as("%s of channel %d, %s", name, c, where)
          .isCloseTo(expected[c], within(1e-5 * Math.max(1, Math.abs(expected[c]))));
    }
  }
}
