package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.Interpolation;

/**
 * Separable resizing as Pillow's {@code Image.resize} with a box: a horizontal pass over the crop's rows, then
 * a vertical pass, each with weights precomputed once per output column or row ({@link ResamplingWeights}).
 * Bicubic uses Keys' kernel with {@code a = -0.5} (Pillow's, hence what DINO's torchvision-on-PIL pipeline
 * computes); both filters widen when shrinking, so downsampling is antialiased. Results are clamped to
 * [0, 1], as Pillow's 8-bit output is, because bicubic overshoots at edges.
 */
public final class Resampler {
  private Resampler() {}

  /**
   * Resizes the whole image.
   *
   * @param source the image
   * @param outHeight output rows
   * @param outWidth output columns
   * @param interpolation the filter
   * @return a new image
   */
  public static FloatImage resize(FloatImage source, int outHeight, int outWidth, Interpolation interpolation) {
    return resizeCrop(source, new CropBox(0, 0, source.height(), source.width()), outHeight, outWidth,
        interpolation);
  }

  /**
   * Crops {@code box} out of the image and resizes it, in one resampling (torchvision's
   * {@code resized_crop}: the crop's edges are the resampling's edges).
   *
   * @param source the image
   * @param box the crop, inside the image
   * @param outHeight output rows, positive
   * @param outWidth output columns, positive
   * @param interpolation the filter
   * @return a new image with the source's channel count
   */
  public static FloatImage resizeCrop(
      FloatImage source, CropBox box, int outHeight, int outWidth, Interpolation interpolation) {
    if (!box.fitsIn(source.height(), source.width())) {
      throw new IllegalArgumentException(box + " is outside the " + source.height() + "x" + source.width()
          + " image");
    }
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException("output size must be positive, got " + outHeight + "x" + outWidth);
    }
    ResamplingWeights columns = ResamplingWeights.compute(box.left(), box.width(), outWidth, interpolation);
    ResamplingWeights rows = ResamplingWeights.compute(box.top(), box.height(), outHeight, interpolation);
    int channels = source.channels();
    int srcW = source.width();
    int srcPlane = source.height() * srcW;
    float[] src = source.data();
    FloatImage result = new FloatImage(channels, outHeight, outWidth);
    float[] out = result.data();
    int outPlane = outHeight * outWidth;
    float[] horizontal = new float[box.height() * outWidth];
    int[] colFirst = columns.first;
    int[] colCount = columns.count;
    float[] colWeights = columns.weights;
    int colTaps = columns.taps;
    for (int c = 0; c < channels; c++) {
      // horizontal: each row of the box to outWidth values
      for (int y = 0; y < box.height(); y++) {
        int srcRow = c * srcPlane + (box.top() + y) * srcW;
        int dst = y * outWidth;
        for (int o = 0; o < outWidth; o++) {
          int from = srcRow + colFirst[o];
          int wBase = o * colTaps;
          float acc = 0f;
          for (int k = 0, n = colCount[o]; k < n; k++) {
            acc += colWeights[wBase + k] * src[from + k];
          }
          horizontal[dst + o] = acc;
        }
      }
      // vertical: weighted sums of whole rows, then clamp
      int outBase = c * outPlane;
      for (int o = 0; o < outHeight; o++) {
        int dst = outBase + o * outWidth;
        int firstRow = rows.first[o] - box.top();
        int wBase = o * rows.taps;
        for (int k = 0, n = rows.count[o]; k < n; k++) {
          float wk = rows.weights[wBase + k];
          int from = (firstRow + k) * outWidth;
          for (int x = 0; x < outWidth; x++) {
            out[dst + x] += wk * horizontal[from + x];
          }
        }
        for (int x = 0; x < outWidth; x++) {
          out[dst + x] = Math.min(1f, Math.max(0f, out[dst + x]));
        }
      }
    }
    return result;
  }
}
