package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static io.github.selfclassifier.djl.model.ModelTestSupport.trainableParameterCount;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.model.BackboneKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ResNets against torchvision: every parameter name and shape (fixture made by
 * resources/model/make_model_fixtures.py), the parameter counts and the output shapes, on both engines.
 */
class ResNetBackboneTest {

  /** torchvision's parameter counts minus fc (torchvision 0.14: 11,689,512 / 21,797,672 / 25,557,032). */
  private static final Map<BackboneKind, Long> TORCHVISION_COUNTS_WITHOUT_FC =
      Map.of(
          BackboneKind.RESNET18, 11_176_512L,
          BackboneKind.RESNET34, 21_284_672L,
          BackboneKind.RESNET50, 23_508_032L);

  static Stream<Arguments> cases() {
    return ModelTestSupport.engines()
        .flatMap(
            e ->
                Stream.of(
                    Arguments.of(e, BackboneKind.RESNET18, 32),
                    Arguments.of(e, BackboneKind.RESNET34, 32),
                    Arguments.of(e, BackboneKind.RESNET50, 64)));
  }

  /** One initialisation per network and engine (they are big): layout, counts, then a forward pass. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTorchvisionAndGivesOneFeatureVectorPerImage(String engine, BackboneKind kind, int size)
      throws IOException {
    Map<String, Shape> expected = torchvisionKeys(kind.name().toLowerCase(Locale.ROOT));
    int featureDim = kind == BackboneKind.RESNET50 ? 2048 : 512;
    try (NDManager manager = manager(engine)) {
      ResNetBackbone net = ResNetBackbone.of(kind, 64, 3, 224, true);
      Shape in = new Shape(2, 3, size, size);
      ParameterStore ps = initialize(net, manager, in);

      Map<String, Parameter> ours = TorchStateDictNames.of(net);
      assertThat(ours.keySet()).containsExactlyElementsOf(expected.keySet());
      for (Map.Entry<String, Parameter> e : ours.entrySet()) {
        assertThat(e.getValue().getArray().getShape()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
      }
      assertThat(trainableParameterCount(net)).isEqualTo(TORCHVISION_COUNTS_WITHOUT_FC.get(kind));
      assertThat(net.featureDim()).isEqualTo(featureDim);
      assertThat(net.name()).isEqualTo(kind.name().toLowerCase(Locale.ROOT));

      NDList out = net.forward(ps, new NDList(manager.randomUniform(0f, 1f, in)), false);
      assertThat(out).hasSize(1);
      assertThat(out.head().getShape()).isEqualTo(new Shape(2, featureDim));
      assertThat(net.getOutputShapes(new Shape[] {in})).containsExactly(new Shape(2, featureDim));
      assertThat(out.head().isNaN().any().getBoolean()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.selfclassifier.djl.model.ModelTestSupport#engines")
  void cifarStemIsA3x3ConvolutionWithoutPooling(String engine) {
    try (NDManager manager = manager(engine)) {
      ResNetBackbone net = ResNetBackbone.cifarResnet18();
      Shape in = new Shape(2, 3, 32, 32);
      ParameterStore ps = initialize(net, manager, in);
      Map<String, Parameter> params = TorchStateDictNames.of(net);
      assertThat(params.get("conv1.weight").getArray().getShape()).isEqualTo(new Shape(64, 3, 3, 3));
      // ResNet-18 minus the 7x7 stem plus a 3x3 stem: 11,176,512 - 64*3*49 + 64*3*9.
      assertThat(trainableParameterCount(net)).isEqualTo(11_168_832L);
      NDList out = net.forward(ps, new NDList(manager.randomUniform(0f, 1f, in)), false);
      assertThat(out.head().getShape()).isEqualTo(new Shape(2, 512));
    }
  }

  private static Map<String, Shape> torchvisionKeys(String net) throws IOException {
    Map<String, Shape> out = new LinkedHashMap<>();
    try (InputStream in =
            Objects.requireNonNull(
                ResNetBackboneTest.class.getResourceAsStream("/model/torchvision_resnet_keys.txt"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.split(" ");
        if (f[0].equals(net)) {
          long[] dims = Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
          out.put(f[1], new Shape(dims));
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }
}
