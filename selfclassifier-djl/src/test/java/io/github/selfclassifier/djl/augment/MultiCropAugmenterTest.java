package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.AugmentationSeeds;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MultiCropAugmenterTest {

  /** Crops the whole image to its own size and does nothing else but flip, so each view is x or flip(x). */
  private static AugmentationConfig flipOnly(int size) {
    return AugmentationConfig.builder()
        .optGlobalCropSize(size)
        .optLocalCropSize(size)
        .optLocalCropCount(0)
        .optGlobalCropScale(1, 1)
        .optAspectRatio(1, 1)
        .optColorJitterProbability(0)
        .optGrayscaleProbability(0)
        .optBlurProbabilities(0, 0, 0)
        .optSolarizeProbability(0)
        .optNormalization(new double[] {0, 0, 0}, new double[] {1, 1, 1})
        .build();
  }

  @Test
  void imagenetPresetGivesTwoGlobalAndSixLocalViewsOfTheConfiguredShape() {
    MultiCropAugmenter augmenter = new MultiCropAugmenter(AugmentationConfig.imagenet());
    List<FloatImage> views = augmenter.augment(TestImages.noise(3, 256, 256, 60), 7L);
    assertThat(views).hasSize(8).hasSize(augmenter.viewCount());
    for (int v = 0; v < views.size(); v++) {
      int size = v < 2 ? 224 : 96;
      FloatImage view = views.get(v);
      assertThat(new int[] {view.channels(), view.height(), view.width()}).containsExactly(3, size, size);
      assertThat(TestImages.allFinite(view.data())).isTrue();
    }
  }

  @Test
  void grayscale28PresetGivesSingleChannelViewsOfTheConfiguredShape() {
    AugmentationConfig config = AugmentationConfig.grayscale28();
    MultiCropAugmenter augmenter = new MultiCropAugmenter(config);
    FloatImage digit = TestImages.noise(1, 28, 28, 61);
    List<FloatImage> views = augmenter.augment(digit, 8L);
    assertThat(views).hasSize(config.viewCount());
    for (int v = 0; v < views.size(); v++) {
      int size = v < 2 ? config.globalCropSize() : config.localCropSize();
      FloatImage view = views.get(v);
      assertThat(new int[] {view.channels(), view.height(), view.width()}).containsExactly(1, size, size);
    }
    // a colour input is reduced to its luma first
    assertThat(augmenter.augment(TestImages.noise(3, 28, 28, 62), 8L).get(0).channels()).isEqualTo(1);
  }

  @Test
  void sameSeedGivesIdenticalViewsAndDifferentSeedsDifferentViews() {
    MultiCropAugmenter augmenter = new MultiCropAugmenter(AugmentationConfig.imagenet());
    FloatImage image = TestImages.noise(3, 120, 160, 63);
    FloatImage untouched = image.copy();
    List<FloatImage> first = augmenter.augment(image, 123L);
    List<FloatImage> again = augmenter.augment(image, 123L);
    List<FloatImage> other = augmenter.augment(image, 124L);
    assertThat(image.data()).isEqualTo(untouched.data());
    for (int v = 0; v < first.size(); v++) {
      assertThat(first.get(v).data()).isEqualTo(again.get(v).data());
      assertThat(first.get(v).data()).isNotEqualTo(other.get(v).data());
    }
  }

  @Test
  void viewsDoNotDependOnTheThreadThatComputesThem() {
    MultiCropAugmenter augmenter = new MultiCropAugmenter(AugmentationConfig.grayscale28());
    FloatImage[] images = new FloatImage[64];
    for (int i = 0; i < images.length; i++) {
      images[i] = TestImages.noise(1, 28, 28, 100 + i);
    }
    List<List<FloatImage>> sequential = IntStream.range(0, images.length)
        .mapToObj(i -> augmenter.augment(images[i], AugmentationSeeds.sampleSeed(5, 2, i)))
        .toList();
    List<List<FloatImage>> parallel = IntStream.range(0, images.length).parallel()
        .mapToObj(i -> augmenter.augment(images[i], AugmentationSeeds.sampleSeed(5, 2, i)))
        .toList();
    for (int i = 0; i < images.length; i++) {
      for (int v = 0; v < augmenter.viewCount(); v++) {
        assertThat(parallel.get(i).get(v).data()).isEqualTo(sequential.get(i).get(v).data());
      }
    }
  }

  @Test
  void flipWithProbabilityOneHalfFlipsAboutHalfOfTheViews() {
    MultiCropAugmenter augmenter = new MultiCropAugmenter(flipOnly(12));
    FloatImage image = TestImages.noise(3, 12, 12, 64);
    FloatImage flipped = image.copy();
    HorizontalFlip.flipInPlace(flipped);
    SplittableRandom random = new SplittableRandom(65);
    int flips = 0;
    int draws = 2_000;
    for (int draw = 0; draw < draws; draw++) {
      FloatImage view = augmenter.view(image, 0, random);
      if (TestImages.maxAbsDifference(view, flipped) < 1e-6) {
        flips++;
      } else {
        assertThat(TestImages.maxAbsDifference(view, image)).isLessThan(1e-6);
      }
    }
    // Binomial(2000, 0.5): mean 1000, standard deviation 22.4; allow 4.5 standard deviations
    assertThat(flips).isBetween(900, 1100);
  }

  @Test
  void flipProbabilityZeroAndOneAreExact() {
    FloatImage image = TestImages.noise(1, 10, 10, 66);
    FloatImage flipped = image.copy();
    HorizontalFlip.flipInPlace(flipped);
    AugmentationConfig never = flipOnly(10).toBuilder().optFlipProbability(0)
        .optNormalization(new double[] {0}, new double[] {1}).build();
    AugmentationConfig always = never.toBuilder().optFlipProbability(1).build();
    SplittableRandom random = new SplittableRandom(67);
    for (int draw = 0; draw < 50; draw++) {
      assertThat(TestImages.maxAbsDifference(new MultiCropAugmenter(never).view(image, 1, random), image))
          .isLessThan(1e-6);
      assertThat(TestImages.maxAbsDifference(new MultiCropAugmenter(always).view(image, 1, random), flipped))
          .isLessThan(1e-6);
    }
  }

  @Test
  void solarizeAppliesToTheSecondGlobalViewOnly() {
    // a constant bright image: solarize turns 0.9 into 0.1, nothing else changes it
    AugmentationConfig config = flipOnly(6).toBuilder()
        .optLocalCropCount(2)
        .optLocalCropScale(1, 1)
        .optSolarizeProbability(1)
        .optNormalization(new double[] {0}, new double[] {1})
        .build();
    List<FloatImage> views =
        new MultiCropAugmenter(config).augment(TestImages.constant(1, 6, 6, 0.9f), new SplittableRandom(68));
    assertThat(TestImages.maxDeviation(views.get(0).data(), 0.9f)).isLessThan(1e-6);
    assertThat(TestImages.maxDeviation(views.get(1).data(), 0.1f)).isLessThan(1e-6);
    assertThat(TestImages.maxDeviation(views.get(2).data(), 0.9f)).isLessThan(1e-6);
    assertThat(TestImages.maxDeviation(views.get(3).data(), 0.9f)).isLessThan(1e-6);
  }

  @Test
  void viewsAreNormalisedWithTheConfiguredMeanAndStd() {
    AugmentationConfig config = flipOnly(4).toBuilder()
        .optNormalization(new double[] {0.5, 0.25, 0.0}, new double[] {0.5, 0.25, 2.0})
        .build();
    FloatImage view = new MultiCropAugmenter(config).view(TestImages.constant(3, 4, 4, 0.75f), 0,
        new SplittableRandom(69));
    assertThat(view.get(0, 1, 1)).isCloseTo(0.5f, within(1e-6f));
    assertThat(view.get(1, 1, 1)).isCloseTo(2.0f, within(1e-6f));
    assertThat(view.get(2, 1, 1)).isCloseTo(0.375f, within(1e-6f));
  }
}
