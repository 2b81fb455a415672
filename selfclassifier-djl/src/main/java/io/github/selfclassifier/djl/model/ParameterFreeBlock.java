package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A parameter-free single-array operation with a declared output shape.
 *
 * <p>Used instead of DJL's {@code LambdaBlock}, which infers its output shape by running the function on
 * zeros in a manager of the <em>default</em> engine (MXNet when both engines are present) at the full input
 * size.
 */
final class ParameterFreeBlock extends AbstractBlock {

  private final String description;
  private final UnaryOperator<NDArray> function;
  private final UnaryOperator<Shape> outputShape;

  ParameterFreeBlock(String description, UnaryOperator<NDArray> function, UnaryOperator<Shape> outputShape) {
    this.description = description;
    this.function = function;
    this.outputShape = outputShape;
  }

  /** A shape-preserving operation such as an activation. */
  static ParameterFreeBlock elementwise(String description, UnaryOperator<NDArray> function) {
    return new ParameterFreeBlock(description, function, UnaryOperator.identity());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(function.apply(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {outputShape.apply(inputShapes[0])};
  }

  @Override
  public String toString() {
    return description;
  }
}
