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
import io.github.selfclassifier.api.model.BackboneKind;
import java.util.Locale;

/**
 * The standard ResNets as torchvision defines them, without the final fully connected layer: the feature is
 * the global average of the last stage.
 *
 * <ul>
 *   <li>ResNet-18 / ResNet-34: {@code BasicBlock} stages [2, 2, 2, 2] / [3, 4, 6, 3], F = 8 * width (512).
 *   <li>ResNet-50: {@code Bottleneck} stages [3, 4, 6, 3] with the stride on the 3x3 convolution
 *       (torchvision's "v1.5"), F = 32 * width (2048).
 *   <li>ImageNet stem: 7x7 stride-2 convolution, BatchNorm, ReLU, 3x3 stride-2 max-pool (padding 1).
 *   <li>CIFAR ResNet-18: 3x3 stride-1 convolution, BatchNorm, ReLU and no max-pool, for 32x32 images (as in
 *       the Self-Classifier code's {@code resnet_cifar.py}).
 * </ul>
 *
 * <p>Stage i (1..4) has {@code width * 2^(i-1)} planes and stride 1 for the first stage, 2 for the others.
 * Convolutions have no bias and torchvision's Kaiming-normal (fan-out) initialisation; BatchNorm starts at
 * gamma 1, beta 0 (torchvision's {@code zero_init_residual} is off by default and not offered).
 *
 * <p>With width 64, the trainable parameter counts equal torchvision's minus the fc layer: ResNet-18
 * 11,176,512; ResNet-34 21,284,672; ResNet-50 23,508,032. Parameter paths follow torchvision's {@code
 * state_dict} keys ({@code conv1.weight}, {@code layer2.0.downsample.1.running_mean}, ...) through {@link
 * TorchStateDictNames}.
 */
public final class ResNetBackbone extends BackboneBlock {

  private final boolean imageNetStem;
  private final Conv2d conv1;
  private final TorchStyleBatchNorm bn1;
  private final NamedSequentialBlock[] layers = new NamedSequentialBlock[4];

  private ResNetBackbone(
      String name,
      boolean bottleneck,
      int[] blocksPerStage,
      boolean imageNetStem,
      int width,
      int inputChannels,
      int inputSize,
      boolean trainable) {
    super(
        name,
        (bottleneck ? 32 : 8) * width,
        inputChannels,
        inputSize,
        trainable);
    if (width <= 0 || inputChannels <= 0 || inputSize <= 0) {
      throw new IllegalArgumentException(
          "width, inputChannels and inputSize must be positive: " + width + ", " + inputChannels + ", "
              + inputSize);
    }
    this.imageNetStem = imageNetStem;
    conv1 = addChildBlock("conv1", imageNetStem ? Layers.conv(width, 7, 2, 3) : Layers.conv(width, 3, 1, 1));
    bn1 = addChildBlock("bn1", Layers.batchNorm());
    int inChannels = width;
    for (int stage = 0; stage < 4; stage++) {
      int planes = width << stage;
      int stride = stage == 0 ? 1 : 2;
      NamedSequentialBlock layer = new NamedSequentialBlock();
      for (int b = 0; b < blocksPerStage[stage]; b++) {
        ResidualBlock block =
            bottleneck
                ? ResidualBlock.bottleneck(inChannels, planes, b == 0 ? stride : 1)
                : ResidualBlock.basic(inChannels, planes, b == 0 ? stride : 1);
        layer.add(Integer.toString(b), block);
        inChannels = block.outChannels();
      }
      layers[stage] = addChildBlock("layer" + (stage + 1), layer);
    }
  }

  /**
   * Builds the ResNet of a {@link BackboneKind}.
   *
   * @param kind one of {@code RESNET18, RESNET34, RESNET50, CIFAR_RESNET18}
   * @param width the base width (torchvision: 64)
   * @param inputChannels the image channels
   * @param inputSize the nominal image side (any size works; the features are globally pooled)
   * @param trainable false to freeze
   * @return the backbone
   * @throws IllegalArgumentException for another kind or a non-positive size
   */
  public static ResNetBackbone of(
      BackboneKind kind, int width, int inputChannels, int inputSize, boolean trainable) {
    String name = kind.name().toLowerCase(Locale.ROOT);
    switch (kind) {
      case RESNET18:
        return new ResNetBackbone(
            name, false, new int[] {2, 2, 2, 2}, true, width, inputChannels, inputSize, trainable);
      case RESNET34:
        return new ResNetBackbone(
            name, false, new int[] {3, 4, 6, 3}, true, width, inputChannels, inputSize, trainable);
      case RESNET50:
        return new ResNetBackbone(
            name, true, new int[] {3, 4, 6, 3}, true, width, inputChannels, inputSize, trainable);
      case CIFAR_RESNET18:
        return new ResNetBackbone(
            name, false, new int[] {2, 2, 2, 2}, false, width, inputChannels, inputSize, trainable);
      default:
        throw new IllegalArgumentException("not a ResNet: " + kind);
    }
  }

  /**
   * torchvision's ResNet-18 for RGB 224x224 images, trainable.
   *
   * @return the backbone (F = 512)
   */
  public static ResNetBackbone resnet18() {
    return of(BackboneKind.RESNET18, 64, 3, 224, true);
  }

  /**
   * torchvision's ResNet-34 for RGB 224x224 images, trainable.
   *
   * @return the backbone (F = 512)
   */
  public static ResNetBackbone resnet34() {
    return of(BackboneKind.RESNET34, 64, 3, 224, true);
  }

  /**
   * torchvision's ResNet-50 for RGB 224x224 images, trainable.
   *
   * @return the backbone (F = 2048)
   */
  public static ResNetBackbone resnet50() {
    return of(BackboneKind.RESNET50, 64, 3, 224, true);
  }

  /**
   * ResNet-18 with the CIFAR stem for RGB 32x32 images, trainable.
   *
   * @return the backbone (F = 512)
   */
  public static ResNetBackbone cifarResnet18() {
    return of(BackboneKind.CIFAR_RESNET18, 64, 3, 32, true);
  }

  @Override
  protected NDList forwardFeatures(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = bn1.forward(ps, conv1.forward(ps, inputs, training, params), training, params);
    NDArray stem = Activation.relu(x.singletonOrThrow());
    if (imageNetStem) {
      stem = Layers.maxPool(stem, 3, 2, 1);
    }
    x = new NDList(stem);
    for (NamedSequentialBlock layer : layers) {
      x = layer.forward(ps, x, training, params);
    }
    return new NDList(Layers.globalAveragePool(x.singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] s = initializeInOrder(manager, dataType, inputShapes, conv1, bn1);
    if (imageNetStem) {
      s = new Shape[] {Layers.maxPoolShape(s[0], 3, 2, 1)};
    }
    initializeInOrder(manager, dataType, s, layers);
  }
}
