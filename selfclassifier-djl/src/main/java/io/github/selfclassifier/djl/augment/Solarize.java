package io.github.selfclassifier.djl.augment;

/**
 * Solarisation as Pillow's {@code ImageOps.solarize}: every value at or above the threshold is inverted to
 * {@code 1 - value}, values below it are kept.
 */
public final class Solarize {
  /** Pillow's default threshold, 128 on the 0..255 scale. */
  public static final float DEFAULT_THRESHOLD = 128f / 255f;

  private Solarize() {}

  /**
   * Solarizes all channels.
   *
   * @param image the image with values in [0, 1], modified in place
   * @param threshold the threshold on the [0, 1] scale
   */
  public static void solarizeInPlace(FloatImage image, float threshold) {
    float[] d = image.data();
    for (int i = 0; i < d.length; i++) {
      float v = d[i];
      d[i] = v >= threshold ? 1f - v : v;
    }
  }
}
