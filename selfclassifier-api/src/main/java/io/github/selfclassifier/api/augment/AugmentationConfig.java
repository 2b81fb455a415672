package io.github.selfclassifier.api.augment;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable settings of the DINO-style multi-crop augmentation Self-Classifier trains with (Caron et al.,
 * 2021, as used by Amrani et al., 2022). Each image gives two global crops and {@link #localCropCount()}
 * local crops:
 *
 * <ul>
 *   <li>every view: random resized crop (area fraction from the crop's scale range, aspect ratio
 *       log-uniform in {@link #aspectRatio()}), horizontal flip, colour jitter (brightness, contrast,
 *       saturation, hue in a random order) with {@link #colorJitterProbability()}, grayscale with
 *       {@link #grayscaleProbability()}, Gaussian blur with a per-view probability, then normalisation;
 *   <li>global view 0: blur with {@link #blurProbabilityFirstGlobal()} (1.0 by default);
 *   <li>global view 1: blur with {@link #blurProbabilitySecondGlobal()} (0.1), then solarize with
 *       {@link #solarizeProbability()} (0.2);
 *   <li>local views: blur with {@link #blurProbabilityLocal()} (0.5), no solarize.
 * </ul>
 *
 * <p>Pixel values are in [0, 1]; the solarize threshold is on that scale (Pillow's 128 is 128/255). The
 * number of channels, 1 or 3, is the length of the normalisation mean. On one channel the colour operations
 * take their grayscale meaning: saturation and hue change nothing, grayscale changes nothing, brightness and
 * contrast act on the single channel.
 *
 * <p>Build with {@link #builder()} (paper defaults) and validate in {@link Builder#build()}; presets:
 * {@link #imagenet()} and {@link #grayscale28()}.
 */
public final class AugmentationConfig {
  /* ImageNet per-channel mean and standard deviation (R, G, B), torchvision's constants. */
  private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
  private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
  /** Fashion-MNIST training-set pixel mean on the [0, 1] scale (60,000 images). */
  public static final double FASHION_MNIST_MEAN = 0.2860;
  /** Fashion-MNIST training-set pixel standard deviation on the [0, 1] scale (60,000 images). */
  public static final double FASHION_MNIST_STD = 0.3530;

  private static final AugmentationConfig IMAGENET = builder().build();
  private static final AugmentationConfig GRAYSCALE_28 =
      builder()
          .optGlobalCropSize(28)
          .optLocalCropSize(16)
          .optLocalCropScale(0.1, 0.4)
          .optColorJitter(0.4, 0.4, 0.0, 0.0)
          .optGrayscaleProbability(0.0)
          .optBlurSigma(0.1, 1.0)
          .optNormalization(new double[] {FASHION_MNIST_MEAN}, new double[] {FASHION_MNIST_STD})
          .build();

  private final int globalCropSize;
  private final int localCropSize;
  private final int localCropCount;
  private final DoubleRange globalCropScale;
  private final DoubleRange localCropScale;
  private final DoubleRange aspectRatio;
  private final Interpolation interpolation;
  private final double flipProbability;
  private final double colorJitterProbability;
  private final double brightness;
  private final double contrast;
  private final double saturation;
  private final double hue;
  private final double grayscaleProbability;
  private final double blurProbabilityFirstGlobal;
  private final double blurProbabilitySecondGlobal;
  private final double blurProbabilityLocal;
  private final DoubleRange blurSigma;
  private final double solarizeProbability;
  private final double solarizeThreshold;
  private final double[] normalizationMean;
  private final double[] normalizationStd;

  private AugmentationConfig(Builder b) {
    globalCropSize = b.globalCropSize;
    localCropSize = b.localCropSize;
    localCropCount = b.localCropCount;
    globalCropScale = b.globalCropScale;
    localCropScale = b.localCropScale;
    aspectRatio = b.aspectRatio;
    interpolation = b.interpolation;
    flipProbability = b.flipProbability;
    colorJitterProbability = b.colorJitterProbability;
    brightness = b.brightness;
    contrast = b.contrast;
    saturation = b.saturation;
    hue = b.hue;
    grayscaleProbability = b.grayscaleProbability;
    blurProbabilityFirstGlobal = b.blurProbabilityFirstGlobal;
    blurProbabilitySecondGlobal = b.blurProbabilitySecondGlobal;
    blurProbabilityLocal = b.blurProbabilityLocal;
    blurSigma = b.blurSigma;
    solarizeProbability = b.solarizeProbability;
    solarizeThreshold = b.solarizeThreshold;
    normalizationMean = b.normalizationMean.clone();
    normalizationStd = b.normalizationStd.clone();
  }

  /**
   * The DINO / Self-Classifier ImageNet setting, which is also the builder's default: 3 channels, 2 global
   * crops of 224 px with scale (0.4, 1), 6 local crops of 96 px with scale (0.05, 0.4) (Self-Classifier's
   * {@code --local-crops-number} default; DINO's scripts use 6 to 10), aspect ratio (3/4, 4/3), bicubic, flip
   * 0.5, jitter (0.4, 0.4, 0.2, 0.1) with p 0.8, grayscale 0.2, blur 1.0 / 0.1 / 0.5 with sigma (0.1, 2),
   * solarize 0.2 at 128/255, ImageNet mean/std.
   *
   * @return the ImageNet preset
   */
  public static AugmentationConfig imagenet() {
    return IMAGENET;
  }

  /**
   * A setting for 28x28 single-channel images such as Fashion-MNIST. Choices that differ from the ImageNet
   * preset, and why:
   *
   * <ul>
   *   <li>global crops 28 px (the native size), local crops 16 px: 96/224 of 28 would be 12 px, too few
   *       pixels for a convolutional backbone to see a part of a garment;
   *   <li>local scale (0.1, 0.4) instead of (0.05, 0.4): 5% of 784 pixels is a 6x6 patch, mostly background
   *       on these centred objects;
   *   <li>saturation and hue 0 and grayscale probability 0: they change nothing on one channel (set so the
   *       config says what happens);
   *   <li>blur sigma (0.1, 1.0) instead of (0.1, 2.0): sigma is in output pixels, and 2 px on a 28 px image
   *       erases most of the structure (SimCLR drops blur altogether on 32 px CIFAR);
   *   <li>normalisation with the Fashion-MNIST training-set mean 0.2860 and std 0.3530.
   * </ul>
   *
   * Everything else (global scale, aspect ratio, flip, jitter probability, brightness/contrast 0.4, blur and
   * solarize probabilities, 6 local crops, bicubic) is the paper's.
   *
   * @return the 28x28 grayscale preset
   */
  public static AugmentationConfig grayscale28() {
    return GRAYSCALE_28;
  }

  /**
   * A builder with the paper's defaults ({@link #imagenet()}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this config's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The number of image channels, 1 or 3 (the length of the normalisation mean).
   *
   * @return the channel count
   */
  public int channels() {
    return normalizationMean.length;
  }

  /**
   * Views per image: 2 global plus {@link #localCropCount()} local.
   *
   * @return the view count
   */
  public int viewCount() {
    return 2 + localCropCount;
  }

  /**
   * Side of the square global crops in pixels (default 224).
   *
   * @return the global crop size
   */
  public int globalCropSize() {
    return globalCropSize;
  }

  /**
   * Side of the square local crops in pixels (default 96).
   *
   * @return the local crop size
   */
  public int localCropSize() {
    return localCropSize;
  }

  /**
   * Number of local crops per image; 0 disables multi-crop (default 6).
   *
   * @return the local crop count
   */
  public int localCropCount() {
    return localCropCount;
  }

  /**
   * Range of the global crops' area as a fraction of the image area (default (0.4, 1)).
   *
   * @return the global scale range
   */
  public DoubleRange globalCropScale() {
    return globalCropScale;
  }

  /**
   * Range of the local crops' area as a fraction of the image area (default (0.05, 0.4)).
   *
   * @return the local scale range
   */
  public DoubleRange localCropScale() {
    return localCropScale;
  }

  /**
   * Range of crop aspect ratios width/height, drawn log-uniformly (default (3/4, 4/3)).
   *
   * @return the aspect-ratio range
   */
  public DoubleRange aspectRatio() {
    return aspectRatio;
  }

  /**
   * Resampling filter of the crops (default bicubic).
   *
   * @return the interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  /**
   * Probability of a horizontal flip, every view (default 0.5).
   *
   * @return the flip probability
   */
  public double flipProbability() {
    return flipProbability;
  }

  /**
   * Probability that colour jitter is applied to a view (default 0.8).
   *
   * @return the jitter probability
   */
  public double colorJitterProbability() {
    return colorJitterProbability;
  }

  /**
   * Brightness strength b: the factor is uniform in [max(0, 1 - b), 1 + b] (default 0.4; 0 disables).
   *
   * @return the brightness strength
   */
  public double brightness() {
    return brightness;
  }

  /**
   * Contrast strength c: the factor is uniform in [max(0, 1 - c), 1 + c] (default 0.4; 0 disables).
   *
   * @return the contrast strength
   */
  public double contrast() {
    return contrast;
  }

  /**
   * Saturation strength s: the factor is uniform in [max(0, 1 - s), 1 + s] (default 0.2; 0 disables).
   *
   * @return the saturation strength
   */
  public double saturation() {
    return saturation;
  }

  /**
   * Hue strength h in [0, 0.5]: the hue shift, in turns, is uniform in [-h, h] (default 0.1; 0 disables).
   *
   * @return the hue strength
   */
  public double hue() {
    return hue;
  }

  /**
   * Probability of converting a view to grayscale, keeping its channel count (default 0.2).
   *
   * @return the grayscale probability
   */
  public double grayscaleProbability() {
    return grayscaleProbability;
  }

  /**
   * Probability of Gaussian blur on global view 0 (default 1.0).
   *
   * @return the blur probability of the first global view
   */
  public double blurProbabilityFirstGlobal() {
    return blurProbabilityFirstGlobal;
  }

  /**
   * Probability of Gaussian blur on global view 1 (default 0.1).
   *
   * @return the blur probability of the second global view
   */
  public double blurProbabilitySecondGlobal() {
    return blurProbabilitySecondGlobal;
  }

  /**
   * Probability of Gaussian blur on each local view (default 0.5).
   *
   * @return the blur probability of local views
   */
  public double blurProbabilityLocal() {
    return blurProbabilityLocal;
  }

  /**
   * Range of the blur's standard deviation in output pixels, drawn uniformly (default (0.1, 2.0)).
   *
   * @return the sigma range
   */
  public DoubleRange blurSigma() {
    return blurSigma;
  }

  /**
   * Probability of solarizing global view 1; other views are never solarized (default 0.2).
   *
   * @return the solarize probability
   */
  public double solarizeProbability() {
    return solarizeProbability;
  }

  /**
   * Solarize threshold on the [0, 1] scale: values at or above it become {@code 1 - value} (default 128/255,
   * Pillow's {@code ImageOps.solarize} default).
   *
   * @return the threshold
   */
  public double solarizeThreshold() {
    return solarizeThreshold;
  }

  /**
   * Per-channel normalisation mean, applied last as {@code (x - mean) / std} (default ImageNet's).
   *
   * @return a copy of the mean, one value per channel
   */
  public double[] normalizationMean() {
    return normalizationMean.clone();
  }

  /**
   * Per-channel normalisation standard deviation (default ImageNet's).
   *
   * @return a copy of the standard deviation, one value per channel
   */
  public double[] normalizationStd() {
    return normalizationStd.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AugmentationConfig c
        && globalCropSize == c.globalCropSize
        && localCropSize == c.localCropSize
        && localCropCount == c.localCropCount
        && globalCropScale.equals(c.globalCropScale)
        && localCropScale.equals(c.localCropScale)
        && aspectRatio.equals(c.aspectRatio)
        && interpolation == c.interpolation
        && flipProbability == c.flipProbability
        && colorJitterProbability == c.colorJitterProbability
        && brightness == c.brightness
        && contrast == c.contrast
        && saturation == c.saturation
        && hue == c.hue
        && grayscaleProbability == c.grayscaleProbability
        && blurProbabilityFirstGlobal == c.blurProbabilityFirstGlobal
        && blurProbabilitySecondGlobal == c.blurProbabilitySecondGlobal
        && blurProbabilityLocal == c.blurProbabilityLocal
        && blurSigma.equals(c.blurSigma)
        && solarizeProbability == c.solarizeProbability
        && solarizeThreshold == c.solarizeThreshold
        && Arrays.equals(normalizationMean, c.normalizationMean)
        && Arrays.equals(normalizationStd, c.normalizationStd);
  }

  @Override
  public int hashCode() {
    int h =
        Objects.hash(
            globalCropSize, localCropSize, localCropCount, globalCropScale, localCropScale, aspectRatio,
            interpolation, flipProbability, colorJitterProbability, brightness, contrast, saturation, hue,
            grayscaleProbability, blurProbabilityFirstGlobal, blurProbabilitySecondGlobal,
            blurProbabilityLocal, blurSigma, solarizeProbability, solarizeThreshold);
    return 31 * (31 * h + Arrays.hashCode(normalizationMean)) + Arrays.hashCode(normalizationStd);
  }

  @Override
  public String toString() {
    return "AugmentationConfig[channels=" + channels()
        + ", globalCropSize=" + globalCropSize
        + ", localCropSize=" + localCropSize
        + ", localCropCount=" + localCropCount
        + ", globalCropScale=" + globalCropScale
        + ", localCropScale=" + localCropScale
        + ", aspectRatio=" + aspectRatio
        + ", interpolation=" + interpolation
        + ", flipProbability=" + flipProbability
        + ", colorJitterProbability=" + colorJitterProbability
        + ", brightness=" + brightness
        + ", contrast=" + contrast
        + ", saturation=" + saturation
        + ", hue=" + hue
        + ", grayscaleProbability=" + grayscaleProbability
        + ", blurProbabilities=[" + blurProbabilityFirstGlobal + ", " + blurProbabilitySecondGlobal + ", "
        + blurProbabilityLocal + "]"
        + ", blurSigma=" + blurSigma
        + ", solarizeProbability=" + solarizeProbability
        + ", solarizeThreshold=" + solarizeThreshold
        + ", normalizationMean=" + Arrays.toString(normalizationMean)
        + ", normalizationStd=" + Arrays.toString(normalizationStd)
        + "]";
  }

  /** Builder of {@link AugmentationConfig}; starts from the paper's defaults, validates in {@link #build()}. */
  public static final class Builder {
    private int globalCropSize = 224;
    private int localCropSize = 96;
    private int localCropCount = 6;
    private DoubleRange globalCropScale = DoubleRange.of(0.4, 1.0);
    private DoubleRange localCropScale = DoubleRange.of(0.05, 0.4);
    private DoubleRange aspectRatio = DoubleRange.of(3.0 / 4.0, 4.0 / 3.0);
    private Interpolation interpolation = Interpolation.BICUBIC;
    private double flipProbability = 0.5;
    private double colorJitterProbability = 0.8;
    private double brightness = 0.4;
    private double contrast = 0.4;
    private double saturation = 0.2;
    private double hue = 0.1;
    private double grayscaleProbability = 0.2;
    private double blurProbabilityFirstGlobal = 1.0;
    private double blurProbabilitySecondGlobal = 0.1;
    private double blurProbabilityLocal = 0.5;
    private DoubleRange blurSigma = DoubleRange.of(0.1, 2.0);
    private double solarizeProbability = 0.2;
    private double solarizeThreshold = 128.0 / 255.0;
    private double[] normalizationMean = IMAGENET_MEAN.clone();
    private double[] normalizationStd = IMAGENET_STD.clone();

    private Builder() {}

    private Builder(AugmentationConfig c) {
      globalCropSize = c.globalCropSize;
      localCropSize = c.localCropSize;
      localCropCount = c.localCropCount;
      globalCropScale = c.globalCropScale;
      localCropScale = c.localCropScale;
      aspectRatio = c.aspectRatio;
      interpolation = c.interpolation;
      flipProbability = c.flipProbability;
      colorJitterProbability = c.colorJitterProbability;
      brightness = c.brightness;
      contrast = c.contrast;
      saturation = c.saturation;
      hue = c.hue;
      grayscaleProbability = c.grayscaleProbability;
      blurProbabilityFirstGlobal = c.blurProbabilityFirstGlobal;
      blurProbabilitySecondGlobal = c.blurProbabilitySecondGlobal;
      blurProbabilityLocal = c.blurProbabilityLocal;
      blurSigma = c.blurSigma;
      solarizeProbability = c.solarizeProbability;
      solarizeThreshold = c.solarizeThreshold;
      normalizationMean = c.normalizationMean.clone();
      normalizationStd = c.normalizationStd.clone();
    }

    /**
     * Sets the global crop side in pixels (default 224).
     *
     * @param size the size, at least 1
     * @return this builder
     */
    public Builder optGlobalCropSize(int size) {
      this.globalCropSize = size;
      return this;
    }

    /**
     * Sets the local crop side in pixels (default 96).
     *
     * @param size the size, at least 1
     * @return this builder
     */
    public Builder optLocalCropSize(int size) {
      this.localCropSize = size;
      return this;
    }

    /**
     * Sets the number of local crops (default 6; 0 disables multi-crop).
     *
     * @param count the count, at least 0
     * @return this builder
     */
    public Builder optLocalCropCount(int count) {
      this.localCropCount = count;
      return this;
    }

    /**
     * Sets the global crops' area fraction range (default (0.4, 1)).
     *
     * @param min lower end, in (0, 1]
     * @param max upper end, in [min, 1]
     * @return this builder
     */
    public Builder optGlobalCropScale(double min, double max) {
      this.globalCropScale = DoubleRange.of(min, max);
      return this;
    }

    /**
     * Sets the local crops' area fraction range (default (0.05, 0.4)).
     *
     * @param min lower end, in (0, 1]
     * @param max upper end, in [min, 1]
     * @return this builder
     */
    public Builder optLocalCropScale(double min, double max) {
      this.localCropScale = DoubleRange.of(min, max);
      return this;
    }

    /**
     * Sets the aspect-ratio (width/height) range, drawn log-uniformly (default (3/4, 4/3)).
     *
     * @param min lower end, positive
     * @param max upper end, at least min
     * @return this builder
     */
    public Builder optAspectRatio(double min, double max) {
      this.aspectRatio = DoubleRange.of(min, max);
      return this;
    }

    /**
     * Sets the resampling filter (default bicubic).
     *
     * @param interpolation the filter
     * @return this builder
     */
    public Builder optInterpolation(Interpolation interpolation) {
      this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
      return this;
    }

    /**
     * Sets the horizontal flip probability (default 0.5).
     *
     * @param p the probability, in [0, 1]
     * @return this builder
     */
    public Builder optFlipProbability(double p) {
      this.flipProbability = p;
      return this;
    }

    /**
     * Sets the colour jitter strengths (default 0.4, 0.4, 0.2, 0.1); a strength of 0 disables that part.
     *
     * @param brightness brightness strength, at least 0
     * @param contrast contrast strength, at least 0
     * @param saturation saturation strength, at least 0
     * @param hue hue strength, in [0, 0.5]
     * @return this builder
     */
    public Builder optColorJitter(double brightness, double contrast, double saturation, double hue) {
      this.brightness = brightness;
      this.contrast = contrast;
      this.saturation = saturation;
      this.hue = hue;
      return this;
    }

    /**
     * Sets the probability that colour jitter is applied (default 0.8).
     *
     * @param p the probability, in [0, 1]
     * @return this builder
     */
    public Builder optColorJitterProbability(double p) {
      this.colorJitterProbability = p;
      return this;
    }

    /**
     * Sets the grayscale probability (default 0.2).
     *
     * @param p the probability, in [0, 1]
     * @return this builder
     */
    public Builder optGrayscaleProbability(double p) {
      this.grayscaleProbability = p;
      return this;
    }

    /**
     * Sets the Gaussian blur probabilities per view kind (default 1.0, 0.1, 0.5).
     *
     * @param firstGlobal probability on global view 0, in [0, 1]
     * @param secondGlobal probability on global view 1, in [0, 1]
     * @param local probability on each local view, in [0, 1]
     * @return this builder
     */
    public Builder optBlurProbabilities(double firstGlobal, double secondGlobal, double local) {
      this.blurProbabilityFirstGlobal = firstGlobal;
      this.blurProbabilitySecondGlobal = secondGlobal;
      this.blurProbabilityLocal = local;
      return this;
    }

    /**
     * Sets the blur sigma range in output pixels (default (0.1, 2.0)).
     *
     * @param min lower end, positive
     * @param max upper end, at least min
     * @return this builder
     */
    public Builder optBlurSigma(double min, double max) {
      this.blurSigma = DoubleRange.of(min, max);
      return this;
    }

    /**
     * Sets the probability of solarizing global view 1 (default 0.2).
     *
     * @param p the probability, in [0, 1]
     * @return this builder
     */
    public Builder optSolarizeProbability(double p) {
      this.solarizeProbability = p;
      return this;
    }

    /**
     * Sets the solarize threshold on the [0, 1] scale (default 128/255).
     *
     * @param threshold the threshold, in [0, 1]
     * @return this builder
     */
    public Builder optSolarizeThreshold(double threshold) {
      this.solarizeThreshold = threshold;
      return this;
    }

    /**
     * Sets the per-channel normalisation; the length (1 or 3) is the number of channels (default ImageNet's
     * three-channel mean and std).
     *
     * @param mean per-channel mean, finite
     * @param std per-channel standard deviation, positive, same length as {@code mean}
     * @return this builder
     */
    public Builder optNormalization(double[] mean, double[] std) {
      this.normalizationMean = Objects.requireNonNull(mean, "mean").clone();
      this.normalizationStd = Objects.requireNonNull(std, "std").clone();
      return this;
    }

    /**
     * Validates the settings and builds the config.
     *
     * @return the immutable config
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public AugmentationConfig build() {
      requireAtLeast("globalCropSize", globalCropSize, 1);
      requireAtLeast("localCropSize", localCropSize, 1);
      requireAtLeast("localCropCount", localCropCount, 0);
      requireScale("globalCropScale", globalCropScale);
      requireScale("localCropScale", localCropScale);
      if (aspectRatio.min() <= 0) {
        throw new IllegalArgumentException("aspectRatio must be positive, got " + aspectRatio);
      }
      requireProbability("flipProbability", flipProbability);
      requireProbability("colorJitterProbability", colorJitterProbability);
      requireStrength("brightness", brightness);
      requireStrength("contrast", contrast);
      requireStrength("saturation", saturation);
      if (!(hue >= 0 && hue <= 0.5)) {
        throw new IllegalArgumentException("hue must be in [0, 0.5], got " + hue);
      }
      requireProbability("grayscaleProbability", grayscaleProbability);
      requireProbability("blurProbabilityFirstGlobal", blurProbabilityFirstGlobal);
      requireProbability("blurProbabilitySecondGlobal", blurProbabilitySecondGlobal);
      requireProbability("blurProbabilityLocal", blurProbabilityLocal);
      if (blurSigma.min() <= 0) {
        throw new IllegalArgumentException("blurSigma must be positive, got " + blurSigma);
      }
      requireProbability("solarizeProbability", solarizeProbability);
      requireProbability("solarizeThreshold", solarizeThreshold);
      if (normalizationMean.length != 1 && normalizationMean.length != 3) {
        throw new IllegalArgumentException(
            "normalization must have 1 or 3 channels, got " + normalizationMean.length);
      }
      if (normalizationStd.length != normalizationMean.length) {
        throw new IllegalArgumentException(
            "normalization mean and std lengths differ: " + normalizationMean.length + " vs "
                + normalizationStd.length);
      }
      for (int c = 0; c < normalizationMean.length; c++) {
        if (!Double.isFinite(normalizationMean[c])) {
          throw new IllegalArgumentException("normalization mean must be finite: "
              + Arrays.toString(normalizationMean));
        }
        if (!(normalizationStd[c] > 0) || !Double.isFinite(normalizationStd[c])) {
          throw new IllegalArgumentException("normalization std must be positive and finite: "
              + Arrays.toString(normalizationStd));
        }
      }
      return new AugmentationConfig(this);
    }

    private static void requireAtLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
      }
    }

    private static void requireScale(String name, DoubleRange scale) {
      if (scale.min() <= 0 || scale.max() > 1) {
        throw new IllegalArgumentException(name + " must lie in (0, 1], got " + scale);
      }
    }

    private static void requireProbability(String name, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
      }
    }

    private static void requireStrength(String name, double strength) {
      if (!(strength >= 0) || !Double.isFinite(strength)) {
        throw new IllegalArgumentException(name + " must be finite and at least 0, got " + strength);
      }
    }
  }
}
