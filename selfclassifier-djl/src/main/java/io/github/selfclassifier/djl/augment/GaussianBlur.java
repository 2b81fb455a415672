package io.github.selfclassifier.djl.augment;

/**
 * Separable Gaussian blur with reflect padding (the edge pixel is not repeated: index -1 reads index 1, as
 * torchvision's {@code GaussianBlur} pads). The kernel has radius {@code ceil(3 sigma)} (at least 1) and is
 * normalised to sum 1, so a constant image stays constant. Sigma is in pixels of the image being blurred;
 * DINO passes it to Pillow's {@code GaussianBlur(radius=sigma)}, whose "radius" is this standard deviation.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /**
   * The kernel radius used for {@code sigma}: {@code max(1, ceil(3 sigma))}.
   *
   * @param sigma the standard deviation in pixels, positive
   * @return the radius
   */
  public static int kernelRadius(double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    return Math.max(1, (int) Math.ceil(3 * sigma));
  }

  /**
   * The normalised 1-D kernel, {@code 2 * kernelRadius(sigma) + 1} weights summing to 1.
   *
   * @param sigma the standard deviation in pixels, positive
   * @return the weights, centre in the middle
   */
  public static float[] kernel(double sigma) {
    int radius = kernelRadius(sigma);
    double[] w = new double[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      double v = Math.exp(-0.5 * k * k / (sigma * sigma));
      w[k + radius] = v;
      sum += v;
    }
    float[] out = new float[w.length];
    for (int k = 0; k < w.length; k++) {
      out[k] = (float) (w[k] / sum);
    }
    return out;
  }

  /**
   * The index that reflect padding reads for position {@code i} of an axis of length {@code n}.
   *
   * @param i any position, possibly outside {@code [0, n)}
   * @param n the axis length, positive
   * @return the position in {@code [0, n)}
   */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  /**
   * Blurs every channel with a Gaussian of standard deviation {@code sigma}.
   *
   * @param image the image, modified in place
   * @param sigma the standard deviation in pixels, positive
   */
  public static void blurInPlace(FloatImage image, double sigma) {
    float[] kernel = kernel(sigma);
    int radius = kernel.length / 2;
    int h = image.height();
    int w = image.width();
    int plane = h * w;
    float[] d = image.data();
    float[][] rows = new float[h][w];
    float[][] vertical = new float[h][w];
    float[][] verticalT = new float[w][h];
    float[][] blurredT = new float[w][h];
    for (int c = 0; c < image.channels(); c++) {
      RowKernels.copyRows(d, c * plane, w, rows);
      blurAlongRows(rows, kernel, radius, vertical);
      RowKernels.transpose(vertical, verticalT);
      blurAlongRows(verticalT, kernel, radius, blurredT);
      RowKernels.transposeInto(blurredT, d, c * plane, false);
    }
  }

  /** {@code out[i] = sum over k of kernel[k] * in[reflect(i - radius + k)]}, using the kernel's symmetry. */
  private static void blurAlongRows(float[][] in, float[] kernel, int radius, float[][] out) {
    int n = in.length;
    for (int i = 0; i < n; i++) {
      float[] dst = out[i];
      RowKernels.scale(dst, kernel[radius], in[i]);
      for (int j = 1; j <= radius; j++) {
        RowKernels.addScaledSum(dst, kernel[radius + j], in[reflect(i - j, n)], in[reflect(i + j, n)]);
      }
    }
  }
}
