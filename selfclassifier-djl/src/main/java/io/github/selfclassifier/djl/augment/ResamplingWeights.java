package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.Interpolation;

/**
 * Precomputed 1-D resampling weights for one axis, Pillow's {@code precompute_coeffs}: output position
 * {@code o} reads {@code count[o]} consecutive inputs from {@code first[o]} with weights
 * {@code weights[o * taps .. o * taps + count[o])}, normalised to sum 1. When shrinking by a factor
 * {@code s > 1} the filter is stretched by {@code s} (antialiasing); inputs outside the source interval are
 * not read, their weight goes to the others by the normalisation.
 */
final class ResamplingWeights {
  /** Keys' cubic convolution parameter, Pillow's value (torch's tensor bicubic uses -0.75). */
  static final double BICUBIC_A = -0.5;

  final int[] first;
  final int[] count;
  final float[] weights;
  final int taps;

  private ResamplingWeights(int[] first, int[] count, float[] weights, int taps) {
    this.first = first;
    this.count = count;
    this.weights = weights;
    this.taps = taps;
  }

  /**
   * Weights that map the source interval {@code [start, start + length)} to {@code outSize} outputs.
   *
   * @param start first source index
   * @param length number of source positions, positive
   * @param outSize number of outputs, positive
   * @param interpolation the filter
   * @return the weights
   */
  static ResamplingWeights compute(int start, int length, int outSize, Interpolation interpolation) {
    double support = interpolation == Interpolation.BICUBIC ? 2.0 : 1.0;
    double scale = (double) length / outSize;
    double filterScale = Math.max(scale, 1.0);
    double scaledSupport = support * filterScale;
    double invFilterScale = 1.0 / filterScale;
    int taps = (int) Math.ceil(scaledSupport) * 2 + 1;
    int[] first = new int[outSize];
    int[] count = new int[outSize];
    float[] weights = new float[outSize * taps];
    double[] w = new double[taps];
    for (int o = 0; o < outSize; o++) {
      double center = (o + 0.5) * scale;
      // (int) truncates toward zero, as Pillow's C casts do
      int lo = Math.max((int) (center - scaledSupport + 0.5), 0);
      int hi = Math.min((int) (center + scaledSupport + 0.5), length);
      int n = hi - lo;
      double sum = 0;
      for (int k = 0; k < n; k++) {
        double v = filter(interpolation, (k + lo - center + 0.5) * invFilterScale);
        w[k] = v;
        sum += v;
      }
      double norm = sum != 0 ? 1.0 / sum : 0.0;
      for (int k = 0; k < n; k++) {
        weights[o * taps + k] = (float) (w[k] * norm);
      }
      first[o] = start + lo;
      count[o] = n;
    }
    return new ResamplingWeights(first, count, weights, taps);
  }

  static double filter(Interpolation interpolation, double x) {
    double ax = Math.abs(x);
    if (interpolation == Interpolation.BILINEAR) {
      return ax < 1.0 ? 1.0 - ax : 0.0;
    }
    double a = BICUBIC_A;
    if (ax < 1.0) {
      return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1.0;
    }
    if (ax < 2.0) {
      return (((ax - 5.0) * ax + 8.0) * ax - 4.0) * a;
    }
    return 0.0;
  }
}
