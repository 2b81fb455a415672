package io.github.selfclassifier.api.loss;

import java.util.Objects;

/**
 * The Self-Classifier loss and its exact analytic gradient in plain Java double precision: the executable
 * specification that engine implementations of {@link SelfClassifierLoss} are tested against. It is written
 * for clarity and checkability, not speed.
 *
 * <p>Logits are {@code double[head][view][b][c]}: {@code H >= 1} heads, the same {@code V >= 2} views in every
 * head, the same batch size {@code B >= 1} everywhere, and {@code C_h >= 1} classes shared by the views of
 * head {@code h}. The gradient has the same shape. The formula is the one in the package documentation;
 * the pairs are those of {@link ViewPairs}.
 *
 * <p>Numerical stability: both softmaxes subtract the maximum of their slice before exponentiating, so
 * logits of any finite magnitude (e.g. {@code ±1e4} with temperature 0.05) neither overflow nor produce NaN;
 * probabilities that underflow become exactly 0, which the eps bounds absorb.
 *
 * <p>Gradient conventions, as in PyTorch's autograd of the same formula: the L1 norm's derivative at an exact
 * zero is 0 ({@code sign(0) = 0}), and {@code max(norm, eps)} passes the gradient to the norm when
 * {@code norm >= eps} and to eps otherwise. Instances are immutable and thread-safe.
 */
public final class ReferenceSelfClassifierLoss {
  private final LossConfig config;

  /**
   * Creates the reference loss with the given settings.
   *
   * @param config the temperatures and eps
   */
  public ReferenceSelfClassifierLoss(LossConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The settings this loss uses.
   *
   * @return the configuration
   */
  public LossConfig config() {
    return config;
  }

  /**
   * The loss value.
   *
   * @param logits logits indexed {@code [head][view][b][c]}, all finite
   * @return the loss
   * @throws IllegalArgumentException if the shapes disagree as described in the class documentation or a
   *     logit is not finite
   */
  public double value(double[][][][] logits) {
    return evaluate(logits, false).value();
  }

  /**
   * The loss value and its gradient with respect to every logit.
   *
   * @param logits logits indexed {@code [head][view][b][c]}, all finite
   * @return the value and a gradient of the same shape as {@code logits}
   * @throws IllegalArgumentException if the shapes disagree as described in the class documentation or a
   *     logit is not finite
   */
  public ValueAndGradient valueAndGradient(double[][][][] logits) {
    return evaluate(logits, true);
  }

  private ValueAndGradient evaluate(double[][][][] logits, boolean withGradient) {
    validate(logits);
    int heads = logits.length;
    int views = logits[0].length;
    int batch = logits[0][0].length;
    int pairs = ViewPairs.pairsPerHead(views);
    // loss = weight * sum over heads, pairs, b, c of T_i[b][c] * L_j[b][c]
    double weight = -1.0 / ((double) heads * pairs * batch);
    double eps = config.eps();

    double total = 0;
    double[][][][] gradient = withGradient ? new double[heads][views][][] : null;
    for (int h = 0; h < heads; h++) {
      int classes = logits[h][0][0].length;
      double scale = (double) batch / classes;
      double[][][] colSoftmax = new double[views][][];
      double[][] rowNorms = new double[views][];
      double[][][] targets = new double[views][][];
      double[][][] rowSoftmax = new double[views][][];
      double[][] colNorms = new double[views][];
      double[][][] predictions = new double[views][][];
      double[][][] logPredictions = new double[views][][];
      for (int v = 0; v < views; v++) {
        colSoftmax[v] = softmaxOverBatch(logits[h][v], config.columnTemperature());
        rowNorms[v] = rowSums(colSoftmax[v]);
        targets[v] = divideRows(colSoftmax[v], rowNorms[v], eps);
        rowSoftmax[v] = softmaxOverClasses(logits[h][v], config.rowTemperature());
        colNorms[v] = columnSums(rowSoftmax[v]);
        predictions[v] = divideColumns(rowSoftmax[v], colNorms[v], eps);
        logPredictions[v] = new double[batch][classes];
        for (int b = 0; b < batch; b++) {
          for (int c = 0; c < classes; c++) {
            logPredictions[v][b][c] = Math.log(scale * predictions[v][b][c] + eps);
          }
        }
      }

      // Group the pairs: sum over pairs of T_i . L_j = sum over j of (sum over i paired with j of T_i) . L_j
      double[][][] targetSums = new double[views][batch][classes];
      double[][][] logPredictionSums = new double[views][batch][classes];
      for (int i = 0; i < views; i++) {
        for (int j = 0; j < views; j++) {
          if (ViewPairs.isLossPair(i, j)) {
            addInto(targetSums[j], targets[i]);
            addInto(logPredictionSums[i], logPredictions[j]);
          }
        }
      }
      double headSum = 0;
      for (int j = 0; j < views; j++) {
        for (int b = 0; b < batch; b++) {
          for (int c = 0; c < classes; c++) {
            headSum += targetSums[j][b][c] * logPredictions[j][b][c];
          }
        }
      }
      total += headSum;

      if (withGradient) {
        for (int v = 0; v < views; v++) {
          double[][] fromTargets = targetGradient(
              colSoftmax[v], rowNorms[v], targets[v], scaled(logPredictionSums[v], weight), eps);
          double[][] fromPredictions = predictionGradient(rowSoftmax[v], colNorms[v], predictions[v],
              scaled(targetSums[v], weight), scale, eps);
          double[][] g = new double[batch][classes];
          for (int b = 0; b < batch; b++) {
            for (int c = 0; c < classes; c++) {
              g[b][c] = fromTargets[b][c] / config.columnTemperature()
                  + fromPredictions[b][c] / config.rowTemperature();
            }
          }
          gradient[h][v] = g;
        }
      }
    }
    return new ValueAndGradient(weight * total, gradient);
  }

  /**
   * Back-propagates {@code dLoss/dT} through {@code T = A / max(rowSum(A), eps)} and
   * {@code A = softmax over the batch axis of X}; returns {@code dLoss/dX}.
   */
  private static double[][] targetGradient(
      double[][] a, double[] rowNorms, double[][] t, double[][] gradT, double eps) {
    int batch = a.length;
    int classes = a[0].length;
    double[][] gradA = new double[batch][classes];
    for (int b = 0; b < batch; b++) {
      double denominator = Math.max(rowNorms[b], eps);
      double throughNorm = 0;
      if (rowNorms[b] >= eps) {
        for (int c = 0; c < classes; c++) {
          throughNorm += gradT[b][c] * t[b][c];
        }
      }
      for (int c = 0; c < classes; c++) {
        gradA[b][c] = (gradT[b][c] - Math.signum(a[b][c]) * throughNorm) / denominator;
      }
    }
    double[][] gradX = new double[batch][classes];
    for (int c = 0; c < classes; c++) {
      double dot = 0;
      for (int b = 0; b < batch; b++) {
        dot += a[b][c] * gradA[b][c];
      }
      for (int b = 0; b < batch; b++) {
        gradX[b][c] = a[b][c] * (gradA[b][c] - dot);
      }
    }
    return gradX;
  }

  /**
   * Back-propagates {@code dLoss/dL} through {@code L = log(scale * P + eps)},
   * {@code P = Q / max(columnSum(Q), eps)} and {@code Q = softmax over the class axis of Y}; returns
   * {@code dLoss/dY}.
   */
  private static double[][] predictionGradient(double[][] q, double[] colNorms, double[][] p,
      double[][] gradL, double scale, double eps) {
    int batch = q.length;
    int classes = q[0].length;
    double[][] gradP = new double[batch][classes];
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < classes; c++) {
        gradP[b][c] = gradL[b][c] * scale / (scale * p[b][c] + eps);
      }
    }
    double[][] gradQ = new double[batch][classes];
    for (int c = 0; c < classes; c++) {
      double denominator = Math.max(colNorms[c], eps);
      double throughNorm = 0;
      if (colNorms[c] >= eps) {
        for (int b = 0; b < batch; b++) {
          throughNorm += gradP[b][c] * p[b][c];
        }
      }
      for (int b = 0; b < batch; b++) {
        gradQ[b][c] = (gradP[b][c] - Math.signum(q[b][c]) * throughNorm) / denominator;
      }
    }
    double[][] gradY = new double[batch][classes];
    for (int b = 0; b < batch; b++) {
      double dot = 0;
      for (int c = 0; c < classes; c++) {
        dot += q[b][c] * gradQ[b][c];
      }
      for (int c = 0; c < classes; c++) {
        gradY[b][c] = q[b][c] * (gradQ[b][c] - dot);
      }
    }
    return gradY;
  }

  /** Softmax of {@code s / temperature} over the batch axis (each column sums to 1). */
  private static double[][] softmaxOverBatch(double[][] s, double temperature) {
    int batch = s.length;
    int classes = s[0].length;
    double[][] out = new double[batch][classes];
    for (int c = 0; c < classes; c++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int b = 0; b < batch; b++) {
        max = Math.max(max, s[b][c] / temperature);
      }
      double sum = 0;
      for (int b = 0; b < batch; b++) {
        out[b][c] = Math.exp(s[b][c] / temperature - max);
        sum += out[b][c];
      }
      for (int b = 0; b < batch; b++) {
        out[b][c] /= sum;
      }
    }
    return out;
  }

  /** Softmax of {@code s / temperature} over the class axis (each row sums to 1). */
  private static double[][] softmaxOverClasses(double[][] s, double temperature) {
    int batch = s.length;
    int classes = s[0].length;
    double[][] out = new double[batch][classes];
    for (int b = 0; b < batch; b++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, s[b][c] / temperature);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        out[b][c] = Math.exp(s[b][c] / temperature - max);
        sum += out[b][c];
      }
      for (int c = 0; c < classes; c++) {
        out[b][c] /= sum;
      }
    }
    return out;
  }

  /** L1 norm of each row of a non-negative matrix. */
  private static double[] rowSums(double[][] m) {
    double[] sums = new double[m.length];
    for (int b = 0; b < m.length; b++) {
      for (double x : m[b]) {
        sums[b] += Math.abs(x);
      }
    }
    return sums;
  }

  /** L1 norm of each column of a non-negative matrix. */
  private static double[] columnSums(double[][] m) {
    double[] sums = new double[m[0].length];
    for (double[] row : m) {
      for (int c = 0; c < row.length; c++) {
        sums[c] += Math.abs(row[c]);
      }
    }
    return sums;
  }

  private static double[][] divideRows(double[][] m, double[] norms, double eps) {
    double[][] out = new double[m.length][];
    for (int b = 0; b < m.length; b++) {
      double denominator = Math.max(norms[b], eps);
      out[b] = new double[m[b].length];
      for (int c = 0; c < m[b].length; c++) {
        out[b][c] = m[b][c] / denominator;
      }
    }
    return out;
  }

  private static double[][] divideColumns(double[][] m, double[] norms, double eps) {
    double[][] out = new double[m.length][];
    for (int b = 0; b < m.length; b++) {
      out[b] = new double[m[b].length];
      for (int c = 0; c < m[b].length; c++) {
        out[b][c] = m[b][c] / Math.max(norms[c], eps);
      }
    }
    return out;
  }

  private static void addInto(double[][] accumulator, double[][] m) {
    for (int b = 0; b < m.length; b++) {
      for (int c = 0; c < m[b].length; c++) {
        accumulator[b][c] += m[b][c];
      }
    }
  }

  private static double[][] scaled(double[][] m, double factor) {
    double[][] out = new double[m.length][];
    for (int b = 0; b < m.length; b++) {
      out[b] = new double[m[b].length];
      for (int c = 0; c < m[b].length; c++) {
        out[b][c] = m[b][c] * factor;
      }
    }
    return out;
  }

  private static void validate(double[][][][] logits) {
    Objects.requireNonNull(logits, "logits");
    if (logits.length == 0) {
      throw new IllegalArgumentException("the loss needs at least one head, got none");
    }
    Objects.requireNonNull(logits[0], "logits[0]");
    int views = logits[0].length;
    ViewPairs.requireViews(views);
    Objects.requireNonNull(logits[0][0], "logits[0][0]");
    int batch = logits[0][0].length;
    if (batch == 0) {
      throw new IllegalArgumentException("the batch is empty");
    }
    for (int h = 0; h < logits.length; h++) {
      Objects.requireNonNull(logits[h], "logits[" + h + "]");
      if (logits[h].length != views) {
        throw new IllegalArgumentException(
            "head " + h + " has " + logits[h].length + " views, head 0 has " + views);
      }
      Objects.requireNonNull(logits[h][0][0], "logits[" + h + "][0][0]");
      int classes = logits[h][0][0].length;
      if (classes == 0) {
        throw new IllegalArgumentException("head " + h + " has no classes");
      }
      for (int v = 0; v < views; v++) {
        double[][] matrix = Objects.requireNonNull(logits[h][v], "logits[" + h + "][" + v + "]");
        if (matrix.length != batch) {
          throw new IllegalArgumentException("head " + h + " view " + v + " has batch size " + matrix.length
              + ", expected " + batch);
        }
        for (int b = 0; b < batch; b++) {
          double[] row = Objects.requireNonNull(matrix[b], "logits[" + h + "][" + v + "][" + b + "]");
          if (row.length != classes) {
            throw new IllegalArgumentException("head " + h + " view " + v + " row " + b + " has "
                + row.length + " classes, expected " + classes);
          }
          for (int c = 0; c < classes; c++) {
            if (!Double.isFinite(row[c])) {
              throw new IllegalArgumentException("logit [" + h + "][" + v + "][" + b + "][" + c
                  + "] is not finite: " + row[c]);
            }
          }
        }
      }
    }
  }

  /**
   * The loss and its gradient.
   *
   * @param value the loss value
   * @param gradient {@code dLoss/dLogits}, indexed {@code [head][view][b][c]} like the logits; a fresh
   *     array owned by the caller (record equality compares it by reference)
   */
  public record ValueAndGradient(double value, double[][][][] gradient) {}
}
