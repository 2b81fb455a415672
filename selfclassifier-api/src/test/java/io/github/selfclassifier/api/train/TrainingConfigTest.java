package io.github.selfclassifier.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** Defaults, presets and validation of {@link TrainingConfig}. */
class TrainingConfigTest {

  @Test
  void paperDefaultsAreThePapers() {
    TrainingConfig c = TrainingConfig.paperDefaults();
    assertThat(c.epochs()).isEqualTo(800);
    assertThat(c.batchSize()).isEqualTo(4096);
    assertThat(c.warmupEpochs()).isEqualTo(10);
    assertThat(c.baseLearningRate()).isEqualTo(4.8);
    assertThat(c.queueLength()).isEqualTo(262_144);
    assertThat(c.engineName()).isEqualTo("PyTorch");
    assertThat(c.globalViews()).isEqualTo(2);
    assertThat(c.viewCount()).isEqualTo(2 + AugmentationConfig.imagenet().localCropCount());
    assertThat(c.checkpointFolder()).isEmpty();
  }

  @Test
  void scheduleSpansTheRun() {
    TrainingConfig c = TrainingConfig.builder().optEpochs(10).optWarmupEpochs(2).build();
    var schedule = c.schedule(5);
    assertThat(schedule.totalSteps()).isEqualTo(50);
    assertThat(schedule.warmupSteps()).isEqualTo(10);
    assertThat(schedule.at(0)).isEqualTo(0.3);
    assertThat(schedule.at(9)).isEqualTo(4.8);
  }

  @Test
  void smallGrayscaleMatchesItsComponents() {
    TrainingConfig c = TrainingConfig.smallGrayscale();
    assertThat(c.model()).isEqualTo(ModelConfig.smallGrayscale());
    assertThat(c.augmentation()).isEqualTo(AugmentationConfig.grayscale28());
    assertThat(c.baseLearningRate()).isEqualTo(0.3);
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThatThrownBy(() -> TrainingConfig.builder().optBatchSize(1).build())
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> TrainingConfig.builder().optBatchSize(512).optQueueLength(100).build())
        .hasMessageContaining("queueLength");
    assertThatThrownBy(() -> TrainingConfig.builder().optEpochs(5).optWarmupEpochs(6).build())
        .hasMessageContaining("warmupEpochs");
    assertThatThrownBy(() -> TrainingConfig.builder().optLearningRates(0.1, Double.NaN, 0).build())
        .hasMessageContaining("baseLearningRate");
    assertThatThrownBy(() -> TrainingConfig.builder()
            .optModel(ModelConfig.smallGrayscale()).optAugmentation(AugmentationConfig.imagenet()).build())
        .hasMessageContaining("channels");
  }
}
