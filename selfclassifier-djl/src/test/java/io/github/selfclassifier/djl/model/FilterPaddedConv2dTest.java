package io.github.selfclassifier.djl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backbones' convolution ({@link Layers#conv}, a {@link FilterPaddedConv2d}) gives the exact output, input
 * gradient and weight gradient of a plain convolution (double-precision Java reference) even when the
 * native memory the engine recycles is full of NaN: with 8 or 12 filters, PyTorch 2.7.1's own CPU
 * convolution returned a NaN input gradient in about 19 of 20 such trials, which turned {@code --width 4}
 * training into NaN at random steps.
 */
class FilterPaddedConv2dTest {
  private static final int N = 4;
  private static final int C = 4;
  private static final int SIDE = 8;
  private static final int TRIALS = 5;

  static Stream<Arguments> cases() {
    return ModelTestSupport.engines().flatMap(e -> Stream.of(Arguments.of(e, 8), Arguments.of(e, 12)));
  }

  @ParameterizedTest(name = "{0}, {1} filters")
  @MethodSource("cases")
  void gradientsStayExactWhenRecycledMemoryHoldsNaN(String engineName, int filters) {
    Engine engine = Engine.getEngine(engineName);
    Random random = new Random(42);
    float[] x = gaussian(random, N * C * SIDE * SIDE);
    float[] w = gaussian(random, filters * C * 9);
    float[] r = gaussian(random, N * filters * SIDE * SIDE);
    double[][] reference = reference(x, w, r, filters);
    for (int trial = 0; trial < TRIALS; trial++) {
      try (NDManager manager = engine.newBaseManager()) {
        Conv2d conv = Layers.conv(filters, 3, 1, 1);
        Shape inputShape = new Shape(N, C, SIDE, SIDE);
        ParameterStore ps = ModelTestSupport.initialize(conv, manager, inputShape);
        NDArray weight = conv.getParameters().get("weight").getArray();
        weight.set(FloatBuffer.wrap(w));
        NDArray input = manager.create(x, inputShape);
        input.setRequiresGradient(true);
        float[] output;
        try (NDManager step = manager.newSubManager();
            GradientCollector collector = engine.newGradientCollector()) {
          fillFreedMemoryWithNaN(step);
          NDArray y = conv.forward(ps, new NDList(input), true).singletonOrThrow();
          output = y.toFloatArray();
          NDArray loss = y.mul(step.create(r, y.getShape())).sum();
          fillFreedMemoryWithNaN(step);
          collector.backward(loss);
        }
        assertClose(output, reference[0], "output, trial " + trial);
        assertClose(input.getGradient().toFloatArray(), reference[1], "input gradient, trial " + trial);
        assertClose(weight.getGradient().toFloatArray(), reference[2], "weight gradient, trial " + trial);
      }
    }
  }

  /** Creates and frees NaN-filled native arrays of many sizes, so that later allocations may start as NaN. */
  private static void fillFreedMemoryWithNaN(NDManager parent) {
    try (NDManager scratch = parent.newSubManager()) {
      for (long size = 1; size <= (1 << 16); size *= 2) {
        for (int k = 0; k < 4; k++) {
          scratch.full(new Shape(size + k * size / 4), Float.NaN, DataType.FLOAT32);
        }
      }
    }
  }

  /**
   * Output, input gradient and weight gradient of a 3x3, stride 1, padding 1, bias-free convolution with
   * loss {@code sum(y * r)}, in double precision.
   */
  private static double[][] reference(float[] x, float[] w, float[] r, int filters) {
    double[] y = new double[N * filters * SIDE * SIDE];
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    for (int n = 0; n < N; n++) {
      for (int f = 0; f < filters; f++) {
        for (int i = 0; i < SIDE; i++) {
          for (int j = 0; j < SIDE; j++) {
            int yi = ((n * filters + f) * SIDE + i) * SIDE + j;
            for (int c = 0; c < C; c++) {
              for (int ki = 0; ki < 3; ki++) {
                for (int kj = 0; kj < 3; kj++) {
                  int p = i + ki - 1;
                  int q = j + kj - 1;
                  if (p < 0 || q < 0 || p >= SIDE || q >= SIDE) {
                    continue;
                  }
                  int xi = ((n * C + c) * SIDE + p) * SIDE + q;
                  int wi = ((f * C + c) * 3 + ki) * 3 + kj;
                  y[yi] += (double) x[xi] * w[wi];
                  dx[xi] += (double) r[yi] * w[wi];
                  dw[wi] += (double) r[yi] * x[xi];
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {y, dx, dw};
  }

  private static void assertClose(float[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("%s [%d]", what, i).isCloseTo(expected[i],
          org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(expected[i]))));
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }
}
