package io.github.selfclassifier.djl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
  private static final EvalFixture FIXTURE = new EvalFixture("logreg_fixture.txt");
  /**
   * Against scikit-learn's own probabilities (absolute): its lbfgs stops on scipy's default ftol, with
   * gradient entries up to 1.2e-5 left; its probabilities are 7e-5 from the optimum's on this data.
   */
  private static final double SCIKIT_LEARN_TOLERANCE = 2e-4;
  /** Against the same objective minimised to a gradient below 1e-8 (see make_eval_fixtures.py). */
  private static final double OPTIMUM_TOLERANCE = 1e-7;

  @Test
  void matchesScikitLearnMultinomialLbfgsOnRawFeatures() {
    assertMatchesScikitLearn("raw", FeatureScaling.NONE);
  }

  @Test
  void matchesScikitLearnWithStandardScalerFeatures() {
    assertMatchesScikitLearn("std", FeatureScaling.STANDARDIZE);
  }

  private static void assertMatchesScikitLearn(String prefix, FeatureScaling scaling) {
    FloatMatrix train = FIXTURE.floatMatrix("train");
    int[] labels = FIXTURE.ints("train_labels");
    double c = FIXTURE.scalar(prefix + "_C");
    LinearProbe probe = LinearProbe.builder().optScaling(scaling).optL2(1 / (c * train.rows()))
        .optTolerance(1e-10).optMaxIterations(10_000).build();
    LinearProbeModel model = probe.fit(train, labels);
    assertThat(model.converged()).isTrue();
    double[][] trainProba = model.probabilities(train);
    double[][] testProba = model.probabilities(FIXTURE.floatMatrix("test"));
    assertProbabilities(trainProba, FIXTURE.matrix(prefix + "_train_proba"), SCIKIT_LEARN_TOLERANCE);
    assertProbabilities(testProba, FIXTURE.matrix(prefix + "_test_proba"), SCIKIT_LEARN_TOLERANCE);
    assertProbabilities(trainProba, FIXTURE.matrix(prefix + "_optimum_train_proba"), OPTIMUM_TOLERANCE);
    assertProbabilities(testProba, FIXTURE.matrix(prefix + "_optimum_test_proba"), OPTIMUM_TOLERANCE);
  }

  private static void assertProbabilities(double[][] actual, double[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      for (int c = 0; c < expected[i].length; c++) {
        assertThat(actual[i][c]).as("probability of class %d for sample %d", c, i)
            .isCloseTo(expected[i][c], within(tolerance));
      }
    }
  }

  @Test
  void separatesLinearlySeparableClassesPerfectly() {
    // 4 classes around (+-10, +-10, 0): uniform noise in [-3, 3] cannot cross the separating planes
    SplittableRandom rnd = new SplittableRandom(11);
    Data train = separable(rnd, 400);
    Data test = separable(rnd, 200);
    for (FeatureScaling scaling : FeatureScaling.values()) {
      LinearProbeResult r = LinearProbe.builder().optScaling(scaling).optL2(1e-6).build()
          .evaluate(train.x, train.y, test.x, test.y);
      assertThat(r.trainTop1()).as("%s train", scaling).isEqualTo(1.0);
      assertThat(r.testTop1()).as("%s test", scaling).isEqualTo(1.0);
      assertThat(r.model().classes()).isEqualTo(4);
    }
  }

  @Test
  void resultDoesNotDependOnTheThreadCount() {
    Data train = overlapping(new SplittableRandom(3), 3000); // three chunks of the gradient sum
    LinearProbeModel one = LinearProbe.builder().optThreads(1).build().fit(train.x, train.y);
    LinearProbeModel three = LinearProbe.builder().optThreads(3).build().fit(train.x, train.y);
    assertThat(three.iterations()).isEqualTo(one.iterations());
    assertThat(three.objective()).isEqualTo(one.objective());
    assertThat(three.weights()).isDeepEqualTo(one.weights());
  }

  @Test
  void rejectsBadInputsNamingTheProblem() {
    FloatMatrix a = FloatMatrix.ofRows(new float[][] {{1, 0}, {0, 1}});
    FloatMatrix b = FloatMatrix.ofRows(new float[][] {{1, 0, 0}});
    LinearProbe probe = LinearProbe.builder().build();
    assertThatThrownBy(() -> probe.evaluate(a, new int[] {0, 1}, b, new int[] {0}))
        .hasMessageContaining("2 dimensions, test features 3");
    assertThatThrownBy(() -> probe.fit(a, new int[] {0})).hasMessageContaining("2 samples but 1 labels");
    assertThatThrownBy(() -> probe.fit(a, new int[] {0, -1})).hasMessageContaining("label 1 is negative");
    assertThatThrownBy(() -> probe.fit(a, new int[] {0, 1}).predict(b))
        .hasMessageContaining("trained on 2 dimensions, features have 3");
    assertThatThrownBy(() -> LinearProbe.builder().optL2(-1).build()).hasMessageContaining("l2");
  }

  private record Data(FloatMatrix x, int[] y) {}

  private static Data separable(SplittableRandom rnd, int n) {
    float[][] rows = new float[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(4);
      float cx = (y[i] & 1) == 0 ? -10 : 10;
      float cy = (y[i] & 2) == 0 ? -10 : 10;
      rows[i] = new float[] {cx + (float) rnd.nextDouble(-3, 3), cy + (float) rnd.nextDouble(-3, 3),
          (float) rnd.nextDouble(-3, 3)};
    }
    return new Data(FloatMatrix.ofRows(rows), y);
  }

  private static Data overlapping(SplittableRandom rnd, int n) {
    float[][] rows = new float[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(3);
      rows[i] = new float[6];
      for (int k = 0; k < 6; k++) {
        rows[i][k] = (float) (rnd.nextGaussian() + (k == y[i] ? 1.0 : 0.0));
      }
    }
    return new Data(FloatMatrix.ofRows(rows), y);
  }
}
