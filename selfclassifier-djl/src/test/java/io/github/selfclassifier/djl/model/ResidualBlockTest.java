package io.github.selfclassifier.djl.model;

import static io.github.selfclassifier.djl.model.ModelTestSupport.initialize;
import static io.github.selfclassifier.djl.model.ModelTestSupport.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our residual blocks compute what torchvision's {@code BasicBlock} and {@code Bottleneck} compute, number by
 * number: torchvision's weights are copied in by PyTorch name (the mapping of {@link TorchStateDictNames})
 * and the eval-mode outputs compared (fixture made by resources/model/make_model_fixtures.py). This is what
 * shape checks cannot see: where the stride sits (ResNet v1.5 strides the 3x3 convolution), padding, the
 * shortcut.
 */
class ResidualBlockTest {

  static Stream<Arguments> cases() {
    return ModelTestSupport.engines()
        .flatMap(e -> Stream.of(Arguments.of(e, "basic"), Arguments.of(e, "bottleneck")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTorchvision(String engine, String kind) throws IOException {
    Map<String, Tensor> fixture = fixture(kind);
    ResidualBlock block =
        kind.equals("basic") ? ResidualBlock.basic(4, 8, 2) : ResidualBlock.bottleneck(8, 4, 2);
    try (NDManager manager = manager(engine)) {
      Tensor x = fixture.get("input x");
      ParameterStore ps = initialize(block, manager, x.shape);
      Map<String, Parameter> params = TorchStateDictNames.of(block);
      long copied = 0;
      for (Map.Entry<String, Tensor> e : fixture.entrySet()) {
        if (e.getKey().startsWith("param ")) {
          Parameter p = params.get(e.getKey().substring("param ".length()));
          assertThat(p).as(e.getKey()).isNotNull();
          assertThat(p.getArray().getShape()).as(e.getKey()).isEqualTo(e.getValue().shape);
          p.getArray().set(e.getValue().values);
          copied++;
        }
      }
      assertThat(copied).isEqualTo(params.size());

      NDArray y = block.forward(ps, new NDList(manager.create(x.values, x.shape)), false).singletonOrThrow();
      Tensor expected = fixture.get("output y");
      assertThat(y.getShape()).isEqualTo(expected.shape);
      assertThat(block.getOutputShapes(new Shape[] {x.shape})).containsExactly(expected.shape);
      assertThat(y.toFloatArray()).containsExactly(expected.values, offset(1e-5f));
    }
  }

  private record Tensor(Shape shape, float[] values) {}

  /** The fixture's lines of one block, keyed "param conv1.weight", "input x", "output y". */
  private static Map<String, Tensor> fixture(String block) throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (InputStream in =
        Objects.requireNonNull(ResidualBlockTest.class.getResourceAsStream("/model/residual_blocks.txt"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(" ");
        if (!f[0].equals(block)) {
          continue;
        }
        long[] dims = Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong).toArray();
        float[] values = new float[f.length - 4];
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.parseFloat(f[4 + i]);
        }
        out.put(f[1] + " " + f[2], new Tensor(new Shape(dims), values));
      }
    }
    return out;
  }
}
