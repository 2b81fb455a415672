package io.github.selfclassifier.djl.augment;

/**
 * Grayscale conversion with the ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B} (Pillow's {@code "L"}
 * conversion, torchvision's {@code rgb_to_grayscale}), keeping the channel count as torchvision's
 * {@code RandomGrayscale} does: a 3-channel image gets the luma in all three channels.
 */
public final class Grayscale {
  /** Weight of red in the luma. */
  public static final float RED_WEIGHT = 0.299f;
  /** Weight of green in the luma. */
  public static final float GREEN_WEIGHT = 0.587f;
  /** Weight of blue in the luma. */
  public static final float BLUE_WEIGHT = 0.114f;

  private Grayscale() {}

  /**
   * The luma of one pixel.
   *
   * @param r red
   * @param g green
   * @param b blue
   * @return {@code 0.299 r + 0.587 g + 0.114 b}
   */
  public static float luma(float r, float g, float b) {
    return RED_WEIGHT * r + GREEN_WEIGHT * g + BLUE_WEIGHT * b;
  }

  /**
   * Replaces every channel of a 3-channel image by the luma; a 1-channel image is already gray and is left
   * as it is.
   *
   * @param image the image, modified in place
   */
  public static void toGrayscaleInPlace(FloatImage image) {
    if (image.channels() == 1) {
      return;
    }
    float[] d = image.data();
    int plane = image.height() * image.width();
    for (int i = 0; i < plane; i++) {
      float y = luma(d[i], d[plane + i], d[2 * plane + i]);
      d[i] = y;
      d[plane + i] = y;
      d[2 * plane + i] = y;
    }
  }
}
