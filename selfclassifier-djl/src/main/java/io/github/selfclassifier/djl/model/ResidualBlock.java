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
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's residual units: {@code BasicBlock} (two 3x3 convolutions) and {@code Bottleneck} (1x1, 3x3,
 * 1x1 with expansion 4 and the stride on the 3x3 convolution, "ResNet v1.5").
 *
 * <p>Output: {@code relu(bn_k(conv_k(...relu(bn_1(conv_1(x)))...)) + shortcut(x))}, where the shortcut is
 * the identity, or {@code downsample = [1x1 conv with the stride, BatchNorm]} when the stride is not 1 or
 * the channel count changes. Children are named as in torchvision: {@code conv1, bn1, conv2, bn2, [conv3,
 * bn3], [downsample.0, downsample.1]}.
 */
final class ResidualBlock extends AbstractBlockWithChildren {

  private final List<Conv2d> convs = new ArrayList<>();
  private final List<TorchStyleBatchNorm> norms = new ArrayList<>();
  private final NamedSequentialBlock downsample;
  private final int outChannels;

  private ResidualBlock(int[][] convSpecs, int inChannels, int stride) {
    // convSpecs rows: {filters, kernel, stride, padding}
    for (int i = 0; i < convSpecs.length; i++) {
      int[] s = convSpecs[i];
      convs.add(addChildBlock("conv" + (i + 1), Layers.conv(s[0], s[1], s[2], s[3])));
      norms.add(addChildBlock("bn" + (i + 1), Layers.batchNorm()));
    }
    outChannels = convSpecs[convSpecs.length - 1][0];
    if (stride != 1 || inChannels != outChannels) {
      downsample =
          addChildBlock(
              "downsample",
              new NamedSequentialBlock()
                  .add("0", Layers.conv(outChannels, 1, stride, 0))
                  .add("1", Layers.batchNorm()));
    } else {
      downsample = null;
    }
  }

  /** torchvision's {@code BasicBlock(inplanes, planes, stride)}; output channels {@code planes}. */
  static ResidualBlock basic(int inChannels, int planes, int stride) {
    return new ResidualBlock(
        new int[][] {{planes, 3, stride, 1}, {planes, 3, 1, 1}}, inChannels, stride);
  }

  /** torchvision's {@code Bottleneck(inplanes, planes, stride)}; output channels {@code 4 * planes}. */
  static ResidualBlock bottleneck(int inChannels, int planes, int stride) {
    return new ResidualBlock(
        new int[][] {{planes, 1, 1, 0}, {planes, 3, stride, 1}, {4 * planes, 1, 1, 0}},
        inChannels,
        stride);
  }

  int outChannels() {
    return outChannels;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    for (int i = 0; i < convs.size(); i++) {
      x = norms.get(i).forward(ps, convs.get(i).forward(ps, x, training, params), training, params);
      if (i < convs.size() - 1) {
        x = new NDList(Activation.relu(x.singletonOrThrow()));
      }
    }
    NDArray shortcut =
        downsample == null
            ? inputs.singletonOrThrow()
            : downsample.forward(ps, inputs, training, params).singletonOrThrow();
    return new NDList(Activation.relu(x.singletonOrThrow().add(shortcut)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] s = inputShapes;
    for (Conv2d conv : convs) {
      s = conv.getOutputShapes(s);
    }
    return s;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] s = inputShapes;
    for (int i = 0; i < convs.size(); i++) {
      s = initializeInOrder(manager, dataType, s, convs.get(i), norms.get(i));
    }
    if (downsample != null) {
      downsample.initialize(manager, dataType, inputShapes);
    }
  }
}
