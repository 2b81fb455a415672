package io.github.selfclassifier.djl.augment;

/** Per-channel standardisation {@code (x - mean[c]) / std[c]}, torchvision's {@code Normalize}. */
public final class Normalize {
  private Normalize() {}

  /**
   * Standardises every channel.
   *
   * @param image the image, modified in place
   * @param mean one mean per channel
   * @param std one positive standard deviation per channel
   */
  public static void normalizeInPlace(FloatImage image, float[] mean, float[] std) {
    int channels = image.channels();
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException(
          "need " + channels + " means and stds, got " + mean.length + " and " + std.length);
    }
    float[] d = image.data();
    int plane = image.height() * image.width();
    for (int c = 0; c < channels; c++) {
      float scale = 1f / std[c];
      float shift = -mean[c] * scale;
      for (int i = c * plane, end = i + plane; i < end; i++) {
        d[i] = d[i] * scale + shift;
      }
    }
  }
}
