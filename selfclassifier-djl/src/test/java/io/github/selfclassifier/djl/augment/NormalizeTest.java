package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalizeTest {

  @Test
  void matchesMeanAndStdPerChannel() {
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] std = {0.229f, 0.224f, 0.225f};
    FloatImage image = TestImages.noise(3, 4, 5, 4);
    FloatImage original = image.copy();
    Normalize.normalizeInPlace(image, mean, std);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 5; x++) {
          double expected = (original.get(c, y, x) - mean[c]) / std[c];
          assertThat((double) image.get(c, y, x)).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  @Test
  void rejectsAWrongNumberOfChannels() {
    FloatImage gray = new FloatImage(1, 2, 2);
    assertThatThrownBy(() -> Normalize.normalizeInPlace(gray, new float[3], new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
