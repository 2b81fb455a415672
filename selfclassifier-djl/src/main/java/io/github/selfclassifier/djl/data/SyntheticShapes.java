package io.github.selfclassifier.djl.data;

import java.util.SplittableRandom;

/**
 * A generated image set with known classes, for the quick start and tests: no download, fully reproducible
 * from a seed. Each class is a shape (disc, ring, square, frame, triangle, plus, cross, horizontal stripes,
 * vertical stripes, diamond) drawn at a random position, scale, small rotation and contrast over a noisy
 * background; in RGB the shape and background colours are random too, so colour carries no class
 * information. Images are anti-aliased (2 x 2 supersampling). Labels are the shape index {@code 0..classes-1}.
 *
 * <p>What it is: a sanity set for the whole pipeline, where a working self-supervised clustering finds the
 * shapes (ACC well above 0.9) and a broken one stays near chance. It is not a benchmark of real-world
 * quality; use Fashion-MNIST or your own images for that.
 */
public final class SyntheticShapes {
  /** The shapes, in label order. */
  public static final String[] CLASS_NAMES = {
    "disc", "ring", "square", "frame", "triangle", "plus", "cross", "h-stripes", "v-stripes", "diamond"
  };

  private SyntheticShapes() {}

  /**
   * Generates a labelled set, images in class-interleaved order (image i has class i % classes).
   *
   * @param imagesPerClass images of each class, at least 1
   * @param classes how many shapes, 2 to 10
   * @param size image side in pixels, at least 8
   * @param channels 1 (grayscale) or 3 (RGB)
   * @param seed the seed: the same arguments give the same images
   * @return the images and labels
   */
  public static ByteImageSet generate(int imagesPerClass, int classes, int size, int channels, long seed) {
    if (classes < 2 || classes > CLASS_NAMES.length) {
      throw new IllegalArgumentException("classes must be 2.." + CLASS_NAMES.length + ", not " + classes);
    }
    if (imagesPerClass < 1 || size < 8 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "need imagesPerClass >= 1, size >= 8 and 1 or 3 channels: "
              + imagesPerClass + ", " + size + ", " + channels);
    }
    int n = Math.multiplyExact(imagesPerClass, classes);
    int per = channels * size * size;
    byte[] pixels = new byte[Math.multiplyExact(n, per)];
    int[] labels = new int[n];
    float[] mask = new float[size * size];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
      drawMask(labels[i], size, random, mask);
      paint(mask, channels, size, random, pixels, i * per);
    }
    return ByteImageSet.wrap(channels, size, size, pixels, labels);
  }

  private static void drawMask(int shape, int size, SplittableRandom random, float[] mask) {
    double scale = size * (0.28 + 0.14 * random.nextDouble());
    double cx = size / 2.0 + size * 0.12 * (random.nextDouble() * 2 - 1);
    double cy = size / 2.0 + size * 0.12 * (random.nextDouble() * 2 - 1);
    double angle = Math.toRadians(12 * (random.nextDouble() * 2 - 1));
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int inside = 0;
        for (int sy = 0; sy < 2; sy++) {
          for (int sx = 0; sx < 2; sx++) {
            double dx = (x + 0.25 + 0.5 * sx - cx) / scale;
            double dy = (y + 0.25 + 0.5 * sy - cy) / scale;
            double u = cos * dx + sin * dy;
            double v = -sin * dx + cos * dy;
            if (inside(shape, u, v)) {
              inside++;
            }
          }
        }
        mask[y * size + x] = inside / 4f;
      }
    }
  }

  /** Shape membership in normalised coordinates, the shape spanning about [-1, 1]. */
  static boolean inside(int shape, double u, double v) {
    double r = Math.sqrt(u * u + v * v);
    double box = Math.max(Math.abs(u), Math.abs(v));
    switch (shape) {
      case 0:
        return r < 0.95;
      case 1:
        return r < 1.0 && r > 0.6;
      case 2:
        return box < 0.8;
      case 3:
        return box < 0.9 && box > 0.55;
      case 4:
        return v > -0.75 && v < 0.85 && Math.abs(u) < (v + 0.75) * 0.62;
      case 5:
        return (Math.abs(u) < 0.25 && Math.abs(v) < 0.95) || (Math.abs(v) < 0.25 && Math.abs(u) < 0.95);
      case 6: {
        double a = (u + v) / Math.sqrt(2);
        double b = (u - v) / Math.sqrt(2);
        return (Math.abs(a) < 0.22 && Math.abs(b) < 1.0) || (Math.abs(b) < 0.22 && Math.abs(a) < 1.0);
      }
      case 7:
        return box < 0.9 && ((int) Math.floor((v + 0.9) / 0.36)) % 2 == 0;
      case 8:
        return box < 0.9 && ((int) Math.floor((u + 0.9) / 0.36)) % 2 == 0;
      case 9:
        return Math.abs(u) + Math.abs(v) < 0.95;
      default:
        throw new IllegalArgumentException("no shape " + shape);
    }
  }

  private static void paint(
      float[] mask, int channels, int size, SplittableRandom random, byte[] out, int offset) {
    float[] fg = new float[channels];
    float[] bg = new float[channels];
    float fgLevel = 0.65f + 0.35f * (float) random.nextDouble();
    float bgLevel = 0.25f * (float) random.nextDouble();
    for (int c = 0; c < channels; c++) {
      // in RGB each channel's level is random, so hue is noise; brightness still separates shape and ground
      float tint = channels == 1 ? 1f : 0.55f + 0.45f * (float) random.nextDouble();
      fg[c] = fgLevel * tint;
      bg[c] = bgLevel * tint;
    }
    float noise = 0.06f;
    int plane = size * size;
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < plane; p++) {
        float m = mask[p];
        float value = m * fg[c] + (1 - m) * bg[c] + noise * (float) (random.nextDouble() * 2 - 1);
        int b = Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
        out[offset + c * plane + p] = (byte) b;
      }
    }
  }
}
