package io.github.selfclassifier.api.loss;

import static io.github.selfclassifier.api.loss.LossTestData.deepCopy;
import static io.github.selfclassifier.api.loss.LossTestData.gaussianLogits;
import static io.github.selfclassifier.api.loss.LossTestData.maxAbs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceSelfClassifierLossTest {
  private static final ReferenceSelfClassifierLoss LOSS =
      new ReferenceSelfClassifierLoss(LossConfig.defaults());

  static Stream<Arguments> smallShapes() {
    LossConfig soft =
        LossConfig.builder().optRowTemperature(0.5).optColumnTemperature(0.3).optEps(1e-8).build();
    return Stream.of(
        Arguments.of("1 head, 2 views, B > C", LossConfig.defaults(), 4, new int[] {3}, 2, 1.0),
        Arguments.of("2 heads, 3 views, B < C", LossConfig.defaults(), 3, new int[] {5, 2}, 3, 1.0),
        Arguments.of("1 head, 5 views", LossConfig.defaults(), 6, new int[] {6}, 5, 0.7),
        Arguments.of("3 heads, 4 views, soft", soft, 5, new int[] {2, 7, 4}, 4, 2.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallShapes")
  void gradientMatchesCentralFiniteDifferences(
      String name, LossConfig config, int batch, int[] classes, int views, double scale) {
    ReferenceSelfClassifierLoss loss = new ReferenceSelfClassifierLoss(config);
    double[][][][] logits = gaussianLogits(name.hashCode(), batch, classes, views, scale);
    double[][][][] gradient = loss.valueAndGradient(logits).gradient();
    double step = 1e-5;
    double largest = maxAbs(gradient);
    double worst = 0;
    for (int h = 0; h < logits.length; h++) {
      for (int v = 0; v < views; v++) {
        for (int b = 0; b < batch; b++) {
          for (int c = 0; c < classes[h]; c++) {
            double[][][][] plus = deepCopy(logits);
            double[][][][] minus = deepCopy(logits);
            plus[h][v][b][c] += step;
            minus[h][v][b][c] -= step;
            double numeric = (loss.value(plus) - loss.value(minus)) / (2 * step);
            worst = Math.max(worst, Math.abs(numeric - gradient[h][v][b][c]));
          }
        }
      }
    }
    assertThat(largest).isGreaterThan(1e-3);
    assertThat(worst / largest).as("max |fd - analytic| / max |analytic|").isLessThan(1e-6);
  }

  @Test
  void uniformLogitsGiveLogOfClassCountAveragedOverHeadsAndZeroGradient() {
    int[] classes = {3, 10};
    double[][][][] logits = gaussianLogits(1, 4, classes, 3, 0.0);
    ReferenceSelfClassifierLoss.ValueAndGradient result = LOSS.valueAndGradient(logits);
    // T = 1/C everywhere, P = 1/B, so L = log(B/C * 1/B + eps) and every term is -log(1/C + eps)
    double expected = (-Math.log(1.0 / 3 + 1e-12) - Math.log(1.0 / 10 + 1e-12)) / 2;
    assertThat(result.value()).isCloseTo(expected, within(1e-14));
    assertThat(maxAbs(result.gradient())).isLessThan(1e-14);
  }

  @Test
  void shiftingAWholeViewChangesNothing() {
    // both softmaxes are invariant to adding a constant to all logits of a view
    double[][][][] logits = gaussianLogits(2, 5, new int[] {4, 6}, 4, 1.5);
    ReferenceSelfClassifierLoss.ValueAndGradient result = LOSS.valueAndGradient(logits);
    double[][][][] shifted = deepCopy(logits);
    for (double[] row : shifted[1][2]) {
      for (int c = 0; c < row.length; c++) {
        row[c] += 3.25;
      }
    }
    assertThat(LOSS.value(shifted)).isCloseTo(result.value(), within(1e-12 * result.value()));
    // hence the gradient of every view sums to zero
    for (double[][][] head : result.gradient()) {
      for (double[][] view : head) {
        double sum = 0;
        for (double[] row : view) {
          for (double g : row) {
            sum += g;
          }
        }
        assertThat(sum).isCloseTo(0.0, within(1e-12));
      }
    }
  }

  @Test
  void severalHeadsAverageTheirSingleHeadLosses() {
    double[][][][] logits = gaussianLogits(3, 6, new int[] {4, 9}, 3, 1.0);
    double first = LOSS.value(new double[][][][] {logits[0]});
    double second = LOSS.value(new double[][][][] {logits[1]});
    assertThat(LOSS.value(logits)).isCloseTo((first + second) / 2, within(1e-12));
  }

  @Test
  void termsComeFromEveryPairOfViewsExceptLocalWithLocal() {
    // term(i, j) depends on views i and j only, and a two-view loss is (term(a, b) + term(b, a)) / 2; so with
    // four views the loss is 2/10 of the sum of the two-view losses over the five unordered pairs that are not
    // both local ({2, 3} is skipped)
    double[][][][] logits = gaussianLogits(4, 5, new int[] {7}, 4, 1.0);
    int[][] pairs = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}};
    double sum = 0;
    for (int[] pair : pairs) {
      sum += LOSS.value(new double[][][][] {{logits[0][pair[0]], logits[0][pair[1]]}});
    }
    double localLocal = LOSS.value(new double[][][][] {{logits[0][2], logits[0][3]}});
    double fourViews = LOSS.value(logits);
    assertThat(fourViews).isCloseTo(2 * sum / 10, within(1e-12));
    assertThat(fourViews).isNotCloseTo(2 * (sum + localLocal) / 12, within(1e-6));
  }

  @Test
  void logitsUpToTenThousandStayFinite() {
    double[][][][] logits = gaussianLogits(5, 8, new int[] {5, 12}, 4, 4000.0);
    logits[0][0][0][0] = 1e4;
    logits[1][3][7][11] = -1e4;
    ReferenceSelfClassifierLoss.ValueAndGradient result = LOSS.valueAndGradient(logits);
    assertThat(result.value()).isFinite().isPositive();
    // every log term is at least log(eps): the loss cannot exceed -log(eps) times the largest target row sum
    assertThat(result.value()).isLessThan(-Math.log(1e-12) * 10);
    for (double[][][] head : result.gradient()) {
      for (double[][] view : head) {
        for (double[] row : view) {
          for (double g : row) {
            assertThat(g).isFinite();
          }
        }
      }
    }
  }

  @Test
  void valueAgreesWithValueAndGradient() {
    double[][][][] logits = gaussianLogits(6, 4, new int[] {3}, 3, 1.0);
    assertThat(LOSS.value(logits)).isEqualTo(LOSS.valueAndGradient(logits).value());
  }

  @Test
  void inconsistentShapesAreRejectedWithTheirPosition() {
    assertThatThrownBy(() -> LOSS.value(new double[0][][][]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head");
    assertThatThrownBy(() -> LOSS.value(gaussianLogits(7, 3, new int[] {2}, 1, 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");

    double[][][][] fewerViews = gaussianLogits(7, 3, new int[] {2, 2}, 3, 1.0);
    fewerViews[1] = new double[][][] {fewerViews[1][0], fewerViews[1][1]};
    assertThatThrownBy(() -> LOSS.value(fewerViews))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head 1 has 2 views");

    double[][][][] otherBatch = gaussianLogits(7, 3, new int[] {2}, 3, 1.0);
    otherBatch[0][2] = new double[][] {{1, 2}};
    assertThatThrownBy(() -> LOSS.value(otherBatch))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view 2 has batch size 1");

    double[][][][] otherClasses = gaussianLogits(7, 3, new int[] {2}, 2, 1.0);
    otherClasses[0][1][2] = new double[] {1, 2, 3};
    assertThatThrownBy(() -> LOSS.value(otherClasses))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 has 3 classes");

    double[][][][] notFinite = gaussianLogits(7, 3, new int[] {2}, 2, 1.0);
    notFinite[0][1][0][1] = Double.NaN;
    assertThatThrownBy(() -> LOSS.value(notFinite))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1][0][1]");
  }
}
