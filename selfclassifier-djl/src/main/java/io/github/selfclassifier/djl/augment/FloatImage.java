package io.github.selfclassifier.djl.augment;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.selfclassifier.djl.ArrayUpload;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * A plain float image with 1 or 3 channels, stored channel-major ({@code CHW}: all of channel 0 row by row,
 * then channel 1, ...) in one {@code float[]}, which is the layout an {@code NDArray} of shape
 * {@code (C, H, W)} is created from.
 *
 * <p>The augmentation operations expect values in [0, 1] (colour order R, G, B) and work in place on
 * {@link #data()} where they can; after normalisation values are standardised and no longer in [0, 1].
 * This class is a mutable buffer like {@link BufferedImage}: {@link #data()} is the backing array, not a copy.
 */
public final class FloatImage {
  private final int channels;
  private final int height;
  private final int width;
  private final float[] data;

  /**
   * A black image (all zeros).
   *
   * @param channels 1 or 3
   * @param height rows, at least 1
   * @param width columns, at least 1
   */
  public FloatImage(int channels, int height, int width) {
    this(channels, height, width, new float[checkedSize(channels, height, width)]);
  }

  private FloatImage(int channels, int height, int width, float[] data) {
    if (data.length != checkedSize(channels, height, width)) {
      throw new IllegalArgumentException(
          "data has " + data.length + " values, expected " + channels + "x" + height + "x" + width);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.data = data;
  }

  private static int checkedSize(int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
    }
    return Math.multiplyExact(channels, Math.multiplyExact(height, width));
  }

  /**
   * Wraps an existing {@code CHW} array without copying.
   *
   * @param channels 1 or 3
   * @param height rows
   * @param width columns
   * @param chw the values, length {@code channels * height * width}
   * @return the image backed by {@code chw}
   */
  public static FloatImage wrap(int channels, int height, int width, float[] chw) {
    return new FloatImage(channels, height, width, Objects.requireNonNull(chw, "chw"));
  }

  /**
   * Converts interleaved unsigned bytes ({@code HWC}, e.g. RGBRGB... or one byte per pixel for grayscale,
   * as IDX files and decoded image buffers hold them) to [0, 1].
   *
   * @param hwc the pixels, length {@code height * width * channels}, read as unsigned
   * @param height rows
   * @param width columns
   * @param channels 1 or 3
   * @return a new image
   */
  public static FloatImage fromInterleavedBytes(byte[] hwc, int height, int width, int channels) {
    FloatImage image = new FloatImage(channels, height, width);
    int plane = height * width;
    if (hwc.length != plane * channels) {
      throw new IllegalArgumentException(
          "pixels has " + hwc.length + " bytes, expected " + height + "x" + width + "x" + channels);
    }
    float[] out = image.data;
    float scale = 1f / 255f;
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      for (int i = 0, j = c; i < plane; i++, j += channels) {
        out[base + i] = (hwc[j] & 0xFF) * scale;
      }
    }
    return image;
  }

  /**
   * Converts a {@link BufferedImage}: grayscale types give 1 channel, everything else 3 (R, G, B; alpha is
   * dropped).
   *
   * @param image the image
   * @return a new image with values in [0, 1]
   */
  public static FloatImage fromBufferedImage(BufferedImage image) {
    int type = image.getType();
    boolean gray = type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY;
    return fromBufferedImage(image, gray ? 1 : 3);
  }

  /**
   * Converts a {@link BufferedImage} to the given channel count: a colour image asked for 1 channel gets its
   * ITU-R 601 luma, a grayscale image asked for 3 channels is replicated.
   *
   * @param image the image
   * @param channels 1 or 3
   * @return a new image with values in [0, 1]
   */
  public static FloatImage fromBufferedImage(BufferedImage image, int channels) {
    int h = image.getHeight();
    int w = image.getWidth();
    int plane = h * w;
    int type = image.getType();
    float scale = 1f / 255f;
    if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
      // the stored samples, as Pillow reads them; getRGB would apply a linear-to-sRGB curve to these types
      int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
      float sampleScale = type == BufferedImage.TYPE_BYTE_GRAY ? scale : 1f / 65535f;
      FloatImage gray = new FloatImage(1, h, w);
      for (int i = 0; i < plane; i++) {
        gray.data[i] = samples[i] * sampleScale;
      }
      return gray.withChannels(channels);
    }
    FloatImage rgb = new FloatImage(3, h, w);
    if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR
        || type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB
        || type == BufferedImage.TYPE_INT_BGR) {
      // bands are R, G, B (and A) in colour-model order for these types, whatever the byte layout
      Raster raster = image.getRaster();
      int bands = raster.getNumBands();
      int[] pixels = raster.getPixels(0, 0, w, h, (int[]) null);
      for (int c = 0; c < 3; c++) {
        int base = c * plane;
        for (int i = 0, j = c; i < plane; i++, j += bands) {
          rgb.data[base + i] = pixels[j] * scale;
        }
      }
    } else {
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      rgb.setFromArgb(argb);
    }
    return rgb.withChannels(channels);
  }

  /**
   * Converts a DJL {@link Image}. An image backed by a {@link BufferedImage} (DJL's default factory) is
   * converted in plain Java; any other is read through {@link Image#toNDArray(NDManager, Image.Flag)}, which
   * needs an engine.
   *
   * @param image the image
   * @param channels 1 or 3
   * @return a new image with values in [0, 1]
   */
  public static FloatImage fromDjlImage(Image image, int channels) {
    if (image.getWrappedImage() instanceof BufferedImage buffered) {
      return fromBufferedImage(buffered, channels);
    }
    try (NDManager manager = io.github.selfclassifier.djl.EngineSelector.defaultEngine().newBaseManager()) {
      NDArray hwc = image.toNDArray(manager, channels == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR);
      byte[] bytes = hwc.toType(ai.djl.ndarray.types.DataType.UINT8, false).toByteArray();
      return fromInterleavedBytes(bytes, image.getHeight(), image.getWidth(), channels);
    }
  }

  private void setFromArgb(int[] argb) {
    int plane = height * width;
    float scale = 1f / 255f;
    for (int i = 0; i < plane; i++) {
      int p = argb[i];
      data[i] = ((p >>> 16) & 0xFF) * scale;
      data[plane + i] = ((p >>> 8) & 0xFF) * scale;
      data[2 * plane + i] = (p & 0xFF) * scale;
    }
  }

  /**
   * This image with the given channel count: itself if it already has it, otherwise a new image (1 to 3
   * replicates the channel, 3 to 1 takes the ITU-R 601 luma {@code 0.299 R + 0.587 G + 0.114 B}).
   *
   * @param targetChannels 1 or 3
   * @return an image with {@code targetChannels} channels
   */
  public FloatImage withChannels(int targetChannels) {
    if (targetChannels == channels) {
      return this;
    }
    int plane = height * width;
    FloatImage out = new FloatImage(targetChannels, height, width);
    if (targetChannels == 3) {
      System.arraycopy(data, 0, out.data, 0, plane);
      System.arraycopy(data, 0, out.data, plane, plane);
      System.arraycopy(data, 0, out.data, 2 * plane, plane);
    } else {
      for (int i = 0; i < plane; i++) {
        out.data[i] = Grayscale.luma(data[i], data[plane + i], data[2 * plane + i]);
      }
    }
    return out;
  }

  /**
   * Converts to an 8-bit {@link BufferedImage} ({@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB}), clamping
   * to [0, 1] and rounding; for looking at views, not for training.
   *
   * @return a new image
   */
  public BufferedImage toBufferedImage() {
    int plane = height * width;
    if (channels == 1) {
      BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      int[] samples = new int[plane];
      for (int i = 0; i < plane; i++) {
        samples[i] = toByte(data[i]);
      }
      out.getRaster().setSamples(0, 0, width, height, 0, samples);
      return out;
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, toArgb(), 0, width);
    return out;
  }

  /**
   * Converts to a DJL {@link Image} through {@link ImageFactory#fromPixels(int[], int, int)} (8-bit, clamped
   * to [0, 1]).
   *
   * @return a new DJL image
   */
  public Image toDjlImage() {
    return ImageFactory.getInstance().fromPixels(toArgb(), width, height);
  }

  private int[] toArgb() {
    int plane = height * width;
    int[] argb = new int[plane];
    int offsetG = channels == 3 ? plane : 0;
    int offsetB = channels == 3 ? 2 * plane : 0;
    for (int i = 0; i < plane; i++) {
      argb[i] = 0xFF000000 | toByte(data[i]) << 16 | toByte(data[offsetG + i]) << 8
          | toByte(data[offsetB + i]);
    }
    return argb;
  }

  private static int toByte(float v) {
    return Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
  }

  /**
   * Copies the values into a new float32 {@code NDArray} of shape {@code (C, H, W)}.
   *
   * @param manager the manager that owns the array
   * @return the array
   */
  public NDArray toNDArray(NDManager manager) {
    return ArrayUpload.create(manager, data, new Shape(channels, height, width));
  }

  /**
   * A deep copy.
   *
   * @return a new image with the same values
   */
  public FloatImage copy() {
    return new FloatImage(channels, height, width, data.clone());
  }

  /**
   * The number of channels, 1 or 3.
   *
   * @return the channel count
   */
  public int channels() {
    return channels;
  }

  /**
   * The number of rows.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * The number of columns.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * The backing {@code CHW} array (not a copy): value {@code (c, y, x)} is at
   * {@code (c * height + y) * width + x}.
   *
   * @return the values
   */
  public float[] data() {
    return data;
  }

  /**
   * One value.
   *
   * @param c channel
   * @param y row
   * @param x column
   * @return the value at {@code (c, y, x)}
   */
  public float get(int c, int y, int x) {
    return data[index(c, y, x)];
  }

  /**
   * Sets one value.
   *
   * @param c channel
   * @param y row
   * @param x column
   * @param value the new value
   */
  public void set(int c, int y, int x, float value) {
    data[index(c, y, x)] = value;
  }

  private int index(int c, int y, int x) {
    Objects.checkIndex(c, channels);
    Objects.checkIndex(y, height);
    Objects.checkIndex(x, width);
    return (c * height + y) * width + x;
  }

  @Override
  public String toString() {
    return "FloatImage[" + channels + "x" + height + "x" + width + "]";
  }
}
