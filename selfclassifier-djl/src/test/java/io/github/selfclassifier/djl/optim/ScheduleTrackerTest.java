package io.github.selfclassifier.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.optim.WarmupCosineSchedule;
import org.junit.jupiter.api.Test;

class ScheduleTrackerTest {
  private final WarmupCosineSchedule schedule =
      WarmupCosineSchedule.builder().optWarmupSteps(30).setTotalSteps(100).build();

  @Test
  void valuesFollowTheStepTheTrainerSetsNotDjlsUpdateCount() {
    ScheduleTracker tracker = new ScheduleTracker(schedule);
    assertThat(tracker.step()).isZero();
    assertThat(tracker.getNewValue(1)).isEqualTo(0.3f);
    assertThat(tracker.getNewValue("any", 57)).as("DJL's WarmUpTracker would say 0.45 at its first update").isEqualTo(0.3f);
    tracker.setStep(29);
    assertThat(tracker.getNewValue(0)).isEqualTo(4.8f);
    assertThat(tracker.currentValue()).isEqualTo(4.8);
    assertThat(tracker.advance()).isEqualTo(30);
    for (long step = 30; step < 100; step++) {
      tracker.setStep(step);
      assertThat(tracker.getNewValue("w", 1)).isEqualTo((float) schedule.at(step));
    }
    assertThatThrownBy(() -> tracker.setStep(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(tracker.schedule()).isSameAs(schedule);
  }

  @Test
  void everyParameterAndRepeatedCallOfOneStepGetTheSameRate() {
    // two update calls per parameter and step, as DJL makes with two devices: with DJL's count the rate of
    // the second call would be one step ahead; here both are the step's rate
    ScheduleTracker tracker = new ScheduleTracker(schedule);
    OptimizerConfig sgd = OptimizerConfig.builder().optKind(OptimizerKind.SGD).optMomentum(0).optWeightDecay(0).build();
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
        SelfClassifierOptimizer opt = SelfClassifierOptimizer.fromConfig(sgd, tracker, BiasAndNormRule.byShape())) {
      NDArray a = m.zeros(new Shape(1));
      NDArray b = m.zeros(new Shape(1));
      NDArray g = m.ones(new Shape(1));
      double expected = 0;
      for (long step = 0; step < 40; step++) {
        tracker.setStep(step);
        opt.update("a", a, g);
        opt.update("a", b, g);
        expected -= (float) schedule.at(step);
      }
      assertThat((double) a.getFloat(0)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
      assertThat(b.getFloat(0)).isEqualTo(a.getFloat(0));
    }
  }
}
