package io.github.selfclassifier.djl.optim;

import java.util.List;

/**
 * The optimiser state of one parameter tensor in plain Java arrays, for checkpoints: the number of updates
 * applied so far and the state arrays (momentum buffer; or Adam's two moments) with their shapes.
 *
 * @param updates the number of updates of this tensor so far
 * @param values the state arrays as float32 values, row-major
 * @param shapes the shape of each state array
 */
public record OptimizerParameterState(long updates, List<float[]> values, List<long[]> shapes) {

  /**
   * Validates the state.
   *
   * @param updates the number of updates, at least 0
   * @param values the state arrays
   * @param shapes one shape per array, whose size is the array's length
   */
  public OptimizerParameterState {
    values = List.copyOf(values);
    shapes = List.copyOf(shapes);
    if (updates < 0 || values.size() != shapes.size()) {
      throw new IllegalArgumentException("need updates >= 0 and one shape per array");
    }
    for (int i = 0; i < values.size(); i++) {
      long n = 1;
      for (long d : shapes.get(i)) {
        n *= d;
      }
      if (n != values.get(i).length) {
        throw new IllegalArgumentException("state array " + i + " holds " + values.get(i).length
            + " values for a shape of " + n);
      }
    }
  }
}
