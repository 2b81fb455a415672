package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/** The layers the backbones are made of, with torchvision's initialisation. */
final class Layers {

  /**
   * torchvision's {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}: N(0, 2 / fan_out) with
   * fan_out = out_channels * kernel area; DJL's Xavier with a Gaussian, the "out" factor and magnitude 2 is
   * exactly that.
   */
  static final Initializer KAIMING_NORMAL_FAN_OUT =
      new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

  private Layers() {}

  /**
   * A bias-free square convolution (a BatchNorm follows every one), Kaiming-initialised; a {@link
   * FilterPaddedConv2d}, so that its input gradient stays finite on PyTorch whatever its number of filters.
   */
  static Conv2d conv(int filters, int kernel, int stride, int padding) {
    Conv2d conv =
        new FilterPaddedConv2d(
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false));
    conv.setInitializer(KAIMING_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
    return conv;
  }

  /**
   * BatchNorm over axis 1 with PyTorch's defaults and semantics on both engines: eps 1e-5, running averages
   * updated in the forward pass as {@code 0.9 * running + 0.1 * batch} (PyTorch's momentum 0.1) with the
   * unbiased batch variance; gamma 1, beta 0. See {@link TorchStyleBatchNorm} for why not DJL's BatchNorm.
   */
  static TorchStyleBatchNorm batchNorm() {
    return new TorchStyleBatchNorm(1e-5f, 0.1f);
  }

  /** ReLU as a block. */
  static ParameterFreeBlock relu() {
    return ParameterFreeBlock.elementwise("ReLU", Activation::relu);
  }

  /** LeakyReLU with the given negative slope as a block. */
  static ParameterFreeBlock leakyRelu(float slope) {
    return ParameterFreeBlock.elementwise("LeakyReLU(" + slope + ")", x -> Activation.leakyRelu(x, slope));
  }

  /** Max-pooling of an NCHW batch, no ceil mode (as PyTorch's default). */
  static NDArray maxPool(NDArray x, int kernel, int stride, int padding) {
    return Pool.maxPool2d(
        x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), false);
  }

  /** The NCHW shape after {@link #maxPool}. */
  static Shape maxPoolShape(Shape in, int kernel, int stride, int padding) {
    return new Shape(
        in.get(0),
        in.get(1),
        pooledSize(in.get(2), kernel, stride, padding),
        pooledSize(in.get(3), kernel, stride, padding));
  }

  private static long pooledSize(long size, int kernel, int stride, int padding) {
    return Math.floorDiv(size + 2L * padding - kernel, stride) + 1;
  }

  /**
   * Global average pooling: (N, C, H, W) to (N, C), as a mean over one axis of the (N, C, H * W) view
   * (DJL's PyTorch engine averages over a single axis only).
   */
  static NDArray globalAveragePool(NDArray x) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
  }
}
