package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Row-wise L2 normalisation as PyTorch's {@code F.normalize(x, dim=1, eps)}: {@code x / max(||x||_2, eps)}.
 *
 * <p>Built from square, sum, sqrt, maximum and divide, which both engines have (MXNet has no {@code
 * normalize}). The eps is an array in the input's manager rather than a Java number: with the PyTorch engine
 * a number operand becomes a temporary that is freed right after the operation while autograd may still
 * hold it, so it must outlive the backward pass.
 */
final class L2Normalization {

  private L2Normalization() {}

  /**
   * Normalises each row of a matrix.
   *
   * @param x a (N, D) array
   * @param eps the lower bound of the norm, positive
   * @return x with each row divided by max(its L2 norm, eps)
   */
  static NDArray normalizeRows(NDArray x, float eps) {
    NDArray epsArray = x.getManager().full(new Shape(1, 1), eps, x.getDataType(), x.getDevice());
    NDArray norm = x.square().sum(new int[] {1}, true).sqrt();
    return x.div(norm.maximum(epsArray));
  }
}
