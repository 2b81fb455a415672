package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Augmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The DINO multi-crop pipeline of an {@link AugmentationConfig}, in plain Java on float pixels (DJL's image
 * ops are unusable for this: see DESIGN.md, section 5). Each view is, in this order:
 *
 * <ol>
 *   <li>{@link RandomResizedCrop} (global or local size and scale);
 *   <li>{@link HorizontalFlip} with the flip probability;
 *   <li>{@link ColorJitter} with the jitter probability;
 *   <li>{@link Grayscale} with the grayscale probability;
 *   <li>{@link GaussianBlur} with the view's blur probability (global 0, global 1, local), sigma uniform in
 *       the configured range;
 *   <li>{@link Solarize} with the solarize probability, global view 1 only;
 *   <li>{@link Normalize} with the configured mean and std.
 * </ol>
 *
 * <p>The input image is converted to the config's channel count first (luma for 3 to 1, replication for 1
 * to 3). Views are new {@link FloatImage}s in {@code CHW} layout; {@link FloatImage#data()} is what an
 * {@code NDArray} of shape {@code (C, size, size)} is created from.
 *
 * <p>Instances are immutable and thread-safe. Every random draw comes from the generator passed in, in a
 * fixed order, so one generator state gives one set of views on any thread.
 */
public final class MultiCropAugmenter implements Augmenter<FloatImage, FloatImage> {
  private final AugmentationConfig config;
  private final RandomResizedCrop globalCrop;
  private final RandomResizedCrop localCrop;
  private final ColorJitter colorJitter;
  private final float solarizeThreshold;
  private final float[] mean;
  private final float[] std;

  /**
   * The pipeline of {@code config}.
   *
   * @param config the settings
   */
  public MultiCropAugmenter(AugmentationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.globalCrop = new RandomResizedCrop(config.globalCropSize(), config.globalCropScale(),
        config.aspectRatio(), config.interpolation());
    this.localCrop = new RandomResizedCrop(config.localCropSize(), config.localCropScale(),
        config.aspectRatio(), config.interpolation());
    this.colorJitter =
        new ColorJitter(config.brightness(), config.contrast(), config.saturation(), config.hue());
    this.solarizeThreshold = (float) config.solarizeThreshold();
    this.mean = toFloats(config.normalizationMean());
    this.std = toFloats(config.normalizationStd());
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /**
   * The settings this pipeline runs.
   *
   * @return the config
   */
  public AugmentationConfig config() {
    return config;
  }

  @Override
  public int viewCount() {
    return config.viewCount();
  }

  @Override
  public List<FloatImage> augment(FloatImage image, RandomGenerator random) {
    FloatImage source = image.withChannels(config.channels());
    List<FloatImage> views = new ArrayList<>(viewCount());
    for (int v = 0; v < viewCount(); v++) {
      views.add(view(source, v, random));
    }
    return views;
  }

  /**
   * Draws one view: global for indices 0 and 1, local otherwise.
   *
   * @param source the image, already with the config's channel count; not modified
   * @param viewIndex the view's index, which selects its crop, blur probability and solarisation
   * @param random the source of randomness
   * @return a new normalised view
   */
  public FloatImage view(FloatImage source, int viewIndex, RandomGenerator random) {
    if (source.channels() != config.channels()) {
      throw new IllegalArgumentException(
          "expected " + config.channels() + " channels, got " + source.channels());
    }
    Objects.checkIndex(viewIndex, viewCount());
    FloatImage view = (viewIndex < 2 ? globalCrop : localCrop).apply(source, random);
    if (happens(random, config.flipProbability())) {
      HorizontalFlip.flipInPlace(view);
    }
    if (happens(random, config.colorJitterProbability())) {
      colorJitter.apply(view, random);
    }
    if (happens(random, config.grayscaleProbability())) {
      Grayscale.toGrayscaleInPlace(view);
    }
    if (happens(random, blurProbability(viewIndex))) {
      double sigma = config.blurSigma().min()
          + (config.blurSigma().max() - config.blurSigma().min()) * random.nextDouble();
      GaussianBlur.blurInPlace(view, sigma);
    }
    if (viewIndex == 1 && happens(random, config.solarizeProbability())) {
      Solarize.solarizeInPlace(view, solarizeThreshold);
    }
    Normalize.normalizeInPlace(view, mean, std);
    return view;
  }

  private double blurProbability(int viewIndex) {
    return switch (viewIndex) {
      case 0 -> config.blurProbabilityFirstGlobal();
      case 1 -> config.blurProbabilitySecondGlobal();
      default -> config.blurProbabilityLocal();
    };
  }

  private static boolean happens(RandomGenerator random, double probability) {
    return random.nextDouble() < probability;
  }

  @Override
  public String toString() {
    return "MultiCropAugmenter[" + config + "]";
  }
}
