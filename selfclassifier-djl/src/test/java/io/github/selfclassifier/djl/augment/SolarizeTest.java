package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolarizeTest {

  @Test
  void invertsValuesAtOrAboveTheThresholdOnly() {
    float t = Solarize.DEFAULT_THRESHOLD;
    float below = Math.nextDown(t);
    FloatImage image = FloatImage.wrap(1, 1, 6, new float[] {0f, 0.2f, below, t, 0.8f, 1f});
    Solarize.solarizeInPlace(image, t);
    assertThat(image.data()).containsExactly(0f, 0.2f, below, 1f - t, 1f - 0.8f, 0f);
  }

  @Test
  void thresholdAboveOneChangesNothingAndZeroInvertsEverything() {
    FloatImage image = TestImages.noise(3, 5, 5, 3);
    FloatImage original = image.copy();
    Solarize.solarizeInPlace(image, 1.01f);
    assertThat(image.data()).isEqualTo(original.data());
    Solarize.solarizeInPlace(image, 0f);
    for (int i = 0; i < image.data().length; i++) {
      assertThat(image.data()[i]).isEqualTo(1f - original.data()[i]);
    }
  }
}
