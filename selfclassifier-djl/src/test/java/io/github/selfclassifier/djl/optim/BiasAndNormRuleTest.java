package io.github.selfclassifier.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BiasAndNormRuleTest {

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void biasesAndNormParametersAreFoundByShapeAndByDeclaration(String engine) {
    SequentialBlock block =
        new SequentialBlock()
            .add(LayerNorm.builder().axis(1, 2).build())
            .add(x -> new ai.djl.ndarray.NDList(x.singletonOrThrow().reshape(-1, 12)))
            .add(Linear.builder().setUnits(8).build())
            .add(BatchNorm.builder().build())
            .add(Linear.builder().setUnits(3).optBias(false).build());
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 4));
      BiasAndNormRule byShape = BiasAndNormRule.byShape();
      BiasAndNormRule declared = BiasAndNormRule.of(block);
      Map<String, Boolean> shapeVerdicts = new HashMap<>();
      Map<String, Boolean> declaredVerdicts = new HashMap<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (!p.getValue().requiresGradient()) {
          continue; // running statistics are never optimised
        }
        shapeVerdicts.put(p.getKey(), byShape.isBiasOrNorm(p.getValue().getId(), p.getValue().getArray()));
        declaredVerdicts.put(p.getKey(), declared.isBiasOrNorm(p.getValue().getId(), p.getValue().getArray()));
      }
      Map<String, Boolean> expected = new HashMap<>();
      expected.put("01LayerNorm_gamma", true);
      expected.put("01LayerNorm_beta", true);
      expected.put("03Linear_weight", false);
      expected.put("03Linear_bias", true);
      expected.put("04BatchNorm_gamma", true);
      expected.put("04BatchNorm_beta", true);
      expected.put("05Linear_weight", false);
      assertThat(declaredVerdicts).isEqualTo(expected);
      // the LayerNorm over two axes has 3 x 4 scale and shift: only the declaration finds them
      Map<String, Boolean> expectedByShape = new HashMap<>(expected);
      expectedByShape.put("01LayerNorm_gamma", false);
      expectedByShape.put("01LayerNorm_beta", false);
      assertThat(shapeVerdicts).isEqualTo(expectedByShape);
      assertThat(byShape.isBiasOrNorm("anything", m.zeros(new Shape()))).as("a scalar").isTrue();
      assertThat(declared.isBiasOrNorm("unknown id", m.zeros(new Shape(2, 2)))).isFalse();
    }
  }
}
