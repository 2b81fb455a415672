package io.github.selfclassifier.api.loss;

import java.util.Arrays;
import java.util.Random;

/** Random logits and array helpers shared by the loss tests. */
final class LossTestData {
  private LossTestData() {}

  /** Gaussian logits {@code [head][view][b][c]} with standard deviation {@code scale}. */
  static double[][][][] gaussianLogits(long seed, int batch, int[] classes, int views, double scale) {
    Random random = new Random(seed);
    double[][][][] logits = new double[classes.length][views][batch][];
    for (int h = 0; h < classes.length; h++) {
      for (int v = 0; v < views; v++) {
        for (int b = 0; b < batch; b++) {
          logits[h][v][b] = new double[classes[h]];
          for (int c = 0; c < classes[h]; c++) {
            logits[h][v][b][c] = random.nextGaussian() * scale;
          }
        }
      }
    }
    return logits;
  }

  static double[][][][] deepCopy(double[][][][] a) {
    double[][][][] copy = new double[a.length][][][];
    for (int h = 0; h < a.length; h++) {
      copy[h] = new double[a[h].length][][];
      for (int v = 0; v < a[h].length; v++) {
        copy[h][v] = new double[a[h][v].length][];
        for (int b = 0; b < a[h][v].length; b++) {
          copy[h][v][b] = a[h][v][b].clone();
        }
      }
    }
    return copy;
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

  /** Largest elementwise difference. */
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

  /** Euclidean norm of {@code a - b} over all elements, scaled so that tiny or huge values do not under/overflow. */
  static double normOfDifference(double[][][][] a, double[][][][] b) {
    double largest = maxAbsDifference(a, b);
    if (largest == 0) {
      return 0;
    }
    double sum = 0;
    for (int h = 0; h < a.length; h++) {
      for (int v = 0; v < a[h].length; v++) {
        for (int r = 0; r < a[h][v].length; r++) {
          for (int c = 0; c < a[h][v][r].length; c++) {
            double d = (a[h][v][r][c] - b[h][v][r][c]) / largest;
            sum += d * d;
          }
        }
      }
    }
    return largest * Math.sqrt(sum);
  }

  static double norm(double[][][][] a) {
    return normOfDifference(a, zerosLike(a));
  }

  static double[][][][] zerosLike(double[][][][] a) {
    double[][][][] zeros = deepCopy(a);
    for (double[][][] head : zeros) {
      for (double[][] view : head) {
        for (double[] row : view) {
          Arrays.fill(row, 0);
        }
      }
    }
    return zeros;
  }
}
