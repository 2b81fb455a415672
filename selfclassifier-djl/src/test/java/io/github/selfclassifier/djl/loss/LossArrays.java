package io.github.selfclassifier.djl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Conversions between {@code double[head][view][b][c]} and NDArrays, and error measures, for loss tests. */
final class LossArrays {
  private LossArrays() {}

  /** Gaussian logits with standard deviation {@code scale}, rounded to float so float32 arrays hold them exactly. */
  static double[][][][] gaussianFloatLogits(long seed, int batch, int[] classes, int views, double scale) {
    Random random = new Random(seed);
    double[][][][] logits = new double[classes.length][views][batch][];
    for (int h = 0; h < classes.length; h++) {
      for (int v = 0; v < views; v++) {
        for (int b = 0; b < batch; b++) {
          logits[h][v][b] = new double[classes[h]];
          for (int c = 0; c < classes[h]; c++) {
            logits[h][v][b][c] = (float) (random.nextGaussian() * scale);
          }
        }
      }
    }
    return logits;
  }

  /**
   * Large Gaussian logits with near ties in both softmax directions: in every view, class 1 is class 0 plus a
   * little noise in every row, and sample 1 is sample 0 plus a little noise in every column. Rounded to float.
   */
  static double[][][][] nearlyTiedFloatLogits(long seed, int batch, int[] classes, int views, double scale) {
    double[][][][] logits = gaussianFloatLogits(seed, batch, classes, views, scale);
    Random random = new Random(seed + 1);
    double spread = scale * 1e-3;
    for (double[][][] head : logits) {
      for (double[][] view : head) {
        for (double[] row : view) {
          row[1] = (float) (row[0] + random.nextGaussian() * spread);
        }
        for (int c = 0; c < view[0].length; c++) {
          view[1][c] = (float) (view[0][c] + random.nextGaussian() * spread);
        }
      }
    }
    return logits;
  }

  /** NDArrays of the given type holding the logits, each with gradient attached. */
  static List<List<NDArray>> toArrays(NDManager manager, double[][][][] logits, DataType type) {
    List<List<NDArray>> heads = new ArrayList<>();
    for (double[][][] head : logits) {
      List<NDArray> views = new ArrayList<>();
      for (double[][] view : head) {
        int batch = view.length;
        int classes = view[0].length;
        double[] flat = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
          System.arraycopy(view[b], 0, flat, b * classes, classes);
        }
        NDArray array = manager.create(flat, new Shape(batch, classes)).toType(type, false);
        array.setRequiresGradient(true);
        views.add(array);
      }
      heads.add(views);
    }
    return heads;
  }

  /** The gradients of the arrays, as {@code double[head][view][b][c]}. */
  static double[][][][] gradients(List<List<NDArray>> arrays) {
    double[][][][] out = new double[arrays.size()][][][];
    for (int h = 0; h < arrays.size(); h++) {
      List<NDArray> views = arrays.get(h);
      out[h] = new double[views.size()][][];
      for (int v = 0; v < views.size(); v++) {
        NDArray gradient = views.get(v).getGradient();
        int batch = (int) gradient.getShape().get(0);
        int classes = (int) gradient.getShape().get(1);
        double[] flat = gradient.toType(DataType.FLOAT64, false).toDoubleArray();
        out[h][v] = new double[batch][classes];
        for (int b = 0; b < batch; b++) {
          System.arraycopy(flat, b * classes, out[h][v][b], 0, classes);
        }
      }
    }
    return out;
  }

  static double scalarValue(NDArray scalar) {
    return scalar.toType(DataType.FLOAT64, false).toDoubleArray()[0];
  }

  static double maxAbs(double[][][][] a) {
    double max = 0;
    for (double[][][] head : a) {
      for (double[][] view : head) {
        for (double[] row : view) {
          for (double x : row) {
            max = Math.max(max, Math.abs(x));
          }
        }
      }
    }
    return max;
  }

  static double maxAbsDifference(double[][][][] a, double[][][][] b) {
    double max = 0;
    for (int h = 0; h < a.length; h++) {
      for (int v = 0; v < a[h].length; v++) {
        for (int r = 0; r < a[h][v].length; r++) {
          for (int c = 0; c < a[h][v][r].length; c++) {
            max = Math.max(max, Math.abs(a[h][v][r][c] - b[h][v][r][c]));
          }
        }
      }
    }
    return max;
  }

  /** {@code ||a - b|| / ||b||} over all elements, scaled against under- and overflow. */
  static double relativeNormError(double[][][][] a, double[][][][] b) {
    double scale = Math.max(maxAbs(b), maxAbsDifference(a, b));
    if (scale == 0) {
      return 0;
    }
    double difference = 0;
    double reference = 0;
    for (int h = 0; h < a.length; h++) {
      for (int v = 0; v < a[h].length; v++) {
        for (int r = 0; r < a[h][v].length; r++) {
          for (int c = 0; c < a[h][v][r].length; c++) {
            double d = (a[h][v][r][c] - b[h][v][r][c]) / scale;
            double x = b[h][v][r][c] / scale;
            difference += d * d;
            reference += x * x;
          }
        }
      }
    }
    return Math.sqrt(difference / reference);
  }
}
