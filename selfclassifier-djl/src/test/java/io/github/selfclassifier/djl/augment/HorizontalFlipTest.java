package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

  @Test
  void pixelMovesToTheMirroredColumnInEveryChannel() {
    FloatImage image = TestImages.noise(3, 4, 7, 1);
    FloatImage original = image.copy();
    HorizontalFlip.flipInPlace(image);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 7; x++) {
          assertThat(image.get(c, y, 6 - x)).isEqualTo(original.get(c, y, x));
        }
      }
    }
  }

  @Test
  void evenWidthFlipsAndTwoFlipsAreTheIdentity() {
    FloatImage image = TestImages.noise(1, 3, 6, 2);
    FloatImage original = image.copy();
    HorizontalFlip.flipInPlace(image);
    assertThat(image.get(0, 1, 0)).isEqualTo(original.get(0, 1, 5));
    assertThat(image.get(0, 1, 2)).isEqualTo(original.get(0, 1, 3));
    assertThat(image.data()).isNotEqualTo(original.data());
    HorizontalFlip.flipInPlace(image);
    assertThat(image.data()).isEqualTo(original.data());
  }
}
