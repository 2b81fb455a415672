package io.github.selfclassifier.djl.augment;

/**
 * Autocontrast as torchvision's {@code F.autocontrast} (and Pillow's {@code ImageOps.autocontrast} with no
 * cutoff): each channel is stretched linearly so that its darkest value becomes 0 and its brightest 1; a
 * constant channel is left as it is.
 *
 * <p>On Fashion-MNIST (black background) this divides a garment by its brightest pixel, so a dark coat and a
 * light coat look alike: applied at random it teaches the network that overall darkness is not what tells
 * two garments apart.
 */
public final class Autocontrast {
  private Autocontrast() {}

  /**
   * Stretches every channel to [0, 1].
   *
   * @param image the image with values in [0, 1], modified in place
   */
  public static void autocontrastInPlace(FloatImage image) {
    float[] d = image.data();
    int plane = image.height() * image.width();
    for (int c = 0; c < image.channels(); c++) {
      int start = c * plane;
      int end = start + plane;
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = start; i < end; i++) {
        min = Math.min(min, d[i]);
        max = Math.max(max, d[i]);
      }
      if (max > min) {
        float scale = 1f / (max - min);
        for (int i = start; i < end; i++) {
          d[i] = Math.min(1f, (d[i] - min) * scale);
        }
      }
    }
  }
}
