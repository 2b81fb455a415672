package io.github.selfclassifier.api.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AugmentationConfigTest {

  @Test
  void imagenetPresetHasThePaperDefaults() {
    AugmentationConfig c = AugmentationConfig.imagenet();
    assertThat(c).isEqualTo(AugmentationConfig.builder().build());
    assertThat(c.channels()).isEqualTo(3);
    assertThat(c.globalCropSize()).isEqualTo(224);
    assertThat(c.localCropSize()).isEqualTo(96);
    assertThat(c.viewCount()).isEqualTo(2 + c.localCropCount());
    assertThat(c.globalCropScale()).isEqualTo(DoubleRange.of(0.4, 1.0));
    assertThat(c.localCropScale()).isEqualTo(DoubleRange.of(0.05, 0.4));
    assertThat(c.aspectRatio()).isEqualTo(DoubleRange.of(0.75, 4.0 / 3.0));
    assertThat(c.interpolation()).isEqualTo(Interpolation.BICUBIC);
    assertThat(c.flipProbability()).isEqualTo(0.5);
    assertThat(c.colorJitterProbability()).isEqualTo(0.8);
    assertThat(new double[] {c.brightness(), c.contrast(), c.saturation(), c.hue()})
        .containsExactly(0.4, 0.4, 0.2, 0.1);
    assertThat(c.grayscaleProbability()).isEqualTo(0.2);
    assertThat(new double[] {
          c.blurProbabilityFirstGlobal(), c.blurProbabilitySecondGlobal(), c.blurProbabilityLocal()})
        .containsExactly(1.0, 0.1, 0.5);
    assertThat(c.blurSigma()).isEqualTo(DoubleRange.of(0.1, 2.0));
    assertThat(c.solarizeProbability()).isEqualTo(0.2);
    assertThat(c.solarizeThreshold()).isEqualTo(128.0 / 255.0);
    assertThat(c.normalizationMean()).containsExactly(0.485, 0.456, 0.406);
    assertThat(c.normalizationStd()).containsExactly(0.229, 0.224, 0.225);
  }

  @Test
  void grayscale28PresetIsSingleChannelWithSmallCrops() {
    AugmentationConfig c = AugmentationConfig.grayscale28();
    assertThat(c.channels()).isEqualTo(1);
    assertThat(c.globalCropSize()).isEqualTo(28);
    assertThat(c.localCropSize()).isLessThan(28);
    assertThat(c.saturation()).isZero();
    assertThat(c.hue()).isZero();
    assertThat(c.normalizationMean()).containsExactly(AugmentationConfig.FASHION_MNIST_MEAN);
    assertThat(c.normalizationStd()).containsExactly(AugmentationConfig.FASHION_MNIST_STD);
  }

  @Test
  void returnedArraysAreCopies() {
    AugmentationConfig c = AugmentationConfig.imagenet();
    c.normalizationMean()[0] = 99;
    c.normalizationStd()[0] = 99;
    assertThat(c.normalizationMean()[0]).isEqualTo(0.485);
    assertThat(c.normalizationStd()[0]).isEqualTo(0.229);
  }

  @Test
  void toBuilderRoundTripsAndDerivesVariants() {
    AugmentationConfig c = AugmentationConfig.grayscale28();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    AugmentationConfig noLocals = c.toBuilder().optLocalCropCount(0).build();
    assertThat(noLocals.viewCount()).isEqualTo(2);
    assertThat(noLocals).isNotEqualTo(c);
  }

  @Test
  void buildRejectsInvalidSettingsByName() {
    assertThatThrownBy(() -> AugmentationConfig.builder().optGlobalCropSize(0).build())
        .hasMessageContaining("globalCropSize");
    assertThatThrownBy(() -> AugmentationConfig.builder().optLocalCropCount(-1).build())
        .hasMessageContaining("localCropCount");
    assertThatThrownBy(() -> AugmentationConfig.builder().optLocalCropScale(0.0, 0.4).build())
        .hasMessageContaining("localCropScale");
    assertThatThrownBy(() -> AugmentationConfig.builder().optGlobalCropScale(0.4, 1.1).build())
        .hasMessageContaining("globalCropScale");
    assertThatThrownBy(() -> AugmentationConfig.builder().optAspectRatio(0.0, 1.0).build())
        .hasMessageContaining("aspectRatio");
    assertThatThrownBy(() -> AugmentationConfig.builder().optFlipProbability(1.5).build())
        .hasMessageContaining("flipProbability");
    assertThatThrownBy(() -> AugmentationConfig.builder().optColorJitter(0.4, 0.4, 0.2, 0.6).build())
        .hasMessageContaining("hue");
    assertThatThrownBy(() -> AugmentationConfig.builder().optColorJitter(-0.1, 0.4, 0.2, 0.1).build())
        .hasMessageContaining("brightness");
    assertThatThrownBy(() -> AugmentationConfig.builder().optBlurProbabilities(1, 0.1, Double.NaN).build())
        .hasMessageContaining("blurProbabilityLocal");
    assertThatThrownBy(() -> AugmentationConfig.builder().optBlurSigma(0, 2).build())
        .hasMessageContaining("blurSigma");
    assertThatThrownBy(
            () -> AugmentationConfig.builder().optNormalization(new double[2], new double[] {1, 1}).build())
        .hasMessageContaining("1 or 3 channels");
    assertThatThrownBy(
            () -> AugmentationConfig.builder()
                .optNormalization(new double[] {0.5}, new double[] {0.0}).build())
        .hasMessageContaining("std");
    assertThatThrownBy(() -> DoubleRange.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
