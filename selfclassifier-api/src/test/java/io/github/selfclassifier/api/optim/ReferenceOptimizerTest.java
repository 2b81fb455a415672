package io.github.selfclassifier.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceOptimizerTest {

  /** One case of optimizer_steps.txt: settings, 5 learning rates, initial values, 5 gradients, result. */
  record FixtureCase(
      String name, OptimizerConfig config, boolean biasOrNorm, double[] lrs, double[] param0,
      List<double[]> grads, double[] param5) {}

  @Test
  void fiveStepsOfEveryRuleEqualTheNumpyTranscriptionOfApexTorchAndDino() throws IOException {
    List<FixtureCase> cases = fixtureCases();
    assertThat(cases).hasSize(12);
    for (FixtureCase c : cases) {
      ReferenceOptimizer opt = new ReferenceOptimizer(c.config());
      double[] p = c.param0().clone();
      for (int step = 0; step < c.lrs().length; step++) {
        opt.update("w", p, c.grads().get(step), c.biasOrNorm(), c.lrs()[step]);
      }
      for (int i = 0; i < p.length; i++) {
        double scale = Math.max(Math.abs(c.param5()[i]), 1e-3);
        assertThat(Math.abs(p[i] - c.param5()[i]) / scale).as("%s element %d", c.name(), i).isLessThan(1e-13);
      }
      assertThat(opt.updates("w")).isEqualTo(5);
    }
  }

  @Test
  void excludedBiasUnderLarsMovesExactlyAsPlainMomentumSgdWithoutDecay() {
    OptimizerConfig lars =
        OptimizerConfig.builder()
            .optWeightDecay(0.1)
            .optTrustCoefficient(0.02)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build();
    OptimizerConfig sgd = lars.toBuilder().optKind(OptimizerKind.SGD).optWeightDecay(0).build();
    ReferenceOptimizer a = new ReferenceOptimizer(lars);
    ReferenceOptimizer b = new ReferenceOptimizer(sgd);
    Random random = new Random(3);
    double[] pa = random.doubles(6, -1, 1).toArray();
    double[] pb = pa.clone();
    for (int step = 0; step < 5; step++) {
      double[] g = random.doubles(6, -1, 1).toArray();
      a.update("bias", pa, g, true, 0.3);
      b.update("bias", pb, g, false, 0.3);
    }
    assertThat(pa).containsExactly(pb);
  }

  @Test
  void apexLarcLeavesAZeroTensorToPlainMomentumWithoutDecay() {
    ReferenceOptimizer opt =
        new ReferenceOptimizer(OptimizerConfig.builder().optWeightDecay(0.5).build());
    double[] p = new double[3];
    double[] g = {0.1, -0.2, 0.3};
    opt.update("b", p, g, true, 2.0);
    assertThat(p).containsExactly(-0.2, 0.4, -0.6);
    assertThat(opt.firstMoment("b")).containsExactly(g);
  }

  @Test
  void larsTrustRatioOfASingleStepIsTheApexFormula() {
    OptimizerConfig config = OptimizerConfig.builder().optMomentum(0).optWeightDecay(0.01).build();
    ReferenceOptimizer opt = new ReferenceOptimizer(config);
    double[] p = {3, 4}; // norm 5
    double[] g = {0, 2}; // norm 2
    double trust = 0.001 * 5 / (2 + 5 * 0.01 + 1e-8);
    opt.update("w", p, g, false, 1.0);
    assertThat(p[0]).isEqualTo(3 - trust * (0 + 0.01 * 3));
    assertThat(p[1]).isEqualTo(4 - trust * (2 + 0.01 * 4));
  }

  @Test
  void adamWKeepsPerTensorStepCountsAndMoments() {
    ReferenceOptimizer opt =
        new ReferenceOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.ADAMW).optWeightDecay(0).build());
    double[] p = {1.0};
    opt.update("a", p, new double[] {0.5}, false, 0.1);
    // first Adam step moves by lr * sign(g) up to eps
    assertThat(p[0]).isCloseTo(0.9, within(1e-8));
    assertThat(opt.updates("a")).isEqualTo(1);
    assertThat(opt.updates("other")).isZero();
    assertThat(opt.firstMoment("a")[0]).isCloseTo(0.05, within(1e-17));
    assertThat(opt.secondMoment("a")[0]).isCloseTo(0.00025, within(1e-18));
    assertThat(opt.firstMoment("other")).isNull();
  }

  @Test
  void mismatchedLengthsAreRejected() {
    ReferenceOptimizer opt = new ReferenceOptimizer(OptimizerConfig.paperDefaults());
    assertThatThrownBy(() -> opt.update("w", new double[2], new double[3], false, 1))
        .isInstanceOf(IllegalArgumentException.class);
    opt.update("w", new double[2], new double[2], false, 1);
    assertThatThrownBy(() -> opt.update("w", new double[3], new double[3], false, 1))
        .hasMessageContaining("changed length");
  }

  static List<FixtureCase> fixtureCases() throws IOException {
    List<FixtureCase> cases = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    ReferenceOptimizerTest.class.getResourceAsStream("/optim/optimizer_steps.txt")),
                StandardCharsets.UTF_8))) {
      String line;
      String name = null;
      Map<String, String> settings = new HashMap<>();
      double[] lrs = null;
      double[] param0 = null;
      List<double[]> grads = new ArrayList<>();
      double[] param5 = null;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ");
        switch (parts[0]) {
          case "case" -> {
            name = parts[1];
            settings.clear();
            grads = new ArrayList<>();
            for (int i = 2; i < parts.length; i++) {
              String[] kv = parts[i].split("=");
              settings.put(kv[0], kv[1]);
            }
          }
          case "lr" -> lrs = numbers(parts);
          case "param0" -> param0 = numbers(parts);
          case "grad" -> grads.add(numbers(parts));
          case "param5" -> param5 = numbers(parts);
          case "end" -> {
            OptimizerConfig config =
                OptimizerConfig.builder()
                    .optKind(OptimizerKind.valueOf(settings.get("kind")))
                    .optTrustRatio(LarsTrustRatio.valueOf(settings.get("trustRatio")))
                    .optTrustCoefficient(Double.parseDouble(settings.get("eta")))
                    .optWeightDecay(Double.parseDouble(settings.get("wd")))
                    .optMomentum(Double.parseDouble(settings.get("momentum")))
                    .optExcludeBiasAndNormFromWeightDecay(Boolean.parseBoolean(settings.get("excludeWd")))
                    .optExcludeBiasAndNormFromTrustRatio(Boolean.parseBoolean(settings.get("excludeTrust")))
                    .build();
            cases.add(
                new FixtureCase(
                    name, config, Boolean.parseBoolean(settings.get("biasOrNorm")), lrs, param0, grads, param5));
          }
          default -> throw new IllegalStateException("unexpected line " + line);
        }
      }
    }
    return cases;
  }

  private static double[] numbers(String[] parts) {
    return Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray();
  }
}
