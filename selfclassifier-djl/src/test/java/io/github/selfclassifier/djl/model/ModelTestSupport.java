package io.github.selfclassifier.djl.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.stream.Stream;

/** Shared helpers of the model tests: engines, managers, parameter counts. */
final class ModelTestSupport {

  private ModelTestSupport() {}

  /** The engines every engine-dependent test runs on. */
  static Stream<String> engines() {
    return Stream.of("PyTorch", "MXNet");
  }

  /** A base manager of the named engine (never the default engine). */
  static NDManager manager(String engine) {
    return Engine.getEngine(engine).newBaseManager();
  }

  /** Initialises a block in float32 for one input shape and returns a parameter store for it. */
  static ParameterStore initialize(Block block, NDManager manager, Shape inputShape) {
    block.initialize(manager, DataType.FLOAT32, inputShape);
    return new ParameterStore(manager, false);
  }

  /** The number of scalars in the parameters that require a gradient (BatchNorm statistics excluded). */
  static long trainableParameterCount(Block block) {
    long n = 0;
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        n += p.getArray().getShape().size();
      }
    }
    return n;
  }

  /** A (rows, cols) array as doubles. */
  static double[][] toMatrix(NDArray a) {
    Shape s = a.getShape();
    int rows = Math.toIntExact(s.get(0));
    int cols = Math.toIntExact(s.get(1));
    float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = flat[i * cols + j];
      }
    }
    return out;
  }

  /** The largest absolute value of an array, as a double. */
  static double maxAbs(NDArray a) {
    double m = 0;
    for (float v : a.toFloatArray()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
