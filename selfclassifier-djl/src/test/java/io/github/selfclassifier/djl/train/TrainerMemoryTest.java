package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every per-step array is freed with its step: the number of live native arrays does not grow. */
class TrainerMemoryTest {

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void liveArraysStayConstantAcrossSteps(String engine) {
    TrainingConfig config = TrainerTestSupport.smallConfig(engine)
        .optEpochs(3).optBatchSize(128).optQueueLength(256).build();
    List<Integer> counts = new ArrayList<>();
    SelfClassifierTrainer[] holder = new SelfClassifierTrainer[1];
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config)
        .setData(TrainerTestSupport.resumeImages())
        .addListener(new TrainingListener() {
          @Override
          public void onStep(StepInfo step) {
            counts.add(holder[0].liveArrayCount());
          }
        })
        .build()) {
      holder[0] = trainer;
      trainer.fit();
    }
    System.out.printf("%s: live arrays per step %s%n", engine, counts);
    assertThat(counts).hasSize(18);
    // from the third step on, the optimiser state exists and the queue is full: nothing may accumulate
    assertThat(counts.subList(2, counts.size())).containsOnly(counts.get(2));
  }
}
