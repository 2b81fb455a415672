package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.LarsTrustRatio;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Configs with every setting away from its default, for the JSON round-trip tests of the checkpoint, the
 * model file and {@link TrainingConfigJson}. ({@link TrainingConfigJsonTest} checks that every JSON value
 * differs from the paper defaults', so a setting added later without a changed value here is noticed.)
 */
public final class ConfigsWithEveryOption {

  private ConfigsWithEveryOption() {}

  /**
   * Every setting changed, with a TorchScript backbone. The config does not pair engine and backbone (MXNet
   * with TorchScript would fail when the trainer builds the network), which is irrelevant to its JSON form.
   *
   * @return the config
   */
  public static TrainingConfig withTorchScript() {
    return builder().optModel(modelBuilder()
        .optTorchScript(Path.of("backbones", "resnet tiny.pt"), 384).build()).build();
  }

  /**
   * As {@link #withTorchScript()} but with a built-in backbone of non-default kind and width, which a model
   * file can store.
   *
   * @return the config
   */
  public static TrainingConfig withBuiltInBackbone() {
    return builder().optModel(modelBuilder()
        .optBackbone(BackboneKind.CIFAR_RESNET18).optBackboneWidth(16).build()).build();
  }

  private static ModelConfig.Builder modelBuilder() {
    return ModelConfig.builder()
        .optBackboneTrainable(false)
        .optInputChannels(1)
        .optInputSize(40)
        .optMlpHiddenDim(96)
        .optMlpLayers(3)
        .optMlpBatchNorm(false)
        .optEmbeddingDim(24)
        .optClassesPerHead(List.of(7, 3, 11))
        .optFixedClassifierGains(true)
        .optNormEps(3e-6);
  }

  private static TrainingConfig.Builder builder() {
    return TrainingConfig.builder()
        .optEpochs(12)
        .optBatchSize(64)
        .optSeed(-1_234_567_890_123L)
        .optQueueLength(512)
        .optCheckpointEverySteps(25)
        .optCheckpointFolder(Path.of("runs", "fmnist", "checkpoints"))
        .optEngine("MXNet")
        .optDevices(List.of("gpu0", "gpu1"))
        .optLoaderThreads(3)
        .optPrefetchDepth(5)
        .optLogEverySteps(7)
        .optWarmupEpochs(2)
        .optLearningRates(0.01, 0.2, 0.001)
        .optLoss(LossConfig.builder().optRowTemperature(0.2).optColumnTemperature(0.07).optEps(1e-9).build())
        .optAugmentation(AugmentationConfig.builder()
            .optGlobalCropSize(40)
            .optLocalCropSize(18)
            .optLocalCropCount(3)
            .optGlobalCropScale(0.5, 0.95)
            .optLocalCropScale(0.08, 0.3)
            .optAspectRatio(0.6, 1.7)
            .optInterpolation(Interpolation.BILINEAR)
            .optFlipProbability(0.3)
            .optColorJitterProbability(0.6)
            .optColorJitter(0.3, 0.25, 0.15, 0.05)
            .optGrayscaleProbability(0.1)
            .optBlurProbabilities(0.9, 0.2, 0.4)
            .optBlurSigma(0.2, 1.5)
            .optSolarizeProbability(0.3)
            .optSolarizeThreshold(0.6)
            .optNormalization(new double[] {0.31}, new double[] {0.27})
            .build())
        .optOptimizer(OptimizerConfig.builder()
            .optKind(OptimizerKind.ADAMW)
            .optMomentum(0.8)
            .optTrustCoefficient(0.002)
            .optTrustRatio(LarsTrustRatio.DECAYED_GRADIENT_NORM)
            .optLarsEpsilon(1e-7)
            .optBetas(0.85, 0.99)
            .optAdamEpsilon(1e-7)
            .optWeightDecay(0.05)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build());
  }
}
