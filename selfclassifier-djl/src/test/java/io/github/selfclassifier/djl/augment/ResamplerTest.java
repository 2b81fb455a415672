package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.augment.Interpolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResamplerTest {

  @Test
  void bicubicKernelIsKeysWithAMinusOneHalf() {
    assertThat(ResamplingWeights.filter(Interpolation.BICUBIC, 0)).isEqualTo(1.0);
    assertThat(ResamplingWeights.filter(Interpolation.BICUBIC, 1)).isEqualTo(0.0);
    assertThat(ResamplingWeights.filter(Interpolation.BICUBIC, 2)).isEqualTo(0.0);
    // a = -0.5: (1.5 * 0.5 - 2.5) * 0.25 + 1 and -0.5 * (((1.5 - 5) * 1.5 + 8) * 1.5 - 4)
    assertThat(ResamplingWeights.filter(Interpolation.BICUBIC, 0.5)).isEqualTo(0.5625);
    assertThat(ResamplingWeights.filter(Interpolation.BICUBIC, -1.5)).isEqualTo(-0.0625);
    assertThat(ResamplingWeights.filter(Interpolation.BILINEAR, 0.25)).isEqualTo(0.75);
    assertThat(ResamplingWeights.filter(Interpolation.BILINEAR, 1.0)).isEqualTo(0.0);
  }

  @ParameterizedTest
  @EnumSource(Interpolation.class)
  void weightsOfEveryOutputSumToOneAndStayInTheInterval(Interpolation interpolation) {
    for (int[] sizes : new int[][] {{17, 5}, {5, 17}, {96, 96}, {200, 224}, {7, 96}}) {
      ResamplingWeights weights = ResamplingWeights.compute(3, sizes[0], sizes[1], interpolation);
      for (int o = 0; o < sizes[1]; o++) {
        double sum = 0;
        for (int k = 0; k < weights.count[o]; k++) {
          sum += weights.weights[o * weights.taps + k];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        assertThat(weights.first[o]).isGreaterThanOrEqualTo(3);
        assertThat(weights.first[o] + weights.count[o]).isLessThanOrEqualTo(3 + sizes[0]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Interpolation.class)
  void constantImageStaysConstant(Interpolation interpolation) {
    FloatImage image = TestImages.constant(3, 40, 30, 0.42f);
    for (int[] size : new int[][] {{224, 224}, {13, 9}, {40, 30}, {96, 7}}) {
      FloatImage out = Resampler.resizeCrop(image, new CropBox(3, 2, 31, 27), size[0], size[1], interpolation);
      assertThat(out.channels()).isEqualTo(3);
      assertThat(out.height()).isEqualTo(size[0]);
      assertThat(out.width()).isEqualTo(size[1]);
      assertThat(TestImages.maxDeviation(out.data(), 0.42f)).isLessThan(1e-6);
    }
  }

  @ParameterizedTest
  @EnumSource(Interpolation.class)
  void linearRampStaysCloseToLinear(Interpolation interpolation) {
    // value 0.1 + 0.01 x; resampled position o maps to source x = (o + 0.5) * scale - 0.5
    float slope = 0.01f;
    FloatImage ramp = TestImages.horizontalRamp(1, 8, 80, 0.1f, slope);
    for (int outWidth : new int[] {200, 53, 20}) {
      FloatImage out = Resampler.resize(ramp, 8, outWidth, interpolation);
      double scale = 80.0 / outWidth;
      // away from the edges, where the clipped filter is no longer symmetric
      int margin = (int) Math.ceil(2 / Math.min(1, scale)) + 1;
      // upscaling interpolates, which reproduces a line exactly; when shrinking, the widened kernel is
      // sampled off its symmetry grid (as in Pillow), which shifts values by a few hundredths of a pixel
      double tolerance = scale <= 1 ? 1e-5 : 0.05 * slope;
      for (int o = margin; o < outWidth - margin; o++) {
        double sourceX = (o + 0.5) * scale - 0.5;
        assertThat((double) out.get(0, 4, o))
            .as("width %d, column %d", outWidth, o)
            .isCloseTo(0.1 + slope * sourceX, within(tolerance));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Interpolation.class)
  void sameSizeIsTheIdentity(Interpolation interpolation) {
    FloatImage image = TestImages.noise(3, 11, 13, 30);
    FloatImage out = Resampler.resize(image, 11, 13, interpolation);
    assertThat(TestImages.maxAbsDifference(out, image)).isLessThan(1e-6);
  }

  @Test
  void cropReadsOnlyTheBox() {
    FloatImage image = TestImages.noise(1, 10, 10, 31);
    CropBox box = new CropBox(2, 3, 4, 5);
    FloatImage out = Resampler.resizeCrop(image, box, 4, 5, Interpolation.BICUBIC);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        assertThat(out.get(0, y, x)).isCloseTo(image.get(0, 2 + y, 3 + x), within(1e-6f));
      }
    }
  }

  @Test
  void matchesPillowCropThenResize() {
    FloatImage input = ReferenceFixture.image("resize_input");
    CropBox box = new CropBox(1, 2, 6, 7);
    for (String name : new String[] {"bicubic", "bilinear"}) {
      Interpolation interpolation = name.equals("bicubic") ? Interpolation.BICUBIC : Interpolation.BILINEAR;
      for (int[] size : new int[][] {{10, 13}, {3, 4}}) {
        FloatImage expected = ReferenceFixture.image("resize_" + name + "_" + size[0] + "x" + size[1]);
        FloatImage actual = Resampler.resizeCrop(input, box, size[0], size[1], interpolation);
        assertThat(TestImages.maxAbsDifference(actual, expected))
            .as("%s %dx%d", name, size[0], size[1])
            .isLessThan(2e-6);
      }
    }
  }

  @Test
  void bicubicOvershootIsClampedToTheUnitInterval() {
    FloatImage step = new FloatImage(1, 1, 8);
    for (int x = 4; x < 8; x++) {
      step.set(0, 0, x, 1f);
    }
    FloatImage out = Resampler.resize(step, 1, 37, Interpolation.BICUBIC);
    assertThat(TestImages.min(out.data())).isEqualTo(0f);
    assertThat(TestImages.max(out.data())).isEqualTo(1f);
  }
}
