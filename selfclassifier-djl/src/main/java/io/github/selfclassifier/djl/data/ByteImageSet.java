package io.github.selfclassifier.djl.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable in-memory set of {@code n} images of one shape (channels x height x width), stored as unsigned
 * bytes in NCHW order (1 byte per pixel and channel: a quarter of the memory of floats), with optional
 * labels. Fashion-MNIST's 70,000 images take 55 MB.
 */
public final class ByteImageSet {
  private final int size;
  private final int channels;
  private final int height;
  private final int width;
  private final byte[] pixels;
  private final int[] labels;

  private ByteImageSet(int size, int channels, int height, int width, byte[] pixels, int[] labels) {
    this.size = size;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * Wraps pixel data (copied).
   *
   * @param channels 1 (grayscale) or 3 (RGB)
   * @param height image height
   * @param width image width
   * @param pixels NCHW unsigned bytes, a multiple of channels x height x width long
   * @param labels one label per image, or null for an unlabelled set
   * @return the set
   * @throws IllegalArgumentException if the set is empty, the shape is invalid, or the lengths disagree
   */
  public static ByteImageSet of(int channels, int height, int width, byte[] pixels, int[] labels) {
    Objects.requireNonNull(pixels, "pixels");
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images must have 1 or 3 channels, not " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image size must be positive: " + height + "x" + width);
    }
    long per = (long) channels * height * width;
    if (pixels.length == 0) {
      throw new IllegalArgumentException("image set is empty");
    }
    if (pixels.length % per != 0) {
      throw new IllegalArgumentException(
          pixels.length + " pixel bytes are not a whole number of " + channels + "x" + height + "x" + width
              + " images");
    }
    int n = (int) (pixels.length / per);
    if (labels != null && labels.length != n) {
      throw new IllegalArgumentException(n + " images but " + labels.length + " labels");
    }
    return new ByteImageSet(
        n, channels, height, width, pixels.clone(), labels == null ? null : labels.clone());
  }

  /** Package-private: takes ownership of the arrays (no copy). */
  static ByteImageSet wrap(int channels, int height, int width, byte[] pixels, int[] labels) {
    return new ByteImageSet(
        pixels.length / (channels * height * width), channels, height, width, pixels, labels);
  }

  /**
   * The number of images.
   *
   * @return n, at least 1
   */
  public int size() {
    return size;
  }

  /**
   * Channels per image.
   *
   * @return 1 or 3
   */
  public int channels() {
    return channels;
  }

  /**
   * Image height in pixels.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * Image width in pixels.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * Whether the set has labels.
   *
   * @return true if {@link #labels()} is present
   */
  public boolean isLabelled() {
    return labels != null;
  }

  /**
   * The labels, one per image.
   *
   * @return a copy of the labels, or empty for an unlabelled set
   */
  public Optional<int[]> labels() {
    return Optional.ofNullable(labels).map(int[]::clone);
  }

  /**
   * The label of one image.
   *
   * @param index the image index
   * @return its label
   * @throws IllegalStateException if the set is unlabelled
   */
  public int label(int index) {
    if (labels == null) {
      throw new IllegalStateException("image set has no labels");
    }
    return labels[Objects.checkIndex(index, size)];
  }

  /**
   * One image as floats in [0, 1], CHW order.
   *
   * @param index the image index
   * @param out an array of at least channels x height x width floats, written from 0
   */
  public void copyImage(int index, float[] out) {
    int per = channels * height * width;
    int base = Objects.checkIndex(index, size) * per;
    for (int i = 0; i < per; i++) {
      out[i] = (pixels[base + i] & 0xff) / 255f;
    }
  }

  /**
   * One pixel value.
   *
   * @param index the image index
   * @param channel the channel
   * @param y the row
   * @param x the column
   * @return the unsigned byte value, 0..255
   */
  public int pixel(int index, int channel, int y, int x) {
    return pixels[((index * channels + channel) * height + y) * width + x] & 0xff;
  }

  /**
   * The images at the given indices, in that order.
   *
   * @param indices image indices
   * @return a new set
   */
  public ByteImageSet subset(int[] indices) {
    int per = channels * height * width;
    byte[] px = new byte[indices.length * per];
    int[] lb = labels == null ? null : new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      int i = Objects.checkIndex(indices[j], size);
      System.arraycopy(pixels, i * per, px, j * per, per);
      if (lb != null) {
        lb[j] = labels[i];
      }
    }
    return of(channels, height, width, px, lb);
  }

  /**
   * This set followed by another of the same shape (e.g. Fashion-MNIST's train and test parts).
   *
   * @param other the images to append
   * @return a new set; labelled only if both are
   * @throws IllegalArgumentException if the shapes differ
   */
  public ByteImageSet concat(ByteImageSet other) {
    if (other.channels != channels || other.height != height || other.width != width) {
      throw new IllegalArgumentException(
          "cannot concatenate " + shape() + " images with " + other.shape() + " images");
    }
    byte[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
    System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
    int[] lb = null;
    if (labels != null && other.labels != null) {
      lb = Arrays.copyOf(labels, size + other.size);
      System.arraycopy(other.labels, 0, lb, size, other.size);
    }
    return wrap(channels, height, width, px, lb);
  }

  private String shape() {
    return channels + "x" + height + "x" + width;
  }

  @Override
  public String toString() {
    return "ByteImageSet[" + size + " images of " + shape() + (labels == null ? "" : ", labelled") + "]";
  }
}
