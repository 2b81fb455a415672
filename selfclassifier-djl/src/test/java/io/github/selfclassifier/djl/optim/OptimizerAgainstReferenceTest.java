package io.github.selfclassifier.djl.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.selfclassifier.api.optim.LarsTrustRatio;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.optim.ReferenceOptimizer;
import io.github.selfclassifier.api.optim.WarmupCosineSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Five float32 steps on each engine against the double-precision executable spec. */
class OptimizerAgainstReferenceTest {
  private static final int STEPS = 5;

  static Stream<Arguments> cases() {
    OptimizerConfig visibleLars =
        OptimizerConfig.builder().optTrustCoefficient(0.02).optWeightDecay(0.01).build();
    Map<String, OptimizerConfig> configs = new LinkedHashMap<>();
    configs.put("LARS apex, paper settings", OptimizerConfig.paperDefaults());
    configs.put("LARS apex, eta 0.02 wd 0.01", visibleLars);
    configs.put(
        "LARS apex, bias/norm excluded",
        visibleLars.toBuilder()
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build());
    configs.put(
        "LARS DINO form, bias/norm excluded",
        visibleLars.toBuilder()
            .optTrustRatio(LarsTrustRatio.DECAYED_GRADIENT_NORM)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build());
    configs.put("LARS DINO form, all adapted", visibleLars.toBuilder().optTrustRatio(LarsTrustRatio.DECAYED_GRADIENT_NORM).build());
    configs.put("SGD wd 0.01", visibleLars.toBuilder().optKind(OptimizerKind.SGD).build());
    configs.put(
        "SGD wd 0.01, bias excluded",
        visibleLars.toBuilder().optKind(OptimizerKind.SGD).optExcludeBiasAndNormFromWeightDecay(true).build());
    configs.put("AdamW wd 0.05", OptimizerConfig.builder().optKind(OptimizerKind.ADAMW).optWeightDecay(0.05).build());
    configs.put(
        "AdamW wd 0.05, bias excluded",
        OptimizerConfig.builder()
            .optKind(OptimizerKind.ADAMW)
            .optWeightDecay(0.05)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .build());
    return Stream.of("PyTorch", "MXNet")
        .flatMap(e -> configs.entrySet().stream().map(c -> Arguments.of(e, c.getKey(), c.getValue())));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void fiveStepsEqualTheDoubleReference(String engine, String label, OptimizerConfig config) {
    WarmupCosineSchedule schedule =
        WarmupCosineSchedule.builder()
            .optStartValue(0.1)
            .optBaseValue(0.5)
            .optFinalValue(0.05)
            .optWarmupSteps(2)
            .setTotalSteps(STEPS)
            .build();
    ScheduleTracker tracker = new ScheduleTracker(schedule);
    Random random = new Random(label.hashCode());
    // a matrix, a bias and a zero-initialised bias (apex LARC's zero-norm branch)
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("weight", new Shape(4, 5));
    shapes.put("bias", new Shape(5));
    shapes.put("zeroBias", new Shape(3));
    try (NDManager manager = Engine.getEngine(engine).newBaseManager();
        SelfClassifierOptimizer optimizer =
            SelfClassifierOptimizer.fromConfig(config, tracker, BiasAndNormRule.byShape())) {
      ReferenceOptimizer reference = new ReferenceOptimizer(config);
      Map<String, NDArray> weights = new LinkedHashMap<>();
      Map<String, double[]> expected = new LinkedHashMap<>();
      Map<String, double[]> initial = new LinkedHashMap<>();
      for (Map.Entry<String, Shape> e : shapes.entrySet()) {
        float[] values = new float[(int) e.getValue().size()];
        if (!e.getKey().equals("zeroBias")) {
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
          }
        }
        weights.put(e.getKey(), manager.create(values, e.getValue()));
        expected.put(e.getKey(), toDouble(values));
        initial.put(e.getKey(), toDouble(values));
      }
      for (int step = 0; step < STEPS; step++) {
        tracker.setStep(step);
        double lr = tracker.getNewValue(step); // the float the engine uses
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
          float[] g = new float[(int) e.getValue().size()];
          for (int i = 0; i < g.length; i++) {
            g[i] = (float) (0.1 * random.nextGaussian());
          }
          try (NDArray grad = manager.create(g, e.getValue().getShape())) {
            optimizer.update(e.getKey(), e.getValue(), grad);
          }
          boolean biasOrNorm = e.getValue().getShape().dimension() == 1;
          reference.update(e.getKey(), expected.get(e.getKey()), toDouble(g), biasOrNorm, lr);
        }
      }
      double worstParam = 0;
      double worstDisplacement = 0;
      for (String name : shapes.keySet()) {
        double[] actual = toDouble(weights.get(name).toFloatArray());
        double[] ref = expected.get(name);
        double[] start = initial.get(name);
        double maxRef = 0;
        double maxMove = 0;
        double maxDiff = 0;
        for (int i = 0; i < ref.length; i++) {
          maxRef = Math.max(maxRef, Math.abs(ref[i]));
          maxMove = Math.max(maxMove, Math.abs(ref[i] - start[i]));
          maxDiff = Math.max(maxDiff, Math.abs(actual[i] - ref[i]));
        }
        assertThat(maxMove).as("%s moved", name).isGreaterThan(0);
        double paramError = maxDiff / maxRef;
        double displacementError = maxDiff / maxMove;
        worstParam = Math.max(worstParam, paramError);
        worstDisplacement = Math.max(worstDisplacement, displacementError);
        assertThat(paramError).as("%s relative error of %s", label, name).isLessThan(1e-5);
        // float32 rounding of p itself is ~6e-8 |p|; the displacement is at least ~1e-4 |p| here
        assertThat(displacementError).as("%s relative error of the displacement of %s", label, name).isLessThan(2e-3);
      }
      System.out.printf(
          "[optim-vs-reference] %-8s %-36s max rel. error: params %.2e, displacement %.2e%n",
          engine, label, worstParam, worstDisplacement);
    }
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return d;
  }
}
