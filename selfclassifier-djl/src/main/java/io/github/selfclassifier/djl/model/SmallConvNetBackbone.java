package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A small convolutional backbone for 28x28 grayscale images (Fashion-MNIST, MNIST); not from the paper.
 *
 * <p>Four stages of {@code conv3x3 (padding 1, no bias) - BatchNorm - ReLU} with {@code w, 2w, 4w, 8w}
 * channels; a 2x2 stride-2 max-pool after each of the first three stages (28 -> 14 -> 7 -> 3); then global
 * average pooling, so F = 8w. With the default w = 32: 388,320 trainable parameters (convolutions 387,360, BatchNorm 960), F
 * = 256, about 10 million multiply-adds per 28x28 image, so a CPU does a batch of 256 in a few tens of
 * milliseconds. Children are named {@code conv1, bn1, ..., conv4, bn4}.
 */
public final class SmallConvNetBackbone extends BackboneBlock {

  private static final int STAGES = 4;

  private final Conv2d[] convs = new Conv2d[STAGES];
  private final TorchStyleBatchNorm[] norms = new TorchStyleBatchNorm[STAGES];

  /**
   * Creates the network.
   *
   * @param width channels of the first stage (default 32)
   * @param inputChannels image channels (1 for grayscale)
   * @param inputSize nominal image side, at least 8 (three 2x2 poolings)
   * @param trainable false to freeze
   */
  public SmallConvNetBackbone(int width, int inputChannels, int inputSize, boolean trainable) {
    super("small_cnn", 8 * width, inputChannels, inputSize, trainable);
    if (width <= 0 || inputChannels <= 0 || inputSize < 8) {
      throw new IllegalArgumentException(
          "width and inputChannels must be positive and inputSize at least 8: "
              + width + ", " + inputChannels + ", " + inputSize);
    }
    for (int i = 0; i < STAGES; i++) {
      convs[i] = addChildBlock("conv" + (i + 1), Layers.conv(width << i, 3, 1, 1));
      norms[i] = addChildBlock("bn" + (i + 1), Layers.batchNorm());
    }
  }

  @Override
  protected NDList forwardFeatures(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    for (int i = 0; i < STAGES; i++) {
      x = norms[i].forward(ps, convs[i].forward(ps, x, training, params), training, params);
      NDArray y = Activation.relu(x.singletonOrThrow());
      if (i < STAGES - 1) {
        y = Layers.maxPool(y, 2, 2, 0);
      }
      x = new NDList(y);
    }
    return new NDList(Layers.globalAveragePool(x.singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] s = inputShapes;
    for (int i = 0; i < STAGES; i++) {
      s = initializeInOrder(manager, dataType, s, convs[i], norms[i]);
      if (i < STAGES - 1) {
        s = new Shape[] {Layers.maxPoolShape(s[0], 2, 2, 0)};
      }
    }
  }
}
