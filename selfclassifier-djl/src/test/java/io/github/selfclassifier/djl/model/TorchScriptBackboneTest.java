package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static io.github.selfclassifier.djl.model.ModelTestSupport.maxAbs;
import static io.github.selfclassifier.djl.model.ModelTestSupport.toMatrix;
import static io.github.selfclassifier.djl.model.ModelTestSupport.trainableParameterCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.model.ModelConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TorchScript backbone with the fixture module of resources/model/make_model_fixtures.py (conv 3->4,
 * BatchNorm, ReLU, spatial mean, Linear 4->6). PyTorch only; MXNet must refuse clearly.
 */
class TorchScriptBackboneTest {

  private static final Shape INPUT = new Shape(2, 3, 8, 8);
  private static final List<String> MODULE_PARAMETERS =
      List.of("features.0.weight", "features.1.weight", "features.1.bias", "proj.weight", "proj.bias");

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(TorchScriptBackboneTest.class.getResource("/model/" + name).toURI());
  }

  /** The fixture's input: x[n, c, h, w] = (n + 1) * 0.1 * (c - 1) + 0.01 * (h * 8 + w). */
  private static NDArray fixtureInput(NDManager manager) {
    float[] x = new float[2 * 3 * 8 * 8];
    int i = 0;
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 8; h++) {
          for (int w = 0; w < 8; w++) {
            x[i++] = (float) ((n + 1) * 0.1 * (c - 1) + 0.01 * (h * 8 + w));
          }
        }
      }
    }
    return manager.create(x, INPUT);
  }

  @Test
  void givesTheModulesOutputAndNames() throws Exception {
    try (NDManager manager = manager("PyTorch")) {
      TorchScriptBackbone backbone = new TorchScriptBackbone(fixture("tiny_backbone.pt"), 6, 3, 8, true);
      assertThat(backbone.getParameters().isEmpty()).isTrue(); // nothing read before initialisation
      ParameterStore ps = initialize(backbone, manager, INPUT);

      assertThat(TorchStateDictNames.of(backbone).keySet()).containsExactlyElementsOf(MODULE_PARAMETERS);
      assertThat(trainableParameterCount(backbone)).isEqualTo(3 * 4 * 9 + 4 + 4 + 4 * 6 + 6);
      NDArray out = backbone.forward(ps, new NDList(fixtureInput(manager)), false).singletonOrThrow();
      assertThat(out.getShape()).isEqualTo(new Shape(2, 6));
      double[][] actual = toMatrix(out);
      double[][] expected = expectedOutput();
      for (int n = 0; n < 2; n++) {
        for (int j = 0; j < 6; j++) {
          assertThat(actual[n][j]).isCloseTo(expected[n][j], within(1e-5));
        }
      }
    }
  }

  @Test
  void trainableModuleTrainsAndItsParametersGetGradients() throws Exception {
    try (NDManager manager = manager("PyTorch")) {
      TorchScriptBackbone backbone = new TorchScriptBackbone(fixture("tiny_backbone.pt"), 6, 3, 8, true);
      ParameterStore ps = initialize(backbone, manager, INPUT);
      NDArray x = fixtureInput(manager);
      NDArray eval = backbone.forward(ps, new NDList(x), false).singletonOrThrow();
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDArray train = backbone.forward(ps, new NDList(x), true).singletonOrThrow();
        assertThat(maxAbs(train.sub(eval))).as("BatchNorm in training mode").isGreaterThan(1e-4);
        gc.backward(train.mul(manager.randomUniform(-1f, 1f, train.getShape())).sum());
      }
      Map<String, Parameter> params = TorchStateDictNames.of(backbone);
      for (String key : MODULE_PARAMETERS) {
        assertThat(params.get(key).requiresGradient()).as(key).isTrue();
        assertThat(maxAbs(params.get(key).getArray().getGradient())).as(key).isGreaterThan(0);
      }
    }
  }

  @Test
  void frozenModuleRunsInEvalModeWithoutGradients() throws Exception {
    ModelConfig config =
        ModelConfig.builder()
            .optTorchScript(fixture("tiny_backbone.pt"), 6)
            .optBackboneTrainable(false)
            .optInputSize(8)
            .optMlpHiddenDim(16)
            .optEmbeddingDim(8)
            .optClassesPerHead(List.of(4))
            .build();
    try (NDManager manager = manager("PyTorch")) {
      SelfClassifierBlock net = SelfClassifierModels.build(config);
      ParameterStore ps = initialize(net, manager, INPUT);
      Map<String, Parameter> params = TorchStateDictNames.of(net);
      assertThat(params).containsKeys("backbone.features.0.weight", "backbone.proj.bias", "mlp_head.mlp.0.weight");
      assertThat(trainableParameterCount(net.backbone())).isZero();

      NDArray x = fixtureInput(manager);
      NDArray eval = net.backbone().forward(ps, new NDList(x), false).singletonOrThrow();
      try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
        NDArray train = net.backbone().forward(ps, new NDList(x), true).singletonOrThrow();
        assertThat(maxAbs(train.sub(eval))).isZero();
        NDList out = net.forward(ps, new NDList(x), true);
        assertThat(out.getShapes()).containsExactly(new Shape(2, 8), new Shape(2, 4));
        gc.backward(SelfClassifierBlock.logitsOf(out, 0).mul(manager.randomUniform(-1f, 1f, new Shape(2, 4))).sum());
      }
      for (String key : MODULE_PARAMETERS) {
        assertThat(params.get("backbone." + key).getArray().hasGradient()).as(key).isFalse();
      }
      assertThat(maxAbs(params.get("mlp_head.mlp.0.weight").getArray().getGradient())).isGreaterThan(0);
    }
  }

  @Test
  void savedParametersLoadIntoAFreshBlock() throws Exception {
    try (NDManager manager = manager("PyTorch")) {
      TorchScriptBackbone backbone = new TorchScriptBackbone(fixture("tiny_backbone.pt"), 6, 3, 8, true);
      ParameterStore ps = initialize(backbone, manager, INPUT);
      Parameter proj = TorchStateDictNames.of(backbone).get("proj.bias");
      proj.getArray().set(FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}));
      NDArray x = fixtureInput(manager);
      NDArray before = backbone.forward(ps, new NDList(x), false).singletonOrThrow();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream os = new DataOutputStream(bytes)) {
        backbone.saveParameters(os);
      }

      TorchScriptBackbone copy = new TorchScriptBackbone(fixture("tiny_backbone.pt"), 6, 3, 8, false);
      try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        copy.loadParameters(manager, is);
      }
      assertThat(TorchStateDictNames.of(copy).get("proj.bias").getArray().toFloatArray())
          .containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(trainableParameterCount(copy)).isZero();
      NDArray after = copy.forward(ps, new NDList(x), false).singletonOrThrow();
      assertThat(maxAbs(after.sub(before))).isZero();
    }
  }

  @Test
  void mxnetIsRefusedWithAClearMessage() throws Exception {
    try (NDManager manager = manager("MXNet")) {
      TorchScriptBackbone backbone = new TorchScriptBackbone(fixture("tiny_backbone.pt"), 6, 3, 8, true);
      assertThatThrownBy(() -> backbone.initialize(manager, DataType.FLOAT32, INPUT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PyTorch engine")
          .hasMessageContaining("MXNet");
    }
  }

  @Test
  void missingFileIsReported() {
    try (NDManager manager = manager("PyTorch")) {
      TorchScriptBackbone backbone = new TorchScriptBackbone(Path.of("no-such-file.pt"), 6, 3, 8, true);
      assertThatThrownBy(() -> backbone.initialize(manager, DataType.FLOAT32, INPUT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no-such-file.pt");
    }
  }

  private static double[][] expectedOutput() throws IOException, URISyntaxException {
    List<String> lines = Files.readAllLines(fixture("tiny_backbone_expected.txt"), StandardCharsets.UTF_8);
    double[][] out = new double[lines.size()][];
    for (int i = 0; i < out.length; i++) {
      String[] f = lines.get(i).trim().split(" ");
      out[i] = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        out[i][j] = Double.parseDouble(f[j]);
      }
    }
    return out;
  }
}
