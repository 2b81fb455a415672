package io.github.selfclassifier.api.model;

/**
 * The backbone networks an engine module can build from a {@link ModelConfig}.
 *
 * <p>The ResNets are the torchvision definitions (He et al., 2016, with the "v1.5" stride placement of
 * torchvision's ResNet-50) without the final fully connected layer; their feature is the global average of
 * the last stage.
 */
public enum BackboneKind {
  /** torchvision ResNet-18: basic blocks [2, 2, 2, 2], ImageNet stem; feature dim {@code 8 * width} (512). */
  RESNET18(64),
  /** torchvision ResNet-34: basic blocks [3, 4, 6, 3], ImageNet stem; feature dim {@code 8 * width} (512). */
  RESNET34(64),
  /**
   * torchvision ResNet-50: bottleneck blocks [3, 4, 6, 3] with the stride on the 3x3 convolution, ImageNet
   * stem; feature dim {@code 32 * width} (2048). The paper's backbone.
   */
  RESNET50(64),
  /**
   * ResNet-18 for 32x32 images (CIFAR style): 3x3 stride-1 stem and no max-pool, otherwise as {@link
   * #RESNET18}; feature dim {@code 8 * width} (512).
   */
  CIFAR_RESNET18(64),
  /**
   * A small convolutional network for 28x28 grayscale images: four conv3x3-BatchNorm-ReLU stages of widths
   * {@code w, 2w, 4w, 8w}, 2x2 max-pooling after the first three, global average pooling; feature dim
   * {@code 8 * width} (256 for the default width 32). Not from the paper: a fast CPU backbone.
   */
  SMALL_CNN(32),
  /**
   * A user-supplied TorchScript module (PyTorch engine only) that maps an image batch to a {@code (batch,
   * featureDim)} matrix; its feature dimension must be given in the config.
   */
  TORCHSCRIPT(0);

  private final int defaultWidth;

  BackboneKind(int defaultWidth) {
    this.defaultWidth = defaultWidth;
  }

  /**
   * The default base width (channels of the first stage): 64 for the ResNets (torchvision), 32 for {@link
   * #SMALL_CNN}; 0 for {@link #TORCHSCRIPT}, where the width is not ours to choose.
   *
   * @return the default width, or 0 when not applicable
   */
  public int defaultWidth() {
    return defaultWidth;
  }

  /**
   * The feature dimension this backbone gives for a base width.
   *
   * @param width the base width (channels of the first stage)
   * @return {@code 32 * width} for {@link #RESNET50}, {@code 8 * width} for the other built-in backbones
   * @throws UnsupportedOperationException for {@link #TORCHSCRIPT}, whose dimension is configured
   */
  public int featureDim(int width) {
    switch (this) {
      case RESNET50:
        return 32 * width;
      case RESNET18:
      case RESNET34:
      case CIFAR_RESNET18:
      case SMALL_CNN:
        return 8 * width;
      default:
        throw new UnsupportedOperationException("the feature dimension of " + this + " is configured");
    }
  }
}
