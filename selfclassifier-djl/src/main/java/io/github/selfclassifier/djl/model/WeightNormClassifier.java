package io.github.selfclassifier.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One classifier head: a bias-free, weight-normalised linear layer, as PyTorch's {@code
 * weight_norm(nn.Linear(d, C, bias=False))}. Input {@code NDList(z)} with z of shape {@code (N, d)}; output
 * {@code NDList(logits)} of shape {@code (N, C)}.
 *
 * <p>Row c of the weight is {@code g_c * v_c / ||v_c||}, so {@code logits[n][c] = g_c * <z_n, v_c> /
 * ||v_c||}, which is {@code g_c * cos(z_n, v_c)} for a unit-norm z. Parameters, named as PyTorch's:
 *
 * <ul>
 *   <li>{@code weight_v}, shape (C, d), type WEIGHT: initialised as PyTorch's default {@code nn.Linear}
 *       weight, U(-1/sqrt(d), 1/sqrt(d)) (Kaiming-uniform with a = sqrt(5)), which is what the reference
 *       does; only its direction matters.
 *   <li>{@code weight_g}, shape (C, 1), type GAMMA: starts at 1 (the reference's {@code
 *       weight_g.data.fill_(1)}); absent when the gains are fixed, in which case every gain is the constant 1.
 * </ul>
 *
 * <p>There is no eps in the row normalisation, as in PyTorch's weight norm: a zero row gives NaN.
 */
public final class WeightNormClassifier extends AbstractBlock {

  private final int classes;
  private final int embeddingDim;
  private final Parameter weightV;
  private final Parameter weightG;

  /**
   * Creates the head.
   *
   * @param classes the number of classes C, positive
   * @param embeddingDim the embedding dimension d, positive
   * @param fixedGains true for gains fixed at 1 (no {@code weight_g} parameter)
   */
  public WeightNormClassifier(int classes, int embeddingDim, boolean fixedGains) {
    super((byte) 1);
    if (classes <= 0 || embeddingDim <= 0) {
      throw new IllegalArgumentException(
          "classes and embeddingDim must be positive: " + classes + ", " + embeddingDim);
    }
    this.classes = classes;
    this.embeddingDim = embeddingDim;
    weightV =
        addParameter(
            Parameter.builder()
                .setName("weight_v")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, embeddingDim))
                .optInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(embeddingDim))))
                .build());
    weightG =
        fixedGains
            ? null
            : addParameter(
                Parameter.builder()
                    .setName("weight_g")
                    .setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(classes, 1))
                    .optInitializer(Initializer.ONES)
                    .build());
  }

  /**
   * The number of classes.
   *
   * @return C
   */
  public int classes() {
    return classes;
  }

  /**
   * Whether the gains are fixed at 1.
   *
   * @return true if there is no gain parameter
   */
  public boolean fixedGains() {
    return weightG == null;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.singletonOrThrow();
    if (z.getShape().dimension() != 2 || z.getShape().get(1) != embeddingDim) {
      throw new IllegalArgumentException(
          "expected embeddings of shape (N, " + embeddingDim + "), got " + z.getShape());
    }
    Device device = z.getDevice();
    NDArray v = ps.getValue(weightV, device, training);
    NDArray w = v.div(v.square().sum(new int[] {1}, true).sqrt());
    if (weightG != null) {
      w = w.mul(ps.getValue(weightG, device, training));
    }
    return new NDList(z.matMul(w.transpose()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }
}
