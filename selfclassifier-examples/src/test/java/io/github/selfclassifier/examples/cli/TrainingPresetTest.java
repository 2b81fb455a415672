package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.examples.cli.TrainingPreset.Overrides;
import io.github.selfclassifier.examples.cli.TrainingPreset.Preset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings {@code selfclassifier train} derives from a preset, the images and the user's options. */
class TrainingPresetTest {
  private static final Path FOLDER = Path.of("run/checkpoints");

  private static Overrides none() {
    return new Overrides(null, null, null, null, null, null, null, null, null, List.of(), "PyTorch", null, null);
  }

  private static Overrides batchAndLr(Integer epochs, Integer batch, Double lr) {
    return new Overrides(epochs, batch, lr, null, null, null, null, null, null, List.of(), "PyTorch", null, null);
  }

  @Test
  void withoutOverridesTheSmallPresetOnFashionMnistIsTheLibrarysPreset() {
    TrainingConfig c = TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, none());
    assertThat(c).isEqualTo(TrainingConfig.smallGrayscaleBuilder().optCheckpointFolder(FOLDER).build());
  }

  @Test
  void withoutOverridesTheFashionMnistPresetIsTheLibrarysTunedPreset() {
    TrainingConfig c = TrainingPreset.configure(Preset.FASHION_MNIST, 28, 1, 70_000, FOLDER, none());
    assertThat(c).isEqualTo(TrainingConfig.fashionMnistBuilder().optCheckpointFolder(FOLDER).build());
    assertThat(TrainingPreset.describe(Preset.FASHION_MNIST, c))
        .startsWith("preset fashion-mnist: SMALL_CNN (width 16), heads [10, 20, 40, 80], batch 256, 22 epochs");
  }

  @Test
  void presetsAreNamedOnTheCommandLineInLowerCaseWithHyphens() {
    TrainCommand.PresetConverter converter = new TrainCommand.PresetConverter();
    for (Preset p : Preset.values()) {
      assertThat(converter.convert(TrainingPreset.cliName(p))).isEqualTo(p);
    }
    assertThat(TrainingPreset.cliName(Preset.FASHION_MNIST)).isEqualTo("fashion-mnist");
    assertThat(converter.convert("Fashion-MNIST")).isEqualTo(Preset.FASHION_MNIST);
  }

  @Test
  void theFashionMnistPresetRefusesOtherImageShapes() {
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.FASHION_MNIST, 32, 1, 70_000, FOLDER, none()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--preset fashion-mnist trains on 28x28 grayscale images, not 32x32 with 1 channels");
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.FASHION_MNIST, 28, 3, 70_000, FOLDER, none()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("not 28x28 with 3 channels");
  }

  @Test
  void withoutOverridesTheImagenetPresetOnImagenetIsThePaper() {
    TrainingConfig c = TrainingPreset.configure(Preset.IMAGENET, 224, 3, 1_281_167, FOLDER, none());
    assertThat(c).isEqualTo(TrainingConfig.builder().optCheckpointFolder(FOLDER).build());
  }

  @Test
  void theDefaultPresetDependsOnTheImageSize() {
    assertThat(TrainingPreset.defaultFor(28)).isEqualTo(Preset.SMALL);
    assertThat(TrainingPreset.defaultFor(63)).isEqualTo(Preset.SMALL);
    assertThat(TrainingPreset.defaultFor(64)).isEqualTo(Preset.IMAGENET);
    assertThat(TrainingPreset.defaultFor(224)).isEqualTo(Preset.IMAGENET);
  }

  @Test
  void aSmallerBatchScalesTheLearningRatesLinearly() {
    TrainingConfig c = TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, batchAndLr(null, 64, null));
    assertThat(c.batchSize()).isEqualTo(64);
    assertThat(c.startLearningRate()).isCloseTo(0.01875 / 4, within(1e-15));
    assertThat(c.baseLearningRate()).isCloseTo(0.3 / 4, within(1e-15));
    assertThat(c.finalLearningRate()).isCloseTo(0.0003 / 4, within(1e-15));

    TrainingConfig paper = TrainingPreset.configure(Preset.IMAGENET, 224, 3, 1_281_167, FOLDER,
        batchAndLr(null, 256, null));
    assertThat(paper.baseLearningRate()).isCloseTo(4.8 * 256 / 4096, within(1e-15));
  }

  @Test
  void aBaseRateScalesStartAndFinalByTheSameFactorWhateverTheBatch() {
    TrainingConfig c = TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, batchAndLr(null, 64, 0.6));
    assertThat(c.baseLearningRate()).isEqualTo(0.6);
    assertThat(c.startLearningRate()).isCloseTo(0.0375, within(1e-15));
    assertThat(c.finalLearningRate()).isCloseTo(0.0006, within(1e-15));
  }

  @Test
  void theWarmupIsAtMostATenthOfTheEpochs() {
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, batchAndLr(30, null, null))
        .warmupEpochs()).isEqualTo(3);
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, batchAndLr(9, null, null))
        .warmupEpochs()).isZero();
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, batchAndLr(400, null, null))
        .warmupEpochs()).isEqualTo(10);
  }

  @Test
  void theQueueHoldsAtMostAQuarterOfTheImagesAndIsOffBelowABatch() {
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 10_000, FOLDER, none()).queueLength())
        .isEqualTo(2_500);
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 1_000, FOLDER, none()).queueLength()).isZero();
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 1_000, FOLDER, batchAndLr(null, 64, null))
        .queueLength()).isEqualTo(250);
    Overrides queue = new Overrides(null, 64, null, null, null, 100, null, null, null, List.of(), "PyTorch",
        null, null);
    assertThat(TrainingPreset.configure(Preset.SMALL, 28, 1, 1_000, FOLDER, queue).queueLength()).isEqualTo(100);
  }

  @Test
  void theSmallPresetFollowsColourImagesOfAnotherSize() {
    TrainingConfig c = TrainingPreset.configure(Preset.SMALL, 32, 3, 50_000, FOLDER, none());
    ModelConfig m = c.model();
    assertThat(m.backbone()).isEqualTo(BackboneKind.SMALL_CNN);
    assertThat(m.inputChannels()).isEqualTo(3);
    assertThat(m.inputSize()).isEqualTo(32);
    AugmentationConfig a = c.augmentation();
    AugmentationConfig imagenet = AugmentationConfig.imagenet();
    assertThat(a.globalCropSize()).isEqualTo(32);
    assertThat(a.localCropSize()).isEqualTo(18); // 32 * 16 / 28 = 18.3
    assertThat(a.normalizationMean()).containsExactly(imagenet.normalizationMean());
    assertThat(a.saturation()).isEqualTo(imagenet.saturation());
    assertThat(a.grayscaleProbability()).isEqualTo(imagenet.grayscaleProbability());
    assertThat(a.blurSigma()).isEqualTo(AugmentationConfig.grayscale28().blurSigma());
  }

  @Test
  void theImagenetPresetScalesItsCropsWithTheImages() {
    TrainingConfig c = TrainingPreset.configure(Preset.IMAGENET, 96, 3, 100_000, FOLDER,
        batchAndLr(10, 32, null));
    assertThat(c.model().backbone()).isEqualTo(BackboneKind.RESNET50);
    assertThat(c.model().inputSize()).isEqualTo(96);
    assertThat(c.augmentation().globalCropSize()).isEqualTo(96);
    assertThat(c.augmentation().localCropSize()).isEqualTo(41); // 96 * 96 / 224 = 41.1
    assertThat(c.epochs()).isEqualTo(10);
    assertThat(c.warmupEpochs()).isEqualTo(1);
  }

  @Test
  void modelOverridesReachTheModel() {
    Overrides o = new Overrides(null, null, null, List.of(5, 15), 8, null, 2, 0L, 42L, List.of("cpu"), "MXNet",
        1, 7L);
    TrainingConfig c = TrainingPreset.configure(Preset.SMALL, 28, 1, 70_000, FOLDER, o);
    assertThat(c.model().classesPerHead()).containsExactly(5, 15);
    assertThat(c.model().backboneWidth()).isEqualTo(8);
    assertThat(c.augmentation().localCropCount()).isEqualTo(2);
    assertThat(c.checkpointEverySteps()).isZero();
    assertThat(c.seed()).isEqualTo(42);
    assertThat(c.devices()).containsExactly("cpu");
    assertThat(c.engineName()).isEqualTo("MXNet");
    assertThat(c.loaderThreads()).isEqualTo(1);
    assertThat(c.logEverySteps()).isEqualTo(7);
    assertThat(c.checkpointFolder()).contains(FOLDER);
  }

  @Test
  void settingsThatCannotWorkAreErrorsNamingTheOption() {
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.IMAGENET, 28, 1, 70_000, FOLDER, none()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--preset imagenet needs images of at least 64 px");
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.IMAGENET, 96, 1, 70_000, FOLDER, none()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--channels 3");
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.SMALL, 28, 1, 80, FOLDER, none()))
        .isInstanceOf(CliException.class)
        .hasMessage("the batch of 256 images is larger than the 80 training images, so an epoch would have no"
            + " full batch; use --batch-size 80 or less");
    Overrides shortQueue = new Overrides(null, 64, null, null, null, 10, null, null, null, List.of(), "PyTorch",
        null, null);
    assertThatThrownBy(() -> TrainingPreset.configure(Preset.SMALL, 28, 1, 1_000, FOLDER, shortQueue))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("invalid training settings: queueLength must be 0 (off) or at least the batch");
  }
}
