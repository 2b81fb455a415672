package io.github.selfclassifier.djl.data;

import io.github.selfclassifier.api.augment.Interpolation;
import java.util.Objects;

/**
 * How {@link ImageFolder} loads a folder of image files: the square output size, the channel count, whether
 * the folder holds one sub-folder per class, whether a bad file is an error, and how many threads decode.
 * Immutable; build with {@link #builder()}.
 */
public final class ImageFolderOptions {
  private final int size;
  private final int channels;
  private final boolean labelled;
  private final boolean strict;
  private final int threads;
  private final Interpolation interpolation;

  private ImageFolderOptions(Builder b) {
    this.size = b.size;
    this.channels = b.channels;
    this.labelled = b.labelled;
    this.strict = b.strict;
    this.threads = b.threads;
    this.interpolation = b.interpolation;
  }

  /**
   * Starts a builder; the size is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The side of the square output images (shorter side resized to it, then centre-cropped).
   *
   * @return the size in pixels
   */
  public int size() {
    return size;
  }

  /**
   * The output channel count.
   *
   * @return 1 (luma) or 3 (RGB)
   */
  public int channels() {
    return channels;
  }

  /**
   * Whether the folder holds one sub-folder per class.
   *
   * @return true for a labelled load
   */
  public boolean labelled() {
    return labelled;
  }

  /**
   * Whether an unreadable image file fails the load instead of being skipped.
   *
   * @return true to fail
   */
  public boolean strict() {
    return strict;
  }

  /**
   * The number of decoding threads.
   *
   * @return at least 1
   */
  public int threads() {
    return threads;
  }

  /**
   * The resampling filter of the resize.
   *
   * @return the interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  /**
   * The resizer these options describe.
   *
   * @return a resizer to {@code channels x size x size}
   */
  public CenterCropResizer resizer() {
    return new CenterCropResizer(size, channels, interpolation);
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().setSize(size).optChannels(channels).optLabelled(labelled).optStrict(strict)
        .optThreads(threads).optInterpolation(interpolation);
  }

  @Override
  public String toString() {
    return "ImageFolderOptions[size=" + size + ", channels=" + channels + ", labelled=" + labelled
        + ", strict=" + strict + ", threads=" + threads + ", interpolation=" + interpolation + "]";
  }

  /** Builder of {@link ImageFolderOptions}; validates in {@link #build()}. */
  public static final class Builder {
    private int size;
    private int channels = 3;
    private boolean labelled = true;
    private boolean strict;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Interpolation interpolation = Interpolation.BICUBIC;

    private Builder() {}

    /**
     * Sets the side of the square output images (required).
     *
     * @param size positive
     * @return this builder
     */
    public Builder setSize(int size) {
      this.size = size;
      return this;
    }

    /**
     * Sets the output channel count (default 3).
     *
     * @param channels 1 (luma of colour images) or 3 (grayscale images replicated)
     * @return this builder
     */
    public Builder optChannels(int channels) {
      this.channels = channels;
      return this;
    }

    /**
     * Sets whether the folder holds one sub-folder per class (default true). Unlabelled: every image under
     * the folder, at any depth, without labels.
     *
     * @param labelled true for class sub-folders
     * @return this builder
     */
    public Builder optLabelled(boolean labelled) {
      this.labelled = labelled;
      return this;
    }

    /**
     * Sets whether an unreadable image fails the load (default false: it is skipped, logged and reported).
     *
     * @param strict true to fail on the first unreadable file, in path order
     * @return this builder
     */
    public Builder optStrict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Sets the number of decoding threads (default: the available processors). The result does not depend
     * on it.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Sets the resampling filter (default {@link Interpolation#BICUBIC}, as DINO's evaluation transform).
     *
     * @param interpolation the filter
     * @return this builder
     */
    public Builder optInterpolation(Interpolation interpolation) {
      this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if the size is not set or a value is out of range
     */
    public ImageFolderOptions build() {
      if (size < 1) {
        throw new IllegalArgumentException("size must be set to a positive value, got " + size);
      }
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      return new ImageFolderOptions(this);
    }
  }
}
