package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {

  @Test
  void kernelIsSymmetricNormalisedAndThreeSigmaWide() {
    assertThat(GaussianBlur.kernelRadius(0.1)).isEqualTo(1);
    assertThat(GaussianBlur.kernelRadius(1.0)).isEqualTo(3);
    assertThat(GaussianBlur.kernelRadius(2.0)).isEqualTo(6);
    float[] k = GaussianBlur.kernel(1.3);
    assertThat(k).hasSize(2 * 4 + 1);
    double sum = 0;
    for (int i = 0; i < k.length; i++) {
      sum += k[i];
      assertThat(k[i]).isEqualTo(k[k.length - 1 - i]);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-6));
    assertThat(k[4]).isGreaterThan(k[3]);
  }

  @Test
  void reflectPaddingDoesNotRepeatTheEdge() {
    assertThat(GaussianBlur.reflect(-1, 5)).isEqualTo(1);
    assertThat(GaussianBlur.reflect(-2, 5)).isEqualTo(2);
    assertThat(GaussianBlur.reflect(5, 5)).isEqualTo(3);
    assertThat(GaussianBlur.reflect(6, 5)).isEqualTo(2);
    assertThat(GaussianBlur.reflect(9, 5)).isEqualTo(1);
    assertThat(GaussianBlur.reflect(-7, 3)).isEqualTo(1);
    assertThat(GaussianBlur.reflect(4, 1)).isEqualTo(0);
  }

  @Test
  void constantImageStaysConstant() {
    FloatImage image = TestImages.constant(3, 7, 9, 0.37f);
    GaussianBlur.blurInPlace(image, 2.0);
    for (float v : image.data()) {
      assertThat(v).isCloseTo(0.37f, within(1e-6f));
    }
  }

  @Test
  void noiseKeepsItsMeanAndLosesVariance() {
    FloatImage image = TestImages.noise(1, 64, 64, 20);
    double mean = TestImages.mean(image.data());
    double variance = TestImages.variance(image.data());
    GaussianBlur.blurInPlace(image, 1.5);
    assertThat(TestImages.mean(image.data())).isCloseTo(mean, within(0.01));
    // white noise blurred by a Gaussian keeps about 1 / (4 pi sigma^2) of its variance
    assertThat(TestImages.variance(image.data())).isLessThan(variance * 0.1);
  }

  @Test
  void matchesTorchvisionGaussianBlur() {
    for (double sigma : new double[] {0.4, 1.1}) {
      FloatImage image = ReferenceFixture.image("blur_input");
      GaussianBlur.blurInPlace(image, sigma);
      assertThat(TestImages.maxAbsDifference(image, ReferenceFixture.image("blur_" + sigma)))
          .as("sigma %s", sigma)
          .isLessThan(1e-6);
    }
  }

  @Test
  void kernelWiderThanTheImageStillReflects() {
    FloatImage image = TestImages.constant(1, 2, 3, 0.8f);
    GaussianBlur.blurInPlace(image, 2.0);
    assertThat(TestImages.maxDeviation(image.data(), 0.8f)).isLessThan(1e-6);
  }
}
