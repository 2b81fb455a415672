package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.Interpolation;

/**
 * Separable resizing as Pillow's {@code Image.resize} of a cropped image: a vertical and a horizontal pass,
 * each with weights precomputed once per output row or column ({@link ResamplingWeights}).
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
    ResamplingWeights columns = ResamplingWeights.compute(0, box.width(), outWidth, interpolation);
    ResamplingWeights rows = ResamplingWeights.compute(box.top(), box.height(), outHeight, interpolation);
    int srcW = source.width();
    int srcPlane = source.height() * srcW;
    float[] src = source.data();
    FloatImage result = new FloatImage(source.channels(), outHeight, outWidth);
    int outPlane = outHeight * outWidth;
    // vertical pass on the crop's rows, transpose, the horizontal pass as a vertical one, transpose back
    float[][] crop = new float[box.height()][box.width()];
    float[][] vertical = new float[outHeight][box.width()];
    float[][] verticalT = new float[box.width()][outHeight];
    float[][] resultT = new float[outWidth][outHeight];
    for (int c = 0; c < source.channels(); c++) {
      RowKernels.copyRows(src, c * srcPlane + box.top() * srcW + box.left(), srcW, crop);
      RowKernels.weightedRowSums(crop, rows, box.top(), vertical);
      RowKernels.transpose(vertical, verticalT);
      RowKernels.weightedRowSums(verticalT, columns, 0, resultT);
      RowKernels.transposeInto(resultT, result.data(), c * outPlane, true);
    }
    return result;
  }
}
