package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AutocontrastTest {

  @Test
  void stretchesEachChannelFromItsMinimumToItsMaximum() {
    FloatImage image = FloatImage.wrap(3, 1, 4,
        new float[] {0.1f, 0.3f, 0.5f, 0.2f, 0f, 0.25f, 0.125f, 0.5f, 0.6f, 0.6f, 0.6f, 0.6f});
    Autocontrast.autocontrastInPlace(image);
    assertThat(image.data()).containsExactly(
        new float[] {0f, 0.5f, 1f, 0.25f, 0f, 0.5f, 0.25f, 1f, 0.6f, 0.6f, 0.6f, 0.6f}, within(1e-6f));
  }

  @Test
  void matchesTheAffineMapInDoublePrecisionOnNoise() {
    FloatImage image = TestImages.noise(3, 9, 7, 11);
    FloatImage original = image.copy();
    Autocontrast.autocontrastInPlace(image);
    int plane = 9 * 7;
    for (int c = 0; c < 3; c++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = c * plane; i < (c + 1) * plane; i++) {
        min = Math.min(min, original.data()[i]);
        max = Math.max(max, original.data()[i]);
      }
      for (int i = c * plane; i < (c + 1) * plane; i++) {
        double expected = (original.data()[i] - min) / (max - min);
        assertThat((double) image.data()[i]).isCloseTo(expected, within(1e-6));
      }
    }
    assertThat(TestImages.min(image.data())).isZero();
    assertThat(TestImages.max(image.data())).isEqualTo(1f);
  }

  @Test
  void aConstantChannelIsLeftAsItIs() {
    FloatImage image = TestImages.constant(1, 4, 4, 0.3f);
    Autocontrast.autocontrastInPlace(image);
    assertThat(TestImages.maxDeviation(image.data(), 0.3f)).isZero();
  }
}
