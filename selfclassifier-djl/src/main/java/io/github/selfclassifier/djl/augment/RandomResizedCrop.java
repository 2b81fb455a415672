package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.DoubleRange;
import io.github.selfclassifier.api.augment.Interpolation;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop}: up to 10 attempts draw an area fraction uniform in the scale range
 * and an aspect ratio (width/height) log-uniform in the ratio range, round the box to whole pixels and keep
 * the first that fits, at a uniformly random position; if none fits, the largest centred box whose aspect
 * ratio is within the range. The box is then resized to a square of {@link #size()} pixels with
 * {@link Resampler}.
 *
 * <p>Instances are immutable and thread-safe; randomness comes from the caller.
 */
public final class RandomResizedCrop {
  private static final int ATTEMPTS = 10;

  private final int size;
  private final DoubleRange scale;
  private final DoubleRange ratio;
  private final Interpolation interpolation;
  private final double logRatioMin;
  private final double logRatioMax;

  /**
   * A crop to squares of {@code size} pixels.
   *
   * @param size output side in pixels, positive
   * @param scale range of the box's area as a fraction of the image's, in (0, 1]
   * @param ratio range of the box's aspect ratio width/height, positive
   * @param interpolation the resampling filter
   */
  public RandomResizedCrop(int size, DoubleRange scale, DoubleRange ratio, Interpolation interpolation) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive, got " + size);
    }
    if (scale.min() <= 0 || scale.max() > 1) {
      throw new IllegalArgumentException("scale must lie in (0, 1], got " + scale);
    }
    if (ratio.min() <= 0) {
      throw new IllegalArgumentException("ratio must be positive, got " + ratio);
    }
    this.size = size;
    this.scale = scale;
    this.ratio = ratio;
    this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
    this.logRatioMin = Math.log(ratio.min());
    this.logRatioMax = Math.log(ratio.max());
  }

  /**
   * Draws a box for an image of the given size, without resampling (exposed so the sampling can be checked).
   *
   * @param imageHeight the image's rows
   * @param imageWidth the image's columns
   * @param random the source of randomness
   * @return a box inside the image
   */
  public CropBox sampleBox(int imageHeight, int imageWidth, RandomGenerator random) {
    double area = (double) imageHeight * imageWidth;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double targetArea = area * uniform(random, scale.min(), scale.max());
      double aspect = Math.exp(uniform(random, logRatioMin, logRatioMax));
      // Math.rint rounds half to even, as Python's round does
      int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
      int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= imageWidth && h > 0 && h <= imageHeight) {
        int top = random.nextInt(imageHeight - h + 1);
        int left = random.nextInt(imageWidth - w + 1);
        return new CropBox(top, left, h, w);
      }
    }
    double inRatio = (double) imageWidth / imageHeight;
    int w;
    int h;
    if (inRatio < ratio.min()) {
      w = imageWidth;
      h = Math.max(1, (int) Math.rint(w / ratio.min()));
    } else if (inRatio > ratio.max()) {
      h = imageHeight;
      w = Math.max(1, (int) Math.rint(h * ratio.max()));
    } else {
      w = imageWidth;
      h = imageHeight;
    }
    return new CropBox((imageHeight - h) / 2, (imageWidth - w) / 2, h, w);
  }

  /**
   * Draws a box and resizes it to {@code size x size}.
   *
   * @param image the source image; not modified
   * @param random the source of randomness
   * @return a new image
   */
  public FloatImage apply(FloatImage image, RandomGenerator random) {
    CropBox box = sampleBox(image.height(), image.width(), random);
    return Resampler.resizeCrop(image, box, size, size, interpolation);
  }

  private static double uniform(RandomGenerator random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /**
   * The output side in pixels.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * The area fraction range.
   *
   * @return the scale range
   */
  public DoubleRange scale() {
    return scale;
  }

  /**
   * The aspect-ratio range.
   *
   * @return the ratio range
   */
  public DoubleRange ratio() {
    return ratio;
  }

  /**
   * The resampling filter.
   *
   * @return the interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  @Override
  public String toString() {
    return "RandomResizedCrop[size=" + size + ", scale=" + scale + ", ratio=" + ratio + ", interpolation="
        + interpolation + "]";
  }
}
