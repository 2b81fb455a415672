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
    float[] padded = new float[w + 2 * radius];
    int[] leftSource = new int[radius];
    int[] rightSource = new int[radius];
    for (int k = 0; k < radius; k++) {
      leftSource[k] = reflect(k - radius, w);
      rightSource[k] = reflect(w + k, w);
    }
    int[] rowSource = new int[h + 2 * radius];
    for (int y = 0; y < rowSource.length; y++) {
      rowSource[y] = reflect(y - radius, h);
    }
    float[] horizontal = new float[plane];
    for (int c = 0; c < image.channels(); c++) {
      int base = c * plane;
      // horizontal pass into `horizontal`, through a reflect-padded copy of each row
      for (int y = 0; y < h; y++) {
        int row = base + y * w;
        System.arraycopy(d, row, padded, radius, w);
        for (int k = 0; k < radius; k++) {
          padded[k] = d[row + leftSource[k]];
          padded[radius + w + k] = d[row + rightSource[k]];
        }
        int out = y * w;
        float k0 = kernel[0];
        for (int x = 0; x < w; x++) {
          horizontal[out + x] = k0 * padded[x];
        }
        for (int k = 1; k < kernel.length; k++) {
          float kk = kernel[k];
          for (int x = 0; x < w; x++) {
            horizontal[out + x] += kk * padded[x + k];
          }
        }
      }
      // vertical pass back into the image, reading reflected rows
      for (int y = 0; y < h; y++) {
        int out = base + y * w;
        int src0 = rowSource[y] * w;
        float k0 = kernel[0];
        for (int x = 0; x < w; x++) {
          d[out + x] = k0 * horizontal[src0 + x];
        }
        for (int k = 1; k < kernel.length; k++) {
          int src = rowSource[y + k] * w;
          float kk = kernel[k];
          for (int x = 0; x < w; x++) {
            d[out + x] += kk * horizontal[src + x];
          }
        }
      }
    }
  }
}
