package io.github.selfclassifier.djl.augment;

import java.util.SplittableRandom;

/** Synthetic images for the augmentation tests. */
final class TestImages {
  private TestImages() {}

  /** Uniform noise in [0, 1). */
  static FloatImage noise(int channels, int height, int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    FloatImage image = new FloatImage(channels, height, width);
    float[] d = image.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextDouble();
    }
    return image;
  }

  /** Every value equal to {@code value}. */
  static FloatImage constant(int channels, int height, int width, float value) {
    FloatImage image = new FloatImage(channels, height, width);
    java.util.Arrays.fill(image.data(), value);
    return image;
  }

  /** Value {@code offset + slope * x} in every row and channel. */
  static FloatImage horizontalRamp(int channels, int height, int width, float offset, float slope) {
    FloatImage image = new FloatImage(channels, height, width);
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          image.set(c, y, x, offset + slope * x);
        }
      }
    }
    return image;
  }

  /** Largest absolute difference between two images of the same shape. */
  static double maxAbsDifference(FloatImage a, FloatImage b) {
    if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
      throw new IllegalArgumentException(a + " vs " + b);
    }
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
    }
    return max;
  }

  /** Largest absolute difference between any value and {@code expected}. */
  static double maxDeviation(float[] values, float expected) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v - expected));
    }
    return max;
  }

  static float min(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  static float max(float[] values) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  static double variance(float[] values) {
    double mean = mean(values);
    double sum = 0;
    for (float v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / values.length;
  }
}
