package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatImageNDArrayTest {

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void viewBecomesAFloat32ChwArrayWithTheSameValues(String engine) {
    FloatImage view = TestImages.noise(3, 5, 7, 70);
    try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
      NDArray array = view.toNDArray(manager);
      assertThat(array.getShape()).isEqualTo(new Shape(3, 5, 7));
      assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(array.toFloatArray()).isEqualTo(view.data());
      assertThat(array.getFloat(2, 4, 6)).isEqualTo(view.get(2, 4, 6));
    }
  }
}
