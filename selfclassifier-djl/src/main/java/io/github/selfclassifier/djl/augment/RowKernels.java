package io.github.selfclassifier.djl.augment;

/**
 * Loops over whole image rows held as separate arrays, the shape HotSpot's C2 compiler vectorises: it only
 * turns {@code dst[x] += w * src[x]} into SIMD code when both arrays are indexed by the same expression
 * (with different offsets into one flat array it must assume they overlap and stays scalar, measured 4-5x
 * slower on JDK 17). Separable filters therefore run as weighted sums of rows, and the horizontal direction
 * goes through a transpose.
 */
final class RowKernels {
  private RowKernels() {}

  /** Copies {@code rows.length} rows of {@code rows[0].length} values from {@code flat}, starting at {@code start} with row stride {@code stride}. */
  static void copyRows(float[] flat, int start, int stride, float[][] rows) {
    for (int y = 0; y < rows.length; y++) {
      System.arraycopy(flat, start + y * stride, rows[y], 0, rows[y].length);
    }
  }

  /** {@code dst = w * src}, elementwise over {@code dst.length} values. */
  static void scale(float[] dst, float w, float[] src) {
    for (int x = 0; x < dst.length; x++) {
      dst[x] = w * src[x];
    }
  }

  /** {@code dst += w * src}, elementwise over {@code dst.length} values. */
  static void addScaled(float[] dst, float w, float[] src) {
    for (int x = 0; x < dst.length; x++) {
      dst[x] += w * src[x];
    }
  }

  /** {@code dst += w * (a + b)}, elementwise over {@code dst.length} values. */
  static void addScaledSum(float[] dst, float w, float[] a, float[] b) {
    for (int x = 0; x < dst.length; x++) {
      dst[x] += w * (a[x] + b[x]);
    }
  }

  /**
   * Row {@code o} of {@code out} = sum over {@code k < weights.count[o]} of {@code weights(o, k)} times row
   * {@code weights.first[o] - firstOffset + k} of {@code in}.
   */
  static void weightedRowSums(float[][] in, ResamplingWeights weights, int firstOffset, float[][] out) {
    int[] first = weights.first;
    int[] count = weights.count;
    float[] w = weights.weights;
    int taps = weights.taps;
    for (int o = 0; o < out.length; o++) {
      int from = first[o] - firstOffset;
      scale(out[o], w[o * taps], in[from]);
      for (int k = 1, n = count[o]; k < n; k++) {
        addScaled(out[o], w[o * taps + k], in[from + k]);
      }
    }
  }

  /** {@code dst[c][r] = src[r][c]}, four source rows at a time. */
  static void transpose(float[][] src, float[][] dst) {
    int rows = src.length;
    int cols = dst.length;
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      float[] s0 = src[r];
      float[] s1 = src[r + 1];
      float[] s2 = src[r + 2];
      float[] s3 = src[r + 3];
      for (int c = 0; c < cols; c++) {
        float[] d = dst[c];
        d[r] = s0[c];
        d[r + 1] = s1[c];
        d[r + 2] = s2[c];
        d[r + 3] = s3[c];
      }
    }
    for (; r < rows; r++) {
      float[] s0 = src[r];
      for (int c = 0; c < cols; c++) {
        dst[c][r] = s0[c];
      }
    }
  }

  /**
   * Writes the transpose of {@code src} ({@code R x C}) as a {@code C x R} row-major plane into {@code flat}
   * at {@code offset}, four source rows at a time, optionally clamping to [0, 1].
   */
  static void transposeInto(float[][] src, float[] flat, int offset, boolean clampToUnit) {
    int rows = src.length;
    int cols = src[0].length;
    float lo = clampToUnit ? 0f : Float.NEGATIVE_INFINITY;
    float hi = clampToUnit ? 1f : Float.POSITIVE_INFINITY;
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      float[] s0 = src[r];
      float[] s1 = src[r + 1];
      float[] s2 = src[r + 2];
      float[] s3 = src[r + 3];
      for (int c = 0, at = offset + r; c < cols; c++, at += rows) {
        flat[at] = Math.min(hi, Math.max(lo, s0[c]));
        flat[at + 1] = Math.min(hi, Math.max(lo, s1[c]));
        flat[at + 2] = Math.min(hi, Math.max(lo, s2[c]));
        flat[at + 3] = Math.min(hi, Math.max(lo, s3[c]));
      }
    }
    for (; r < rows; r++) {
      float[] s0 = src[r];
      for (int c = 0, at = offset + r; c < cols; c++, at += rows) {
        flat[at] = Math.min(hi, Math.max(lo, s0[c]));
      }
    }
  }
}
