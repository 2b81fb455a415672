package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColorJitterTest {

  @Test
  void brightnessFactorOneIsTheIdentityAndFactorFScales() {
    FloatImage image = TestImages.noise(3, 5, 5, 10);
    FloatImage original = image.copy();
    ColorJitter.adjustBrightness(image, 1f);
    assertThat(image.data()).isEqualTo(original.data());
    ColorJitter.adjustBrightness(image, 0.7f);
    for (int i = 0; i < image.data().length; i++) {
      assertThat(image.data()[i]).isEqualTo(0.7f * original.data()[i]);
    }
    ColorJitter.adjustBrightness(image, 10f);
    assertThat(TestImages.min(image.data())).isGreaterThanOrEqualTo(0f);
    assertThat(TestImages.max(image.data())).isEqualTo(1f);
  }

  @Test
  void brightnessContrastAndSaturationMatchTorchvision() {
    FloatImage input = ReferenceFixture.image("color_input");
    for (float factor : new float[] {0.5f, 1.3f}) {
      FloatImage image = input.copy();
      ColorJitter.adjustBrightness(image, factor);
      assertThat(TestImages.maxAbsDifference(image, ReferenceFixture.image("brightness_" + factor)))
          .isLessThan(1e-6);
    }
    // torchvision's luma uses 0.2989 for red where we use 0.299, hence 2e-4
    for (float factor : new float[] {0.0f, 0.6f, 1.7f}) {
      FloatImage saturated = input.copy();
      ColorJitter.adjustSaturation(saturated, factor);
      assertThat(TestImages.maxAbsDifference(saturated, ReferenceFixture.image("saturation_" + factor)))
          .isLessThan(2e-4);
      FloatImage contrasted = input.copy();
      ColorJitter.adjustContrast(contrasted, factor);
      assertThat(TestImages.maxAbsDifference(contrasted, ReferenceFixture.image("contrast_" + factor)))
          .isLessThan(2e-4);
    }
  }

  @Test
  void contrastZeroGivesTheMeanLumaEverywhere() {
    FloatImage image = TestImages.noise(3, 4, 6, 11);
    double meanLuma = 0;
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        meanLuma += Grayscale.luma(image.get(0, y, x), image.get(1, y, x), image.get(2, y, x));
      }
    }
    meanLuma /= 24;
    ColorJitter.adjustContrast(image, 0f);
    for (float v : image.data()) {
      assertThat((double) v).isCloseTo(meanLuma, within(1e-6));
    }
  }

  @Test
  void hueShiftMatchesTorchvision() {
    FloatImage input = ReferenceFixture.image("color_input");
    for (float shift : new float[] {0.23f, -0.4f, 0.5f}) {
      FloatImage image = input.copy();
      ColorJitter.adjustHue(image, shift);
      assertThat(TestImages.maxAbsDifference(image, ReferenceFixture.image("hue_" + shift)))
          .as("shift %s", shift)
          .isLessThan(2e-6);
    }
  }

  @Test
  void hueShiftZeroIsTheIdentityAndAFullCycleReturnsTheInput() {
    FloatImage image = TestImages.noise(3, 8, 8, 12);
    FloatImage original = image.copy();
    ColorJitter.adjustHue(image, 0f);
    assertThat(TestImages.maxAbsDifference(image, original)).isLessThan(1e-6);
    ColorJitter.adjustHue(image, 1f);
    assertThat(TestImages.maxAbsDifference(image, original)).isLessThan(1e-6);
    for (int i = 0; i < 4; i++) {
      ColorJitter.adjustHue(image, 0.25f);
    }
    assertThat(TestImages.maxAbsDifference(image, original)).isLessThan(1e-5);
    ColorJitter.adjustHue(image, 0.3f);
    assertThat(TestImages.maxAbsDifference(image, original)).isGreaterThan(0.1);
    ColorJitter.adjustHue(image, 0.7f);
    assertThat(TestImages.maxAbsDifference(image, original)).isLessThan(1e-5);
  }

  @Test
  void hueShiftMovesPrimariesAroundTheWheel() {
    FloatImage red = FloatImage.wrap(3, 1, 1, new float[] {1, 0, 0});
    ColorJitter.adjustHue(red, 1f / 3f);
    assertThat(red.data()).containsExactly(new float[] {0, 1, 0}, within(1e-6f));
    ColorJitter.adjustHue(red, 1f / 3f);
    assertThat(red.data()).containsExactly(new float[] {0, 0, 1}, within(1e-6f));
  }

  @Test
  void saturationAndHueDoNothingOnOneChannel() {
    FloatImage image = TestImages.noise(1, 5, 5, 13);
    FloatImage original = image.copy();
    ColorJitter.adjustSaturation(image, 0.2f);
    ColorJitter.adjustHue(image, 0.3f);
    assertThat(image.data()).isEqualTo(original.data());
    ColorJitter.adjustContrast(image, 0.5f);
    assertThat(image.data()).isNotEqualTo(original.data());
  }

  @Test
  void zeroStrengthsLeaveTheImageUnchanged() {
    FloatImage image = TestImages.noise(3, 6, 6, 14);
    FloatImage original = image.copy();
    new ColorJitter(0, 0, 0, 0).apply(image, new SplittableRandom(1));
    assertThat(image.data()).isEqualTo(original.data());
  }

  @Test
  void randomBrightnessFactorStaysInRange() {
    ColorJitter brightnessOnly = new ColorJitter(0.4, 0, 0, 0);
    SplittableRandom random = new SplittableRandom(15);
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int draw = 0; draw < 500; draw++) {
      FloatImage image = TestImages.constant(3, 2, 2, 0.5f);
      brightnessOnly.apply(image, random);
      double factor = image.get(0, 0, 0) / 0.5;
      lowest = Math.min(lowest, factor);
      highest = Math.max(highest, factor);
      assertThat(image.data()).containsOnly(image.get(0, 0, 0));
    }
    assertThat(lowest).isBetween(0.6, 0.65);
    assertThat(highest).isBetween(1.35, 1.4);
  }

  @Test
  void jitterDependsOnTheGeneratorOnly() {
    ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.2, 0.1);
    FloatImage a = TestImages.noise(3, 6, 6, 16);
    FloatImage b = a.copy();
    FloatImage c = a.copy();
    jitter.apply(a, new SplittableRandom(7));
    jitter.apply(b, new SplittableRandom(7));
    jitter.apply(c, new SplittableRandom(8));
    assertThat(a.data()).isEqualTo(b.data());
    assertThat(a.data()).isNotEqualTo(c.data());
  }
}
