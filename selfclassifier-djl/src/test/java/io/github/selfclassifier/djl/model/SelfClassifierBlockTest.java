package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static io.github.selfclassifier.djl.model.ModelTestSupport.maxAbs;
import static io.github.selfclassifier.djl.model.ModelTestSupport.toMatrix;
import static io.github.selfclassifier.djl.model.ModelTestSupport.trainableParameterCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole network on both engines, on a small configuration (small CNN of width 8 on 1x28x28, F = 64,
 * hidden 32, d = 16, heads {3, 5}, batch 4) so every test takes well under a second.
 */
class SelfClassifierBlockTest {

  private static final int BATCH = 4;
  private static final Shape INPUT = new Shape(BATCH, 1, 28, 28);

  private static ModelConfig.Builder small() {
    return ModelConfig.builder()
        .optBackbone(BackboneKind.SMALL_CNN)
        .optBackboneWidth(8)
        .optInputChannels(1)
        .optInputSize(28)
        .optMlpHiddenDim(32)
        .optMlpLayers(2)
        .optEmbeddingDim(16)
        .optClassesPerHead(List.of(3, 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void outputsTheEmbeddingThenOneLogitMatrixPerHead(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDList out = net.forward(ps, new NDList(manager.randomUniform(0f, 1f, INPUT)), false);

      assertThat(out.getShapes())
          .containsExactly(new Shape(BATCH, 16), new Shape(BATCH, 3), new Shape(BATCH, 5));
      assertThat(net.getOutputShapes(new Shape[] {INPUT})).containsExactly(out.getShapes());
      assertThat(SelfClassifierBlock.embeddingOf(out)).isSameAs(out.get(0));
      assertThat(SelfClassifierBlock.logitsOf(out, 1)).isSameAs(out.get(2));
      assertThat(net.numHeads()).isEqualTo(2);
      assertThat(net.classifiers().classesPerHead()).containsExactly(3, 5);
      assertThat(net.backbone().featureDim()).isEqualTo(64);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  @SuppressWarnings("try") // the collector only has to be open (MXNet: BatchNorm training mode)
  void embeddingHasUnitNormInBothModes(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      assertUnitRows(SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(x), false)));
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        assertUnitRows(SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(x), true)));
      }
    }
  }

  private static void assertUnitRows(NDArray z) {
    for (double[] row : toMatrix(z)) {
      double norm = 0;
      for (double v : row) {
        norm += v * v;
      }
      assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void logitsAreGainTimesCosine(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      Map<String, Parameter> params = TorchStateDictNames.of(net);
      // Gains other than their initial 1, so the test sees them.
      params.get("classifiers.cls_0.weight_g").getArray().set(FloatBuffer.wrap(new float[] {0.5f, 2f, -1.5f}));
      params
          .get("classifiers.cls_1.weight_g")
          .getArray()
          .set(FloatBuffer.wrap(new float[] {1f, 3f, 0.25f, 1.25f, 7f}));

      NDList out = net.forward(ps, new NDList(manager.randomUniform(0f, 1f, INPUT)), false);
      double[][] z = toMatrix(SelfClassifierBlock.embeddingOf(out));
      for (int h = 0; h < 2; h++) {
        double[][] v = toMatrix(params.get("classifiers.cls_" + h + ".weight_v").getArray());
        double[][] g = toMatrix(params.get("classifiers.cls_" + h + ".weight_g").getArray());
        double[][] logits = toMatrix(SelfClassifierBlock.logitsOf(out, h));
        for (int n = 0; n < BATCH; n++) {
          for (int c = 0; c < v.length; c++) {
            assertThat(logits[n][c]).isCloseTo(g[c][0] * cosine(z[n], v[c]), within(1e-5));
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void fixedGainsAreNoParametersAndLogitsArePlainCosines(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock trained = SelfClassifierModels.build(small().build());
      SelfClassifierBlock fixed = SelfClassifierModels.build(small().optFixedClassifierGains(true).build());
      initialize(trained, manager, INPUT);
      ParameterStore ps = initialize(fixed, manager, INPUT);

      Map<String, Parameter> params = TorchStateDictNames.of(fixed);
      assertThat(params.keySet()).noneMatch(k -> k.endsWith("weight_g"));
      assertThat(params).containsKey("classifiers.cls_1.weight_v");
      assertThat(fixed.classifiers().fixedGains()).isTrue();
      assertThat(trainableParameterCount(trained) - trainableParameterCount(fixed)).isEqualTo(3 + 5);

      NDList out = fixed.forward(ps, new NDList(manager.randomUniform(0f, 1f, INPUT)), false);
      double[][] z = toMatrix(SelfClassifierBlock.embeddingOf(out));
      double[][] v = toMatrix(params.get("classifiers.cls_1.weight_v").getArray());
      double[][] logits = toMatrix(SelfClassifierBlock.logitsOf(out, 1));
      for (int n = 0; n < BATCH; n++) {
        for (int c = 0; c < 5; c++) {
          assertThat(logits[n][c]).isCloseTo(cosine(z[n], v[c]), within(1e-5));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void partsRunAloneAndClassifiersTakeReplacedEmbeddings(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      NDList out = net.forward(ps, new NDList(x), false);

      NDList features = net.backbone().forward(ps, new NDList(x), false);
      assertThat(features.head().getShape()).isEqualTo(new Shape(BATCH, 64));
      NDArray z = net.head().forward(ps, features, false).head();
      assertThat(maxAbs(z.sub(SelfClassifierBlock.embeddingOf(out)))).isLessThan(1e-6);

      // As the nearest-neighbour augmentation does: other embeddings in (here the batch's halves swapped).
      NDList logits = net.classifiers().forward(ps, new NDList(swapHalves(z)), false);
      assertThat(logits).hasSize(2);
      for (int h = 0; h < 2; h++) {
        NDArray expected = swapHalves(SelfClassifierBlock.logitsOf(out, h));
        assertThat(maxAbs(logits.get(h).sub(expected))).isLessThan(1e-6);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void gradientsReachTheFirstConvolution(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      NDArray w0 = manager.randomUniform(-1f, 1f, new Shape(BATCH, 3));
      NDArray w1 = manager.randomUniform(-1f, 1f, new Shape(BATCH, 5));
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDList out = net.forward(ps, new NDList(x), true);
        NDArray loss =
            SelfClassifierBlock.logitsOf(out, 0).mul(w0).sum().add(SelfClassifierBlock.logitsOf(out, 1).mul(w1).sum());
        gc.backward(loss);
      }
      Map<String, Parameter> params = TorchStateDictNames.of(net);
      for (String key :
          List.of(
              "backbone.conv1.weight",
              "backbone.bn4.weight",
              "mlp_head.mlp.0.weight",
              "mlp_head.mlp.3.bias",
              "classifiers.cls_0.weight_v",
              "classifiers.cls_1.weight_g")) {
        assertThat(maxAbs(params.get(key).getArray().getGradient())).as(key).isGreaterThan(0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void batchNormUsesBatchStatisticsOnlyInTraining(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      NDArray firstTwo = x.get(new NDIndex("0:2"));
      NDArray runningMean = TorchStateDictNames.of(net).get("backbone.bn1.running_mean").getArray();

      // Inference: each sample on its own, running statistics untouched.
      NDArray zAll = SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(x), false));
      NDArray zTwo = SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(firstTwo), false));
      assertThat(maxAbs(zAll.get(new NDIndex("0:2")).sub(zTwo))).isLessThan(1e-6);
      assertThat(maxAbs(runningMean)).isZero();

      // Training: batch statistics, so a sample's embedding depends on its batch, and running means move
      // (on MXNet only in the backward pass, hence the backward).
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDArray tAll = SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(x), true));
        NDArray tTwo = SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(firstTwo), true));
        assertThat(maxAbs(tAll.get(new NDIndex("0:2")).sub(tTwo))).isGreaterThan(1e-4);
        assertThat(maxAbs(tAll.sub(zAll))).isGreaterThan(1e-4);
        gc.backward(tAll.get(new NDIndex(":, 0")).sum().add(tTwo.get(new NDIndex(":, 0")).sum()));
      }
      assertThat(maxAbs(runningMean)).isGreaterThan(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void frozenBackboneHasNoTrainableParametersAndKeepsItsStatistics(String engine) {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().optBackboneTrainable(false).build());
      ParameterStore ps = initialize(net, manager, INPUT);
      assertThat(net.backbone().isTrainable()).isFalse();
      assertThat(trainableParameterCount(net.backbone())).isZero();
      assertThat(trainableParameterCount(net)).isPositive();

      Map<String, Parameter> params = TorchStateDictNames.of(net);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      NDArray inference = SelfClassifierBlock.embeddingOf(net.forward(ps, new NDList(x), false));
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDList out = net.forward(ps, new NDList(x), true);
        gc.backward(SelfClassifierBlock.logitsOf(out, 0).sum());
      }
      assertThat(params.get("backbone.conv1.weight").getArray().hasGradient()).isFalse();
      assertThat(maxAbs(params.get("backbone.bn1.running_mean").getArray())).isZero();
      assertThat(maxAbs(params.get("mlp_head.mlp.0.weight").getArray().getGradient())).isGreaterThan(0);
      // The backbone part is the inference one; the head's BatchNorm is in training mode.
      NDList featuresNow = net.backbone().forward(ps, new NDList(x), false);
      assertThat(featuresNow.head().getShape()).isEqualTo(new Shape(BATCH, 64));
      assertThat(inference.getShape()).isEqualTo(new Shape(BATCH, 16));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void parametersSaveAndLoad(String engine) throws Exception {
    try (NDManager manager = manager(engine)) {
      SelfClassifierBlock net = SelfClassifierModels.build(small().build());
      ParameterStore ps = initialize(net, manager, INPUT);
      NDArray x = manager.randomUniform(0f, 1f, INPUT);
      NDArray logits = SelfClassifierBlock.logitsOf(net.forward(ps, new NDList(x), false), 1);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream os = new DataOutputStream(bytes)) {
        net.saveParameters(os);
      }

      SelfClassifierBlock copy = SelfClassifierModels.build(small().build());
      try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        copy.loadParameters(manager, is);
      }
      NDArray again = SelfClassifierBlock.logitsOf(copy.forward(ps, new NDList(x), false), 1);
      assertThat(maxAbs(again.sub(logits))).isZero();
    }
  }

  private static NDArray swapHalves(NDArray a) {
    return NDArrays.concat(new NDList(a.get(new NDIndex("2:4")), a.get(new NDIndex("0:2"))));
  }

  static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb));
  }
}
