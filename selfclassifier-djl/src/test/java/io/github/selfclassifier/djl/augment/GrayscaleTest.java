package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GrayscaleTest {

  @Test
  void everyChannelGetsTheItuR601Luma() {
    FloatImage image = TestImages.noise(3, 6, 5, 5);
    FloatImage original = image.copy();
    Grayscale.toGrayscaleInPlace(image);
    assertThat(image.channels()).isEqualTo(3);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 5; x++) {
        double luma = 0.299 * original.get(0, y, x) + 0.587 * original.get(1, y, x)
            + 0.114 * original.get(2, y, x);
        assertThat((double) image.get(0, y, x)).isCloseTo(luma, within(1e-6));
        assertThat(image.get(1, y, x)).isEqualTo(image.get(0, y, x));
        assertThat(image.get(2, y, x)).isEqualTo(image.get(0, y, x));
      }
    }
  }

  @Test
  void primariesMapToTheirWeights() {
    FloatImage red = FloatImage.wrap(3, 1, 1, new float[] {1, 0, 0});
    FloatImage green = FloatImage.wrap(3, 1, 1, new float[] {0, 1, 0});
    FloatImage blue = FloatImage.wrap(3, 1, 1, new float[] {0, 0, 1});
    Grayscale.toGrayscaleInPlace(red);
    Grayscale.toGrayscaleInPlace(green);
    Grayscale.toGrayscaleInPlace(blue);
    assertThat(red.get(0, 0, 0)).isEqualTo(0.299f);
    assertThat(green.get(0, 0, 0)).isEqualTo(0.587f);
    assertThat(blue.get(0, 0, 0)).isEqualTo(0.114f);
  }

  @Test
  void singleChannelIsLeftAsItIs() {
    FloatImage image = TestImages.noise(1, 4, 4, 6);
    FloatImage original = image.copy();
    Grayscale.toGrayscaleInPlace(image);
    assertThat(image.data()).isEqualTo(original.data());
  }
}
