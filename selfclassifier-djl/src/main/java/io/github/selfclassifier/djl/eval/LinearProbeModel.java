package io.github.selfclassifier.djl.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trained linear probe: the feature scaling learned on the training set and a multinomial logistic
 * regression (softmax of {@code W x + b}) on the scaled features. Immutable.
 */
public final class LinearProbeModel {
  private final FeatureScaling scaling;
  private final double[] mean;
  private final double[] scale;
  private final double[][] weights;
  private final double[] bias;
  private final int iterations;
  private final boolean converged;
  private final double objective;

  LinearProbeModel(FeatureScaling scaling, double[] mean, double[] scale, double[][] weights, double[] bias,
      int iterations, boolean converged, double objective) {
    this.scaling = scaling;
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.bias = bias;
    this.iterations = iterations;
    this.converged = converged;
    this.objective = objective;
  }

  /**
   * The number of classes.
   *
   * @return C
   */
  public int classes() {
    return bias.length;
  }

  /**
   * The feature dimension.
   *
   * @return d
   */
  public int dimension() {
    return weights[0].length;
  }

  /**
   * The scaling applied to features before the linear layer.
   *
   * @return the scaling
   */
  public FeatureScaling scaling() {
    return scaling;
  }

  /**
   * The weights, one row per class.
   *
   * @return a copy, C x d
   */
  public double[][] weights() {
    double[][] out = new double[weights.length][];
    for (int c = 0; c < weights.length; c++) {
      out[c] = weights[c].clone();
    }
    return out;
  }

  /**
   * The biases.
   *
   * @return a copy, C values
   */
  public double[] bias() {
    return bias.clone();
  }

  /**
   * The optimiser's iterations.
   *
   * @return the L-BFGS iterations taken
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Whether the optimiser met its tolerance (rather than stopping at the iteration limit).
   *
   * @return true if converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The final value of the training objective (mean cross-entropy plus the L2 term).
   *
   * @return the objective
   */
  public double objective() {
    return objective;
  }

  /**
   * Class probabilities of each sample.
   *
   * @param features one sample per row, of the training dimension
   * @return samples x C probabilities, rows summing to 1
   * @throws IllegalArgumentException if the dimension differs
   */
  public double[][] probabilities(FloatMatrix features) {
    checkDimension(features);
    double[][] out = new double[features.rows()][];
    double[] x = new double[dimension()];
    for (int i = 0; i < features.rows(); i++) {
      scaledRow(features.data(), i, x);
      double[] z = new double[classes()];
      logits(weights, bias, x, z);
      softmaxInPlace(z);
      out[i] = z;
    }
    return out;
  }

  /**
   * The most probable class of each sample (the lowest index on ties).
   *
   * @param features one sample per row, of the training dimension
   * @return the predicted classes
   */
  public int[] predict(FloatMatrix features) {
    checkDimension(features);
    int[] out = new int[features.rows()];
    double[] x = new double[dimension()];
    double[] z = new double[classes()];
    for (int i = 0; i < features.rows(); i++) {
      scaledRow(features.data(), i, x);
      logits(weights, bias, x, z);
      int best = 0;
      for (int c = 1; c < z.length; c++) {
        if (z[c] > z[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * Top-1 accuracy on labelled samples.
   *
   * @param features one sample per row
   * @param labels their classes
   * @return the fraction predicted correctly
   * @throws IllegalArgumentException if the lengths differ
   */
  public double accuracy(FloatMatrix features, int[] labels) {
    Objects.requireNonNull(labels, "labels");
    if (labels.length != features.rows()) {
      throw new IllegalArgumentException(features.rows() + " samples but " + labels.length + " labels");
    }
    int[] predicted = predict(features);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  private void checkDimension(FloatMatrix features) {
    Objects.requireNonNull(features, "features");
    if (features.cols() != dimension()) {
      throw new IllegalArgumentException(
          "the probe was trained on " + dimension() + " dimensions, features have " + features.cols());
    }
  }

  /** Row i of row-major data, scaled, into x. */
  void scaledRow(float[] data, int i, double[] x) {
    scaleRow(scaling, mean, scale, data, i, x);
  }

  static void scaleRow(FeatureScaling scaling, double[] mean, double[] scale, float[] data, int i, double[] x) {
    int d = x.length;
    int base = i * d;
    switch (scaling) {
      case NONE -> {
        for (int k = 0; k < d; k++) {
          x[k] = data[base + k];
        }
      }
      case L2_NORMALIZE -> {
        double s = 0;
        for (int k = 0; k < d; k++) {
          x[k] = data[base + k];
          s += x[k] * x[k];
        }
        double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (int k = 0; k < d; k++) {
          x[k] *= inv;
        }
      }
      case STANDARDIZE -> {
        for (int k = 0; k < d; k++) {
          x[k] = (data[base + k] - mean[k]) / scale[k];
        }
      }
    }
  }

  /** z = W x + b, with four accumulators per dot product. */
  static void logits(double[][] w, double[] b, double[] x, double[] z) {
    int d = x.length;
    for (int c = 0; c < z.length; c++) {
      double[] wc = w[c];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int k = 0;
      for (; k + 3 < d; k += 4) {
        s0 += wc[k] * x[k];
        s1 += wc[k + 1] * x[k + 1];
        s2 += wc[k + 2] * x[k + 2];
        s3 += wc[k + 3] * x[k + 3];
      }
      for (; k < d; k++) {
        s0 += wc[k] * x[k];
      }
      z[c] = b[c] + (s0 + s1) + (s2 + s3);
    }
  }

  /** Replaces logits by their softmax; returns log-sum-exp of the logits. */
  static double softmaxInPlace(double[] z) {
    double max = Arrays.stream(z).max().orElse(0);
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
    return max + Math.log(sum);
  }
}
