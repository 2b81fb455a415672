package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static io.github.selfclassifier.djl.model.ModelTestSupport.maxAbs;
import static io.github.selfclassifier.djl.model.ModelTestSupport.trainableParameterCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.model.ModelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MLP head's layout and initialisation, the classifiers' initialisation, and the small CNN. */
class HeadAndClassifierTest {

  @Test
  void headLayersAreIndexedAsTheReferenceSequential() {
    try (NDManager manager = manager("PyTorch")) {
      ProjectionHead withBn = new ProjectionHead(8, 3, true, 4, 1e-7);
      initialize(withBn, manager, new Shape(2, 5));
      assertThat(TorchStateDictNames.of(withBn).keySet())
          .containsExactly(
              "mlp.0.weight", "mlp.0.bias",
              "mlp.1.weight", "mlp.1.bias", "mlp.1.running_mean", "mlp.1.running_var",
              "mlp.3.weight", "mlp.3.bias",
              "mlp.4.weight", "mlp.4.bias", "mlp.4.running_mean", "mlp.4.running_var",
              "mlp.6.weight", "mlp.6.bias");
      assertThat(trainableParameterCount(withBn)).isEqualTo((5 * 8 + 8) + 16 + (8 * 8 + 8) + 16 + (8 * 4 + 4));

      ProjectionHead noBn = new ProjectionHead(8, 2, false, 4, 1e-7);
      initialize(noBn, manager, new Shape(2, 5));
      assertThat(TorchStateDictNames.of(noBn).keySet())
          .containsExactly("mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias");

      ProjectionHead single = new ProjectionHead(8, 1, true, 4, 1e-7);
      initialize(single, manager, new Shape(2, 5));
      assertThat(TorchStateDictNames.of(single).keySet()).containsExactly("mlp.0.weight", "mlp.0.bias");
      assertThat(TorchStateDictNames.of(single).get("mlp.0.weight").getArray().getShape())
          .isEqualTo(new Shape(4, 5));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void initialisationFollowsTheReference(String engine) {
    try (NDManager manager = manager(engine)) {
      ModelConfig config =
          ModelConfig.smallGrayscaleBuilder().optMlpHiddenDim(256).optClassesPerHead(List.of(10, 400)).build();
      SelfClassifierBlock net = SelfClassifierModels.build(config);
      initialize(net, manager, new Shape(2, 1, 28, 28));
      Map<String, Parameter> p = TorchStateDictNames.of(net);

      NDArray w = p.get("mlp_head.mlp.0.weight").getArray(); // 256 x 256: N(0, 0.02^2)
      double std = Math.sqrt(w.square().mean().getFloat());
      assertThat(std).isBetween(0.019, 0.021);
      assertThat(maxAbs(p.get("mlp_head.mlp.0.bias").getArray())).isZero();
      assertThat(maxAbs(p.get("mlp_head.mlp.3.bias").getArray())).isZero();

      // v ~ U(-1/sqrt(d), 1/sqrt(d)) as nn.Linear's default; g = 1
      NDArray v = p.get("classifiers.cls_1.weight_v").getArray();
      assertThat(v.getShape()).isEqualTo(new Shape(400, 128));
      double bound = 1 / Math.sqrt(128);
      assertThat(maxAbs(v)).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
      NDArray g = p.get("classifiers.cls_1.weight_g").getArray();
      assertThat(g.getShape()).isEqualTo(new Shape(400, 1));
      assertThat(g.toFloatArray()).containsOnly(1f);

      // torchvision's Kaiming-normal fan-out on convolutions: std sqrt(2 / (out * 3 * 3))
      NDArray conv = p.get("backbone.conv4.weight").getArray(); // 256 x 128 x 3 x 3
      double convStd = Math.sqrt(conv.square().mean().getFloat());
      assertThat(convStd).isBetween(0.97 * Math.sqrt(2.0 / (256 * 9)), 1.03 * Math.sqrt(2.0 / (256 * 9)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void smallConvNetShapesAndCount(String engine) {
    try (NDManager manager = manager(engine)) {
      SmallConvNetBackbone net = new SmallConvNetBackbone(32, 1, 28, true);
      Shape in = new Shape(3, 1, 28, 28);
      ParameterStore ps = initialize(net, manager, in);
      assertThat(trainableParameterCount(net)).isEqualTo(388_320L);
      NDArray out = net.forward(ps, new NDList(manager.randomUniform(0f, 1f, in)), false).singletonOrThrow();
      assertThat(out.getShape()).isEqualTo(new Shape(3, 256));
      assertThat(net.featureDim()).isEqualTo(256);
      assertThat(net.inputChannels()).isEqualTo(1);
      assertThat(net.inputHeight()).isEqualTo(28);
      assertThat(net.name()).isEqualTo("small_cnn");
    }
  }

  @Test
  void wholeNetworkKeysFollowTheReferenceModel() {
    try (NDManager manager = manager("PyTorch")) {
      SelfClassifierBlock net = SelfClassifierModels.build(ModelConfig.smallGrayscale());
      initialize(net, manager, new Shape(2, 1, 28, 28));
      Map<String, Parameter> p = TorchStateDictNames.of(net);
      assertThat(p)
          .containsKeys(
              "backbone.conv1.weight",
              "backbone.bn4.running_var",
              "mlp_head.mlp.0.weight",
              "mlp_head.mlp.1.running_mean",
              "mlp_head.mlp.3.weight",
              "classifiers.cls_0.weight_g",
              "classifiers.cls_3.weight_v");
      assertThat(p.get("classifiers.cls_3.weight_v").getArray().getShape()).isEqualTo(new Shape(80, 128));
      assertThat(p).hasSize((4 + 4 * 4) + (2 + 4 + 2) + 4 * 2); // backbone, head, classifiers
    }
  }

  @Test
  void torchNamesOfBatchNormParameters() {
    assertThat(TorchStateDictNames.torchName("gamma")).isEqualTo("weight");
    assertThat(TorchStateDictNames.torchName("beta")).isEqualTo("bias");
    assertThat(TorchStateDictNames.torchName("runningMean")).isEqualTo("running_mean");
    assertThat(TorchStateDictNames.torchName("runningVar")).isEqualTo("running_var");
    assertThat(TorchStateDictNames.torchName("weight_v")).isEqualTo("weight_v");
  }

  @Test
  void mismatchedPartsAndBadSizesAreRejected() {
    assertThatThrownBy(
            () ->
                new SelfClassifierBlock(
                    new SmallConvNetBackbone(8, 1, 28, true),
                    new ProjectionHead(16, 2, true, 32, 1e-7),
                    new WeightNormClassifiers(List.of(3), 16, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("d = 32");
    assertThatThrownBy(() -> new ProjectionHead(16, 0, true, 8, 1e-7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeightNormClassifier(0, 8, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmallConvNetBackbone(8, 1, 7, true)).isInstanceOf(IllegalArgumentException.class);
  }
}
