package io.github.selfclassifier.djl.model;

import io.github.selfclassifier.api.model.ModelConfig;

/**
 * Builds DJL blocks from a {@link ModelConfig}. The blocks are not initialised: call {@code
 * block.initialize(manager, DataType.FLOAT32, new Shape(N, C, H, W))}, or set the block on a DJL {@code
 * Model} and let a trainer initialise it.
 */
public final class SelfClassifierModels {

  private SelfClassifierModels() {}

  /**
   * The whole network: backbone, MLP head, classifiers.
   *
   * @param config the configuration
   * @return the uninitialised network
   */
  public static SelfClassifierBlock build(ModelConfig config) {
    return new SelfClassifierBlock(buildBackbone(config), buildHead(config), buildClassifiers(config));
  }

  /**
   * The backbone alone.
   *
   * @param config the configuration
   * @return the uninitialised backbone; a TorchScript one reads its file when initialised
   */
  public static BackboneBlock buildBackbone(ModelConfig config) {
    switch (config.backbone()) {
      case RESNET18:
      case RESNET34:
      case RESNET50:
      case CIFAR_RESNET18:
        return ResNetBackbone.of(
            config.backbone(),
            config.backboneWidth(),
            config.inputChannels(),
            config.inputSize(),
            config.backboneTrainable());
      case SMALL_CNN:
        return new SmallConvNetBackbone(
            config.backboneWidth(), config.inputChannels(), config.inputSize(), config.backboneTrainable());
      case TORCHSCRIPT:
        return new TorchScriptBackbone(
            config.torchScriptPath().orElseThrow(),
            config.backboneFeatureDim(),
            config.inputChannels(),
            config.inputSize(),
            config.backboneTrainable());
      default:
        throw new IllegalArgumentException("unknown backbone " + config.backbone());
    }
  }

  /**
   * The MLP head alone.
   *
   * @param config the configuration
   * @return the uninitialised head
   */
  public static ProjectionHead buildHead(ModelConfig config) {
    return new ProjectionHead(
        config.mlpHiddenDim(),
        config.mlpLayers(),
        config.mlpBatchNorm(),
        config.embeddingDim(),
        config.normEps());
  }

  /**
   * The classifiers alone.
   *
   * @param config the configuration
   * @return the uninitialised classifiers
   */
  public static WeightNormClassifiers buildClassifiers(ModelConfig config) {
    return new WeightNormClassifiers(
        config.classesPerHead(), config.embeddingDim(), config.fixedClassifierGains());
  }
}
