package io.github.selfclassifier.djl.data;

import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.djl.augment.CropBox;
import io.github.selfclassifier.djl.augment.FloatImage;
import io.github.selfclassifier.djl.augment.Resampler;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Turns a decoded image of any size into a square image of fixed size and channel count, as evaluation
 * preprocessing does (torchvision's {@code Resize(size)} followed by {@code CenterCrop(size)}):
 *
 * <ol>
 *   <li>channels: colour to 1 channel is the ITU-R 601 luma {@code 0.299 R + 0.587 G + 0.114 B}, grayscale to
 *       3 channels replicates the channel, alpha is dropped ({@link FloatImage#fromBufferedImage(BufferedImage,
 *       int)});
 *   <li>resize: the shorter side becomes {@code size}, the longer one {@code floor(size * long / short)}
 *       (torchvision's rule), with the project's Pillow-style separable filter ({@link Resampler}; bicubic by
 *       default, antialiased when shrinking); an image whose shorter side already is {@code size} is not
 *       resampled;
 *   <li>centre crop: {@code size x size} from offset {@code round((side - size) / 2)} on each axis, rounding
 *       half to even (torchvision's, which uses Python's {@code round});
 *   <li>8-bit: each value clamped to [0, 1] and rounded to {@code 0..255}, as the stored image sets hold them.
 * </ol>
 *
 * <p>The image-folder loader ({@link ImageFolder}) and the inference translator both call this class, so a
 * prediction sees exactly the pixels a loaded data set holds. Thread-safe (no state).
 */
public final class CenterCropResizer {
  private final int size;
  private final int channels;
  private final Interpolation interpolation;

  /**
   * A resizer to {@code channels x size x size}.
   *
   * @param size the output side, positive
   * @param channels 1 or 3
   * @param interpolation the resampling filter
   * @throws IllegalArgumentException if the size or channel count is invalid
   */
  public CenterCropResizer(int size, int channels, Interpolation interpolation) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive, got " + size);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    this.size = size;
    this.channels = channels;
    this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
  }

  /**
   * The output side.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * The output channel count.
   *
   * @return 1 or 3
   */
  public int channels() {
    return channels;
  }

  /**
   * The resampling filter.
   *
   * @return the interpolation
   */
  public Interpolation interpolation() {
    return interpolation;
  }

  /**
   * Converts one image.
   *
   * @param image the decoded image, any size and type
   * @param out receives {@code channels * size * size} unsigned bytes in CHW order from {@code offset}
   * @param offset where the image starts in {@code out}
   */
  public void toBytes(BufferedImage image, byte[] out, int offset) {
    FloatImage chw = toFloatImage(image);
    float[] data = chw.data();
    for (int i = 0; i < data.length; i++) {
      out[offset + i] = (byte) Math.round(Math.min(1f, Math.max(0f, data[i])) * 255f);
    }
  }

  /**
   * Converts one image into a new array.
   *
   * @param image the decoded image, any size and type
   * @return {@code channels * size * size} unsigned bytes in CHW order
   */
  public byte[] toBytes(BufferedImage image) {
    byte[] out = new byte[channels * size * size];
    toBytes(image, out, 0);
    return out;
  }

  private FloatImage toFloatImage(BufferedImage image) {
    FloatImage source = FloatImage.fromBufferedImage(image, channels);
    int h = source.height();
    int w = source.width();
    int newH;
    int newW;
    if (h <= w) {
      newH = size;
      newW = Math.max(1, (int) ((long) size * w / h));
    } else {
      newW = size;
      newH = Math.max(1, (int) ((long) size * h / w));
    }
    FloatImage resized = (newH == h && newW == w) ? source : Resampler.resize(source, newH, newW, interpolation);
    if (newH == size && newW == size) {
      return resized;
    }
    // Python's round, half to even, as torchvision's CenterCrop
    int top = (int) Math.rint((newH - size) / 2.0);
    int left = (int) Math.rint((newW - size) / 2.0);
    return crop(resized, new CropBox(top, left, size, size));
  }

  private static FloatImage crop(FloatImage image, CropBox box) {
    FloatImage out = new FloatImage(image.channels(), box.height(), box.width());
    float[] src = image.data();
    float[] dst = out.data();
    int srcPlane = image.height() * image.width();
    int dstPlane = box.height() * box.width();
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < box.height(); y++) {
        System.arraycopy(src, c * srcPlane + (box.top() + y) * image.width() + box.left(), dst,
            c * dstPlane + y * box.width(), box.width());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CenterCropResizer[" + channels + "x" + size + "x" + size + ", " + interpolation + "]";
  }
}
