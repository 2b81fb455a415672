package io.github.selfclassifier.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelfClassifierOptimizerTest {

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void excludedBiasUnderLarsMovesExactlyAsMomentumSgdWithoutDecayWhileTheMatrixIsAdapted(String engine) {
    OptimizerConfig lars =
        OptimizerConfig.builder()
            .optTrustCoefficient(0.02)
            .optWeightDecay(0.1)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build();
    OptimizerConfig sgd = lars.toBuilder().optKind(OptimizerKind.SGD).optWeightDecay(0).build();
    Tracker lr = Tracker.fixed(0.3f);
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        SelfClassifierOptimizer a = SelfClassifierOptimizer.fromConfig(lars, lr, BiasAndNormRule.byShape());
        SelfClassifierOptimizer b = SelfClassifierOptimizer.fromConfig(sgd, lr, BiasAndNormRule.byShape())) {
      m.getEngine().setRandomSeed(11);
      NDArray biasA = m.randomNormal(new Shape(6));
      NDArray biasB = biasA.duplicate();
      NDArray matrixA = m.randomNormal(new Shape(3, 6));
      NDArray matrixB = matrixA.duplicate();
      for (int step = 0; step < 5; step++) {
        NDArray gBias = m.randomNormal(new Shape(6));
        NDArray gMatrix = m.randomNormal(new Shape(3, 6));
        a.update("bias", biasA, gBias);
        b.update("bias", biasB, gBias);
        a.update("matrix", matrixA, gMatrix);
        b.update("matrix", matrixB, gMatrix);
      }
      assertThat(biasA.toFloatArray()).containsExactly(biasB.toFloatArray());
      assertThat(matrixA.toFloatArray()).isNotEqualTo(matrixB.toFloatArray());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void liveArraysDoNotGrowOverManyUpdatesEvenInsideACallersScope(String engine) {
    OptimizerConfig[] configs = {
      OptimizerConfig.paperDefaults(),
      OptimizerConfig.builder().optKind(OptimizerKind.SGD).build(),
      OptimizerConfig.builder().optKind(OptimizerKind.ADAMW).build()
    };
    for (OptimizerConfig config : configs) {
      try (NDManager m = Engine.getEngine(engine).newBaseManager();
          SelfClassifierOptimizer opt =
              SelfClassifierOptimizer.fromConfig(config, Tracker.fixed(0.1f), BiasAndNormRule.byShape())) {
        NDArray w = m.randomNormal(new Shape(8, 4));
        NDArray b = m.randomNormal(new Shape(4));
        NDArray gw = m.randomNormal(new Shape(8, 4));
        NDArray gb = m.randomNormal(new Shape(4));
        opt.update("w", w, gw);
        opt.update("b", b, gb);
        int live = m.getManagedArrays().size();
        int state = opt.stateArrayCount();
        for (int i = 0; i < 100; i++) {
          if (i % 2 == 0) {
            opt.update("w", w, gw);
            opt.update("b", b, gb);
          } else {
            try (NDScope callersScope = new NDScope()) {
              callersScope.suppressNotUsedWarning();
              opt.update("w", w, gw);
              opt.update("b", b, gb);
            }
          }
        }
        assertThat(m.getManagedArrays()).as("%s arrays in the weights' manager", config.kind()).hasSize(live);
        assertThat(opt.stateArrayCount()).as("%s state arrays", config.kind()).isEqualTo(state);
        assertThat(state).isEqualTo(config.kind() == OptimizerKind.ADAMW ? 4 : 2);
        for (float v : w.toFloatArray()) {
          assertThat(v).isFinite();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void theGradientIsLeftUntouchedAfterARealBackwardPass(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        SelfClassifierOptimizer opt =
            SelfClassifierOptimizer.fromConfig(
                OptimizerConfig.paperDefaults(), Tracker.fixed(1f), BiasAndNormRule.byShape())) {
      NDArray w = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
      w.setRequiresGradient(true);
      NDArray c = m.create(new float[] {0.5f, -1, 2, 0.25f}, new Shape(2, 2));
      try (GradientCollector collector = Engine.getEngine(engine).newGradientCollector()) {
        collector.backward(w.mul(c).sum());
      }
      float[] before = w.toFloatArray();
      opt.update("w", w, w.getGradient());
      assertThat(w.getGradient().toFloatArray()).containsExactly(c.toFloatArray());
      assertThat(w.toFloatArray()).isNotEqualTo(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void djlsRescaleAndClipApplyToTheGradientBeforeTheRule(String engine) {
    OptimizerConfig sgd = OptimizerConfig.builder().optKind(OptimizerKind.SGD).optWeightDecay(0.1).build();
    try (NDManager m = Engine.getEngine(engine).newBaseManager();
        MomentumSgdOptimizer opt =
            MomentumSgdOptimizer.builder()
                .optConfig(sgd)
                .setLearningRateTracker(Tracker.fixed(1f))
                .setRescaleGrad(0.5f)
                .optClipGrad(0.3f)
                .build()) {
      NDArray w = m.create(new float[] {1, -1, 2, 0.5f}, new Shape(2, 2));
      NDArray g = m.create(new float[] {0.2f, -2, 1, 0.4f}, new Shape(2, 2));
      opt.update("w", w, g);
      // g' = clip(0.5 g, -0.3, 0.3) = (0.1, -0.3, 0.3, 0.2); w -= g' + 0.1 w
      assertThat(w.toFloatArray()).containsExactly(new float[] {0.8f, -0.6f, 1.5f, 0.25f}, within(1e-6f));
      assertThat(g.toFloatArray()).as("the caller's gradient").containsExactly(0.2f, -2, 1, 0.4f);
    }
  }

  @Test
  void buildersValidateKindTrackerAndWhereWeightDecayIsSet() {
    Tracker lr = Tracker.fixed(0.1f);
    assertThatThrownBy(() -> LarsOptimizer.builder().build()).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                LarsOptimizer.builder()
                    .setLearningRateTracker(lr)
                    .optConfig(OptimizerConfig.builder().optKind(OptimizerKind.ADAMW).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ADAMW");
    assertThatThrownBy(() -> MomentumSgdOptimizer.builder().setLearningRateTracker(lr).optWeightDecays(0.1f).build())
        .hasMessageContaining("OptimizerConfig");
    assertThat(AdamWOptimizer.builder().setLearningRateTracker(lr).build().config().kind())
        .isEqualTo(OptimizerKind.ADAMW);
    assertThat(MomentumSgdOptimizer.builder().setLearningRateTracker(lr).build().config())
        .isEqualTo(OptimizerConfig.builder().optKind(OptimizerKind.SGD).build());
    assertThat(SelfClassifierOptimizer.fromConfig(OptimizerConfig.paperDefaults(), lr, BiasAndNormRule.byShape()))
        .isInstanceOf(LarsOptimizer.class);
  }

  @Test
  void aClosedOptimizerRefusesUpdates() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      SelfClassifierOptimizer opt =
          SelfClassifierOptimizer.fromConfig(OptimizerConfig.paperDefaults(), Tracker.fixed(1f), BiasAndNormRule.byShape());
      NDArray w = m.ones(new Shape(2));
      opt.update("w", w, m.ones(new Shape(2)));
      opt.close();
      assertThat(opt.stateArrayCount()).isZero();
      assertThatThrownBy(() -> opt.update("w", w, m.ones(new Shape(2)))).isInstanceOf(IllegalStateException.class);
    }
  }
}
