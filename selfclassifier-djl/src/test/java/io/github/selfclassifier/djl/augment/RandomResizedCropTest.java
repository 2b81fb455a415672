package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.api.augment.DoubleRange;
import io.github.selfclassifier.api.augment.Interpolation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {
  private static final DoubleRange RATIO = DoubleRange.of(3.0 / 4.0, 4.0 / 3.0);

  @Test
  void globalAndLocalBoxesStayWithinScaleAndAspectRange() {
    checkBoxes(DoubleRange.of(0.4, 1.0), 256, 256);
    checkBoxes(DoubleRange.of(0.05, 0.4), 256, 256);
    checkBoxes(DoubleRange.of(0.05, 0.4), 200, 300);
  }

  private static void checkBoxes(DoubleRange scale, int height, int width) {
    RandomResizedCrop crop = new RandomResizedCrop(96, scale, RATIO, Interpolation.BICUBIC);
    SplittableRandom random = new SplittableRandom(40);
    double area = (double) height * width;
    double minScale = Double.MAX_VALUE;
    double maxScale = 0;
    for (int draw = 0; draw < 5_000; draw++) {
      CropBox box = crop.sampleBox(height, width, random);
      assertThat(box.fitsIn(height, width)).isTrue();
      // rounding each side to whole pixels moves area and ratio by at most half a pixel per side
      double hi = (box.height() + 0.5) * (box.width() + 0.5) / area;
      double lo = (box.height() - 0.5) * (box.width() - 0.5) / area;
      boolean fullImage = box.height() == height && box.width() == width; // the fallback
      if (!fullImage) {
        assertThat(hi).isGreaterThanOrEqualTo(scale.min());
        assertThat(lo).isLessThanOrEqualTo(scale.max());
        double aspectHigh = (box.width() + 0.5) / (box.height() - 0.5);
        double aspectLow = (box.width() - 0.5) / (box.height() + 0.5);
        assertThat(aspectHigh).isGreaterThanOrEqualTo(RATIO.min());
        assertThat(aspectLow).isLessThanOrEqualTo(RATIO.max());
      }
      double s = (double) box.height() * box.width() / area;
      minScale = Math.min(minScale, s);
      maxScale = Math.max(maxScale, s);
    }
    // the draws cover the range, not just a corner of it
    assertThat(minScale).isLessThan(scale.min() + 0.05 * (scale.max() - scale.min()) + 0.01);
    assertThat(maxScale).isGreaterThan(scale.max() - 0.05 * (scale.max() - scale.min()) - 0.01);
  }

  @Test
  void boxPositionsCoverTheImage() {
    RandomResizedCrop crop = new RandomResizedCrop(96, DoubleRange.of(0.05, 0.1), RATIO, Interpolation.BICUBIC);
    SplittableRandom random = new SplittableRandom(41);
    boolean nearTop = false;
    boolean nearBottom = false;
    for (int draw = 0; draw < 2_000; draw++) {
      CropBox box = crop.sampleBox(100, 100, random);
      nearTop |= box.top() <= 2;
      nearBottom |= box.top() + box.height() >= 98;
    }
    assertThat(nearTop).isTrue();
    assertThat(nearBottom).isTrue();
  }

  @Test
  void impossibleRangesFallBackToTheLargestCentredBoxWithinTheRatio() {
    // a 10 x 1000 strip cannot hold any box with ratio <= 4/3 and area >= 90% of the strip
    RandomResizedCrop crop = new RandomResizedCrop(8, DoubleRange.of(0.9, 1.0), RATIO, Interpolation.BILINEAR);
    CropBox box = crop.sampleBox(10, 1000, new SplittableRandom(42));
    assertThat(box).isEqualTo(new CropBox(0, (1000 - 13) / 2, 10, 13));
    // a square image whose ratio is in range falls back to the whole image
    RandomResizedCrop fixedRatio =
        new RandomResizedCrop(8, DoubleRange.of(1.0, 1.0), DoubleRange.of(2.0, 2.0), Interpolation.BILINEAR);
    assertThat(fixedRatio.sampleBox(30, 30, new SplittableRandom(43))).isEqualTo(new CropBox(7, 0, 15, 30));
  }

  @Test
  void applyGivesSquaresOfTheConfiguredSize() {
    RandomResizedCrop crop = new RandomResizedCrop(24, DoubleRange.of(0.4, 1.0), RATIO, Interpolation.BICUBIC);
    FloatImage out = crop.apply(TestImages.noise(3, 50, 70, 44), new SplittableRandom(45));
    assertThat(out.channels()).isEqualTo(3);
    assertThat(out.height()).isEqualTo(24);
    assertThat(out.width()).isEqualTo(24);
  }
}
