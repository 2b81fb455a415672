package io.github.selfclassifier.djl.inference;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.djl.data.CenterCropResizer;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * How an image becomes the network's input at evaluation time, as training evaluated it: {@link
 * CenterCropResizer} (convert channels, shorter side to {@link #size()}, centre crop, 8-bit, exactly as
 * {@link io.github.selfclassifier.djl.data.ImageFolder} loads images), then each value scaled to [0, 1] and
 * normalised with the training augmentation's per-channel mean and std: {@code x = (b / 255 - mean[c]) /
 * std[c]}, the arithmetic of {@code SelfClassifierTrainer.predictClusters}. Immutable.
 */
public final class InputPreprocessing {
  private final int size;
  private final Interpolation interpolation;
  private final double[] mean;
  private final double[] std;
  private final CenterCropResizer resizer;

  private InputPreprocessing(int size, Interpolation interpolation, double[] mean, double[] std) {
    this.size = size;
    this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
    this.mean = mean.clone();
    this.std = std.clone();
    if (mean.length != std.length || (mean.length != 1 && mean.length != 3)) {
      throw new IllegalArgumentException("mean and std need 1 or 3 equal-length entries: "
          + Arrays.toString(mean) + ", " + Arrays.toString(std));
    }
    for (int c = 0; c < mean.length; c++) {
      if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
        throw new IllegalArgumentException("mean must be finite and std positive: " + Arrays.toString(mean)
            + ", " + Arrays.toString(std));
      }
    }
    this.resizer = new CenterCropResizer(size, mean.length, interpolation);
  }

  /**
   * Preprocessing to {@code channels x size x size} with the given normalisation; the channel count is the
   * length of {@code mean}.
   *
   * @param size the square input side, positive
   * @param interpolation the resize filter
   * @param mean per-channel mean (1 or 3 entries)
   * @param std per-channel standard deviation, positive, as many entries as {@code mean}
   * @return the preprocessing
   * @throws IllegalArgumentException if a value is invalid
   */
  public static InputPreprocessing of(int size, Interpolation interpolation, double[] mean, double[] std) {
    return new InputPreprocessing(size, interpolation, mean, std);
  }

  /**
   * The evaluation preprocessing of a training run: the global crop size as input size, the augmentation's
   * channels, interpolation and normalisation.
   *
   * @param augmentation the training augmentation
   * @return the preprocessing
   */
  public static InputPreprocessing fromAugmentation(AugmentationConfig augmentation) {
    return new InputPreprocessing(augmentation.globalCropSize(), augmentation.interpolation(),
        augmentation.normalizationMean(), augmentation.normalizationStd());
  }

  /**
   * The square input side.
   *
   * @return the size in pixels
   */
  public int size() {
    return size;
  }

  /**
   * The input channel count.
   *
   * @return 1 or 3
   */
  public int channels() {
    return mean.length;
  }

  /**
   * The resize filter.
   *
   * @return the interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  /**
   * The per-channel normalisation mean.
   *
   * @return a copy
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The per-channel normalisation standard deviation.
   *
   * @return a copy
   */
  public double[] std() {
    return std.clone();
  }

  /**
   * The resize and channel conversion step, shared with the image-folder loader.
   *
   * @return the resizer
   */
  public CenterCropResizer resizer() {
    return resizer;
  }

  /**
   * Preprocesses one decoded image.
   *
   * @param image the image, any size and type
   * @return {@code channels * size * size} normalised floats in CHW order
   */
  public float[] toInput(BufferedImage image) {
    byte[] bytes = resizer.toBytes(image);
    float[] out = new float[bytes.length];
    normalize(bytes, 0, 1, out, 0);
    return out;
  }

  /**
   * Normalises images already resized to {@code channels x size x size} bytes (as an image-folder load or
   * {@link #resizer()} gives them).
   *
   * @param pixels NCHW unsigned bytes
   * @param from the first image
   * @param count the number of images
   * @param out receives {@code count * channels * size * size} floats
   * @param outOffset where the first image starts in {@code out}
   */
  public void normalize(byte[] pixels, int from, int count, float[] out, int outOffset) {
    int plane = size * size;
    int per = mean.length * plane;
    for (int i = 0; i < count; i++) {
      int src = (from + i) * per;
      int dst = outOffset + i * per;
      for (int k = 0; k < per; k++) {
        int c = k / plane;
        float unit = (pixels[src + k] & 0xff) / 255f;
        out[dst + k] = (float) ((unit - mean[c]) / std[c]);
      }
    }
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("size", size);
    o.addProperty("channels", channels());
    o.addProperty("interpolation", interpolation.name());
    JsonArray m = new JsonArray();
    JsonArray s = new JsonArray();
    for (int c = 0; c < mean.length; c++) {
      m.add(mean[c]);
      s.add(std[c]);
    }
    o.add("mean", m);
    o.add("std", s);
    return o;
  }

  static InputPreprocessing fromJson(JsonObject o) {
    double[] mean = numbers(o, "mean");
    double[] std = numbers(o, "std");
    String interpolation = value(o, "interpolation").getAsString();
    try {
      return new InputPreprocessing(value(o, "size").getAsInt(), Interpolation.valueOf(interpolation), mean,
          std);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid input preprocessing " + o + ": " + e.getMessage(), e);
    }
  }

  private static JsonElement value(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new IllegalArgumentException("missing key 'input." + key + "' in the model file's metadata");
    }
    return e;
  }

  private static double[] numbers(JsonObject o, String key) {
    JsonElement e = value(o, key);
    if (!e.isJsonArray()) {
      throw new IllegalArgumentException("key 'input." + key + "' must be an array, got " + e);
    }
    JsonArray a = e.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = a.get(c).getAsDouble();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputPreprocessing p && p.size == size && p.interpolation == interpolation
        && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, interpolation, Arrays.hashCode(mean), Arrays.hashCode(std));
  }

  @Override
  public String toString() {
    return "InputPreprocessing[" + channels() + "x" + size + "x" + size + ", " + interpolation + ", mean="
        + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
