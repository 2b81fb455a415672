package io.github.selfclassifier.djl.augment;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Random colour jitter with torchvision's {@code ColorJitter} semantics: brightness, contrast and saturation
 * factors uniform in {@code [max(0, 1 - s), 1 + s]} for strength {@code s}, a hue shift uniform in
 * {@code [-h, h]} turns, the four adjustments applied in a random order, each clamping to [0, 1]. A strength
 * of 0 leaves that adjustment out.
 *
 * <p>The static adjustments follow torchvision's tensor functions: brightness scales, contrast blends with
 * the mean luma of the whole image, saturation blends with the pixel's luma, hue rotates the hue in HSV
 * space. On a 1-channel image saturation and hue have nothing to act on and change nothing; brightness and
 * contrast work on the single channel.
 *
 * <p>Instances are immutable and thread-safe; randomness comes from the caller.
 */
public final class ColorJitter {
  private static final int BRIGHTNESS = 0;
  private static final int CONTRAST = 1;
  private static final int SATURATION = 2;
  private static final int HUE = 3;

  /*
   * HSV to RGB without branches: in hue sector s (sixths of a turn) with fraction f, each output channel is
   * one of max, min, q = max - delta f or t = min + delta f, i.e. min + delta (HUE_BASE + f HUE_SLOPE) with
   * (base, slope) = (1, 0), (0, 0), (1, -1) or (0, 1). Rows: sector 0 (max, t, min), 1 (q, max, min),
   * 2 (min, max, t), 3 (min, q, max), 4 (t, min, max), 5 (max, min, q); columns R, G, B.
   */
  private static final float[] HUE_BASE = {1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1};
  private static final float[] HUE_SLOPE = {0, 1, 0, -1, 0, 0, 0, 0, 1, 0, -1, 0, 1, 0, 0, 0, 0, -1};

  private final double brightness;
  private final double contrast;
  private final double saturation;
  private final double hue;

  /**
   * A jitter with the given strengths.
   *
   * @param brightness brightness strength, at least 0
   * @param contrast contrast strength, at least 0
   * @param saturation saturation strength, at least 0
   * @param hue hue strength in turns, in [0, 0.5]
   */
  public ColorJitter(double brightness, double contrast, double saturation, double hue) {
    if (!(brightness >= 0) || !(contrast >= 0) || !(saturation >= 0) || !(hue >= 0 && hue <= 0.5)) {
      throw new IllegalArgumentException("invalid jitter strengths: brightness " + brightness + ", contrast "
          + contrast + ", saturation " + saturation + ", hue " + hue);
    }
    this.brightness = brightness;
    this.contrast = contrast;
    this.saturation = saturation;
    this.hue = hue;
  }

  /**
   * Draws the order and the factors and applies them.
   *
   * @param image the image with values in [0, 1], modified in place
   * @param random the source of randomness
   */
  public void apply(FloatImage image, RandomGenerator random) {
    int[] order = {BRIGHTNESS, CONTRAST, SATURATION, HUE};
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    float brightnessFactor = factor(random, brightness);
    float contrastFactor = factor(random, contrast);
    float saturationFactor = factor(random, saturation);
    float hueShift = hue > 0 ? (float) uniform(random, -hue, hue) : 0f;
    for (int op : order) {
      switch (op) {
        case BRIGHTNESS -> {
          if (brightness > 0) {
            adjustBrightness(image, brightnessFactor);
          }
        }
        case CONTRAST -> {
          if (contrast > 0) {
            adjustContrast(image, contrastFactor);
          }
        }
        case SATURATION -> {
          if (saturation > 0) {
            adjustSaturation(image, saturationFactor);
          }
        }
        default -> {
          if (hue > 0) {
            adjustHue(image, hueShift);
          }
        }
      }
    }
  }

  /** A factor uniform in [max(0, 1 - strength), 1 + strength], drawn only when the strength is positive. */
  private static float factor(RandomGenerator random, double strength) {
    return strength > 0 ? (float) uniform(random, Math.max(0, 1 - strength), 1 + strength) : 1f;
  }

  private static double uniform(RandomGenerator random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /**
   * Multiplies every value by {@code factor} and clamps to [0, 1]; 1 is the identity, 0 gives black.
   *
   * @param image the image, modified in place
   * @param factor the factor, at least 0
   */
  public static void adjustBrightness(FloatImage image, float factor) {
    float[] d = image.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = clamp01(d[i] * factor);
    }
  }

  /**
   * Blends every value with the mean luma {@code m} of the image: {@code clamp(factor * v + (1 - factor) *
   * m)}; 1 is the identity, 0 gives a uniform gray of the mean luma.
   *
   * @param image the image, modified in place
   * @param factor the factor, at least 0
   */
  public static void adjustContrast(FloatImage image, float factor) {
    float[] d = image.data();
    int plane = image.height() * image.width();
    double sum = 0;
    if (image.channels() == 1) {
      for (int i = 0; i < plane; i++) {
        sum += d[i];
      }
    } else {
      for (int i = 0; i < plane; i++) {
        sum += Grayscale.luma(d[i], d[plane + i], d[2 * plane + i]);
      }
    }
    float offset = (float) ((1 - factor) * sum / plane);
    for (int i = 0; i < d.length; i++) {
      d[i] = clamp01(factor * d[i] + offset);
    }
  }

  /**
   * Blends every pixel with its own luma {@code y}: {@code clamp(factor * v + (1 - factor) * y)}; 1 is the
   * identity, 0 gives grayscale, above 1 more saturated colours. No effect on a 1-channel image.
   *
   * @param image the image, modified in place
   * @param factor the factor, at least 0
   */
  public static void adjustSaturation(FloatImage image, float factor) {
    if (image.channels() == 1) {
      return;
    }
    float[] d = image.data();
    int plane = image.height() * image.width();
    // separate plane arrays, so that the loop reads and writes every array at the same index and vectorises
    float[] red = Arrays.copyOfRange(d, 0, plane);
    float[] green = Arrays.copyOfRange(d, plane, 2 * plane);
    float[] blue = Arrays.copyOfRange(d, 2 * plane, 3 * plane);
    float keep = 1f - factor;
    for (int i = 0; i < plane; i++) {
      float r = red[i];
      float g = green[i];
      float b = blue[i];
      float grayPart = keep * Grayscale.luma(r, g, b);
      red[i] = Math.min(1f, Math.max(0f, factor * r + grayPart));
      green[i] = Math.min(1f, Math.max(0f, factor * g + grayPart));
      blue[i] = Math.min(1f, Math.max(0f, factor * b + grayPart));
    }
    System.arraycopy(red, 0, d, 0, plane);
    System.arraycopy(green, 0, d, plane, plane);
    System.arraycopy(blue, 0, d, 2 * plane, plane);
  }

  /**
   * Rotates the hue of every pixel by {@code shift} turns in HSV space, keeping saturation and value (the
   * HSV round trip of torchvision's {@code adjust_hue}); shifts are taken modulo 1, so 0 and 1 are the
   * identity. Gray pixels have no hue and stay as they are; no effect on a 1-channel image.
   *
   * @param image the image with values in [0, 1], modified in place
   * @param shift the hue shift in turns, finite
   */
  public static void adjustHue(FloatImage image, float shift) {
    if (!Float.isFinite(shift)) {
      throw new IllegalArgumentException("hue shift must be finite, got " + shift);
    }
    if (image.channels() == 1) {
      return;
    }
    // hue in sixths of a turn, shifted by a whole turn so that it stays positive
    float shiftSixths = (shift - (float) Math.floor(shift)) * 6f + 6f;
    float[] d = image.data();
    int plane = image.height() * image.width();
    for (int i = 0; i < plane; i++) {
      float r = d[i];
      float g = d[plane + i];
      float b = d[2 * plane + i];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float delta = max - min;
      // a gray pixel (delta 0) gets hue 0 and comes back unchanged, as every output is then min + 0
      float inverse = 1f / Math.max(delta, Float.MIN_NORMAL);
      float sixths = max == r ? (g - b) * inverse
          : max == g ? 2f + (b - r) * inverse
          : 4f + (r - g) * inverse;
      sixths += shiftSixths; // in [5, 17)
      int whole = (int) sixths;
      float fraction = sixths - whole;
      int row = (whole % 6) * 3;
      float deltaFraction = delta * fraction;
      d[i] = min + delta * HUE_BASE[row] + deltaFraction * HUE_SLOPE[row];
      d[plane + i] = min + delta * HUE_BASE[row + 1] + deltaFraction * HUE_SLOPE[row + 1];
      d[2 * plane + i] = min + delta * HUE_BASE[row + 2] + deltaFraction * HUE_SLOPE[row + 2];
    }
  }

  private static float clamp01(float v) {
    return Math.min(1f, Math.max(0f, v));
  }

  @Override
  public String toString() {
    return "ColorJitter[brightness=" + brightness + ", contrast=" + contrast + ", saturation=" + saturation
        + ", hue=" + hue + "]";
  }
}
