package io.github.selfclassifier.djl.augment;

/** Mirror image left to right: pixel {@code (x, y)} moves to {@code (width - 1 - x, y)} in every channel. */
public final class HorizontalFlip {
  private HorizontalFlip() {}

  /**
   * Flips the image horizontally.
   *
   * @param image the image, modified in place
   */
  public static void flipInPlace(FloatImage image) {
    float[] d = image.data();
    int w = image.width();
    int rows = image.channels() * image.height();
    for (int row = 0; row < rows; row++) {
      int left = row * w;
      int right = left + w - 1;
      while (left < right) {
        float t = d[left];
        d[left++] = d[right];
        d[right--] = t;
      }
    }
  }
}
