package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The MLP head: features {@code (N, F)} to the L2-normalised embedding {@code (N, d)}.
 *
 * <p>With n layers: {@code Linear(F, hidden), [BatchNorm1d(hidden)], LeakyReLU(0.01)}, repeated n - 1 times,
 * then {@code Linear(hidden, d)}; with n = 1 a single {@code Linear(F, d)}. Then {@code z = x / max(||x||,
 * eps)} row-wise. This is the Self-Classifier code's {@code MLPHead} (the slope 0.01 is PyTorch's {@code
 * nn.LeakyReLU} default). Linear weights start as the reference's {@code trunc_normal_(std=0.02)}, whose
 * bounds are the absolute values +-2, 100 standard deviations out, so in effect N(0, 0.02^2); biases at 0.
 * BatchNorm as PyTorch's (eps 1e-5, momentum 0.1 in PyTorch's convention).
 *
 * <p>The layers are the child {@code mlp}, indexed as the reference's {@code nn.Sequential}: with BatchNorm
 * {@code mlp.0} Linear, {@code mlp.1} BatchNorm, {@code mlp.2} LeakyReLU, {@code mlp.3} Linear, ...
 */
public final class ProjectionHead extends AbstractBlock {

  /** PyTorch's default negative slope of {@code nn.LeakyReLU}. */
  public static final float LEAKY_RELU_SLOPE = 0.01f;

  private final int hiddenDim;
  private final int layers;
  private final boolean batchNorm;
  private final int embeddingDim;
  private final float eps;
  private final NamedSequentialBlock mlp;

  /**
   * Creates the head; the input dimension F is taken from the input shape at initialisation.
   *
   * @param hiddenDim hidden width (paper 4096)
   * @param layers number of linear layers, at least 1 (paper 2)
   * @param batchNorm BatchNorm after each hidden linear layer (paper true)
   * @param embeddingDim output dimension d (paper 128)
   * @param eps normalisation eps (paper 1e-7)
   */
  public ProjectionHead(int hiddenDim, int layers, boolean batchNorm, int embeddingDim, double eps) {
    super((byte) 1);
    if (hiddenDim <= 0 || layers < 1 || embeddingDim <= 0 || !(eps > 0)) {
      throw new IllegalArgumentException(
          "need hiddenDim > 0, layers >= 1, embeddingDim > 0, eps > 0: "
              + hiddenDim + ", " + layers + ", " + embeddingDim + ", " + eps);
    }
    this.hiddenDim = hiddenDim;
    this.layers = layers;
    this.batchNorm = batchNorm;
    this.embeddingDim = embeddingDim;
    this.eps = (float) eps;
    NamedSequentialBlock seq = new NamedSequentialBlock();
    int index = 0;
    for (int i = 0; i < layers - 1; i++) {
      seq.add(Integer.toString(index++), linear(hiddenDim));
      if (batchNorm) {
        seq.add(Integer.toString(index++), Layers.batchNorm());
      }
      seq.add(Integer.toString(index++), Layers.leakyRelu(LEAKY_RELU_SLOPE));
    }
    seq.add(Integer.toString(index), linear(embeddingDim));
    this.mlp = addChildBlock("mlp", seq);
  }

  private static Linear linear(int units) {
    Linear linear = Linear.builder().setUnits(units).optBias(true).build();
    linear.setInitializer(TimmTruncatedNormalInitializer.std002(), Parameter.Type.WEIGHT);
    return linear;
  }

  /**
   * The embedding dimension d.
   *
   * @return d
   */
  public int embeddingDim() {
    return embeddingDim;
  }

  /**
   * The hidden width.
   *
   * @return the hidden width
   */
  public int hiddenDim() {
    return hiddenDim;
  }

  /**
   * The number of linear layers.
   *
   * @return the layer count
   */
  public int layers() {
    return layers;
  }

  /**
   * Whether hidden layers have BatchNorm.
   *
   * @return true for BatchNorm
   */
  public boolean hasBatchNorm() {
    return batchNorm;
  }

  /**
   * The normalisation eps.
   *
   * @return eps
   */
  public float eps() {
    return eps;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = mlp.forward(ps, inputs, training, params);
    return new NDList(L2Normalization.normalizeRows(x.singletonOrThrow(), eps));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), embeddingDim)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    mlp.initialize(manager, dataType, inputShapes);
  }
}
