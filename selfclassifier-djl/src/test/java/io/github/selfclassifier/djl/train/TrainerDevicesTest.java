package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.api.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trainer on several (logical) devices. */
class TrainerDevicesTest {

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void trainsWithTheBatchSplitOverTwoDevices(String engine) {
    TrainingConfig config = TrainerTestSupport.smallConfig(engine)
        .optDevices(List.of("cpu", "cpu")).optEpochs(2).optBatchSize(128).optQueueLength(256).build();
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config).setData(TrainerTestSupport.resumeImages()).build()) {
      float[] before = trainer.parameterValues().values().iterator().next();
      trainer.fit();
      assertThat(trainer.globalStep()).isEqualTo(trainer.totalSteps()).isPositive();
      assertThat(trainer.parameterValues().values().iterator().next()).isNotEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void refusesABatchThatDoesNotSplitEvenly(String engine) {
    TrainingConfig config = TrainerTestSupport.smallConfig(engine)
        .optDevices(List.of("cpu", "cpu", "cpu")).optBatchSize(128).build();
    assertThatThrownBy(() -> SelfClassifierTrainer.builder()
        .setConfig(config).setData(TrainerTestSupport.resumeImages()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split evenly");
  }
}
