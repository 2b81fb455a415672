package io.github.selfclassifier.djl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedKnnClassifierTest {
  private static final EvalFixture FIXTURE = new EvalFixture("knn_fixture.txt");

  private static WeightedKnnClassifier knn(int k, double t, int threads) {
    return WeightedKnnClassifier.builder().optK(k).optTemperature(t).optThreads(threads).build();
  }

  @Test
  void matchesTheNumpyAndDinoReferenceOnATestSet() {
    FloatMatrix train = FIXTURE.floatMatrix("train");
    int[] trainLabels = FIXTURE.ints("train_labels");
    FloatMatrix test = FIXTURE.floatMatrix("test");
    int[] testLabels = FIXTURE.ints("test_labels");
    WeightedKnnClassifier knn = knn(7, 0.07, 2);

    WeightedKnnClassifier.Neighbours nn = knn.neighbours(train, test, false);
    assertNeighbours(nn, "test");
    double[][] scores = knn.classScores(nn, trainLabels, 8);
    assertScores(scores, FIXTURE.matrix("test_scores"));

    KnnResult result = knn.evaluate(train, trainLabels, test, testLabels);
    assertThat(result.predictions()).containsExactly(FIXTURE.ints("test_predictions"));
    double[] expected = FIXTURE.values("test_top1_top5");
    assertThat(result.top1()).isEqualTo(expected[0]);
    assertThat(result.top5()).isEqualTo(expected[1]);
    assertThat(result.top5()).isLessThan(1.0); // 8 classes: top-5 is not trivially 1
    assertThat(result.k()).isEqualTo(7);
    assertThat(result.samples()).isEqualTo(60);
  }

  @Test
  void leaveOneOutMatchesTheReferenceAndNeverPicksTheSampleItself() {
    FloatMatrix train = FIXTURE.floatMatrix("train");
    int[] labels = FIXTURE.ints("train_labels");
    WeightedKnnClassifier knn = knn(7, 0.07, 3);

    WeightedKnnClassifier.Neighbours nn = knn.neighbours(train, train, true);
    assertNeighbours(nn, "loo");
    for (int i = 0; i < train.rows(); i++) {
      assertThat(nn.indices()[i]).doesNotContain(i);
    }
    assertScores(knn.classScores(nn, labels, 8), FIXTURE.matrix("loo_scores"));

    KnnResult result = knn.evaluateLeaveOneOut(train, labels);
    assertThat(result.predictions()).containsExactly(FIXTURE.ints("loo_predictions"));
    double[] expected = FIXTURE.values("loo_top1_top5");
    assertThat(result.top1()).isEqualTo(expected[0]);
    assertThat(result.top5()).isEqualTo(expected[1]);
  }

  @Test
  void resultsDoNotDependOnTheThreadCountOrOnFeatureScale() {
    FloatMatrix train = FIXTURE.floatMatrix("train");
    int[] trainLabels = FIXTURE.ints("train_labels");
    FloatMatrix test = FIXTURE.floatMatrix("test");
    int[] testLabels = FIXTURE.ints("test_labels");
    float[] scaled = test.toArray();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 1 + (i / test.cols()) % 3; // rows scaled by 1, 2 or 3: cosine is unchanged
    }
    KnnResult one = knn(7, 0.07, 1).evaluate(train, trainLabels, test, testLabels);
    KnnResult five = knn(7, 0.07, 5)
        .evaluate(train, trainLabels, FloatMatrix.of(test.rows(), test.cols(), scaled), testLabels);
    assertThat(five.predictions()).containsExactly(one.predictions());
    assertThat(five.top1()).isEqualTo(one.top1());
  }

  @Test
  void equalSimilaritiesPreferTheLowerTrainingIndexAndEqualScoresTheLowerClass() {
    // candidates 0 and 1 are the same point (cosine 1 with the query), candidate 2 is orthogonal
    FloatMatrix train = FloatMatrix.ofRows(new float[][] {{2, 0}, {1, 0}, {0, 1}});
    FloatMatrix query = FloatMatrix.ofRows(new float[][] {{3, 0}});
    // k = 1: candidate 0 wins the tie, so class 1 (candidate 0's label) is predicted
    KnnResult k1 = knn(1, 0.07, 1).evaluate(train, new int[] {1, 0, 0}, query, new int[] {1});
    assertThat(k1.predictions()).containsExactly(1);
    assertThat(k1.top1()).isEqualTo(1.0);
    // k = 2: both tied candidates, labels 2 and 1, equal scores exp(1/T): class 1 ranks first
    KnnResult k2 = knn(2, 0.07, 1).evaluate(train, new int[] {2, 1, 0}, query, new int[] {2});
    assertThat(k2.predictions()).containsExactly(1);
    assertThat(k2.top1()).isEqualTo(0.0);
    assertThat(k2.top5()).isEqualTo(1.0);
  }

  @Test
  void kLargerThanTheTrainingSetUsesEverySample() {
    // T = 1, query (1, 0): class 0 gets e^1 from (1, 0); class 1 gets e^0 + e^-1 = 1.368 from (0, 1), (-1, 0)
    FloatMatrix train = FloatMatrix.ofRows(new float[][] {{1, 0}, {0, 1}, {-1, 0}});
    FloatMatrix query = FloatMatrix.ofRows(new float[][] {{1, 0}});
    WeightedKnnClassifier knn = knn(20, 1.0, 1);
    WeightedKnnClassifier.Neighbours nn = knn.neighbours(train, query, false);
    assertThat(nn.indices()[0]).containsExactly(0, 1, 2);
    double[] scores = knn.classScores(nn, new int[] {0, 1, 1}, 2)[0];
    assertThat(scores[0]).isCloseTo(Math.E, within(1e-6));
    assertThat(scores[1]).isCloseTo(1 + Math.exp(-1), within(1e-6));
    KnnResult result = knn.evaluate(train, new int[] {0, 1, 1}, query, new int[] {1});
    assertThat(result.k()).isEqualTo(3);
    assertThat(result.predictions()).containsExactly(0);
    assertThat(result.top1()).isEqualTo(0.0);
  }

  @Test
  void leaveOneOutSkipsOnlyTheSampleItselfEvenWhenADuplicateExists() {
    // samples 0 and 1 are identical with different labels; each must be classified by the other
    FloatMatrix features = FloatMatrix.ofRows(new float[][] {{1, 1}, {1, 1}, {-1, 0}});
    KnnResult result = knn(1, 0.07, 1).evaluateLeaveOneOut(features, new int[] {0, 1, 1});
    assertThat(result.predictions()).containsExactly(1, 0, 0);
    assertThat(result.k()).isEqualTo(1);
    assertThat(knn(5, 0.07, 1).evaluateLeaveOneOut(features, new int[] {0, 1, 1}).k()).isEqualTo(2);
  }

  @Test
  void rejectsMismatchedInputsNamingTheProblem() {
    FloatMatrix a = FloatMatrix.ofRows(new float[][] {{1, 0}, {0, 1}});
    FloatMatrix b = FloatMatrix.ofRows(new float[][] {{1, 0, 0}});
    assertThatThrownBy(() -> knn(1, 0.07, 1).evaluate(a, new int[] {0, 1}, b, new int[] {0}))
        .hasMessageContaining("2 dimensions").hasMessageContaining("3");
    assertThatThrownBy(() -> knn(1, 0.07, 1).evaluate(a, new int[] {0}, a, new int[] {0, 1}))
        .hasMessageContaining("2 training samples but 1 training labels");
    assertThatThrownBy(() -> knn(1, 0.07, 1).evaluate(a, new int[] {0, -3}, a, new int[] {0, 1}))
        .hasMessageContaining("training label 1 is negative");
    assertThatThrownBy(() -> WeightedKnnClassifier.builder().optK(0).build()).hasMessageContaining("k must");
    assertThatThrownBy(() -> WeightedKnnClassifier.builder().optTemperature(0).build())
        .hasMessageContaining("temperature");
  }

  private static void assertNeighbours(WeightedKnnClassifier.Neighbours nn, String mode) {
    int[] expectedIdx = FIXTURE.ints(mode + "_neighbours");
    double[] expectedSim = FIXTURE.values(mode + "_similarities");
    int k = nn.indices()[0].length;
    for (int i = 0; i < nn.indices().length; i++) {
      for (int j = 0; j < k; j++) {
        assertThat(nn.indices()[i][j]).as("neighbour %d of query %d", j, i).isEqualTo(expectedIdx[i * k + j]);
        assertThat((double) nn.similarities()[i][j]).isCloseTo(expectedSim[i * k + j], within(2e-6));
      }
    }
  }

  private static void assertScores(double[][] actual, double[][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      for (int c = 0; c < expected[i].length; c++) {
        assertThat(actual[i][c]).as("score of class %d for query %d", c, i)
            .isCloseTo(expected[i][c], within(1e-4 * Math.max(1, expected[i][c])));
      }
    }
  }
}
