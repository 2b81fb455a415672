package io.github.selfclassifier.djl.eval;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A linear probe on frozen features: multinomial logistic regression (softmax of {@code W x + b}) trained
 * on the scaled training features by full-batch L-BFGS, reporting train and test top-1 accuracy.
 *
 * <p>Objective: {@code mean over samples of the cross-entropy + (l2 / 2) * ||W||^2} (the bias is not
 * penalised). This is scikit-learn's {@code LogisticRegression(multi_class="multinomial", C=C)} objective
 * divided by {@code C * n}, so {@code l2 = 1 / (C * n)} gives the same model. The optimiser is deterministic:
 * L-BFGS (Nocedal and Wright, algorithm 7.5) with 10 correction pairs, starting from zero weights,
 * backtracking line search on the Armijo condition (c1 = 1e-4, step halved), stopping when the largest
 * gradient entry is at most the tolerance, when the objective no longer decreases (relative change below
 * 1e-15), or at the iteration limit. The gradient is summed over fixed chunks of samples in a fixed order,
 * so results do not depend on the thread count.
 *
 * <p>Why plain Java in double precision rather than DJL: the problem is small (C x (d + 1) parameters),
 * full-batch and convex, so a double-precision L-BFGS converges to the unique optimum that scikit-learn's
 * lbfgs also finds, and is testable against it to 1e-6; it needs no engine and no native memory.
 *
 * <p>Defaults: {@link FeatureScaling#STANDARDIZE}, l2 = 1e-4, at most 500 iterations, gradient tolerance
 * 1e-6. Immutable and thread-safe.
 */
public final class LinearProbe {
  private static final Logger LOG = LoggerFactory.getLogger(LinearProbe.class);
  private static final int HISTORY = 10;
  private static final int CHUNK = 1024;
  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 60;

  private final FeatureScaling scaling;
  private final double l2;
  private final int maxIterations;
  private final double tolerance;
  private final int threads;

  private LinearProbe(Builder b) {
    this.scaling = b.scaling;
    this.l2 = b.l2;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.threads = b.threads;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains on the training set and scores on both sets.
   *
   * @param train training features
   * @param trainLabels training labels, non-negative class indices
   * @param test test features of the same dimension
   * @param testLabels test labels
   * @return train and test top-1 accuracy with the model
   * @throws IllegalArgumentException if dimensions or lengths disagree or a label is negative
   */
  public LinearProbeResult evaluate(FloatMatrix train, int[] trainLabels, FloatMatrix test, int[] testLabels) {
    Objects.requireNonNull(test, "test");
    if (test.cols() != train.cols()) {
      throw new IllegalArgumentException(
          "training features have " + train.cols() + " dimensions, test features " + test.cols());
    }
    int maxTest = Arrays.stream(Objects.requireNonNull(testLabels, "testLabels")).max().orElse(0);
    int classes = Math.max(maxLabel(trainLabels), maxTest) + 1;
    LinearProbeModel model = fit(train, trainLabels, classes);
    return new LinearProbeResult(model.accuracy(train, trainLabels), model.accuracy(test, testLabels), model);
  }

  /**
   * Trains a probe with as many classes as the largest training label plus one.
   *
   * @param train training features
   * @param labels training labels, non-negative class indices
   * @return the model
   * @throws IllegalArgumentException if the lengths differ or a label is negative
   */
  public LinearProbeModel fit(FloatMatrix train, int[] labels) {
    return fit(train, labels, maxLabel(labels) + 1);
  }

  private static int maxLabel(int[] labels) {
    Objects.requireNonNull(labels, "labels");
    int max = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label " + i + " is negative: " + labels[i]);
      }
      max = Math.max(max, labels[i]);
    }
    return max;
  }

  private LinearProbeModel fit(FloatMatrix train, int[] labels, int classes) {
    Objects.requireNonNull(train, "train");
    if (labels.length != train.rows()) {
      throw new IllegalArgumentException(train.rows() + " samples but " + labels.length + " labels");
    }
    maxLabel(labels);
    long start = System.nanoTime();
    int n = train.rows();
    int d = train.cols();
    double[] mean = new double[d];
    double[] scale = new double[d];
    Arrays.fill(scale, 1);
    if (scaling == FeatureScaling.STANDARDIZE) {
      standardization(train, mean, scale);
    }
    float[] x = new float[n * d];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      LinearProbeModel.scaleRow(scaling, mean, scale, train.data(), i, row);
      for (int k = 0; k < d; k++) {
        x[i * d + k] = (float) row[k];
      }
    }
    Objective objective = new Objective(x, labels, n, d, classes);
    int size = classes * (d + 1);
    double[] theta = new double[size];
    double[] grad = new double[size];
    double f = objective.value(theta, grad);
    Deque<double[][]> history = new ArrayDeque<>();
    int iterations = 0;
    boolean converged = false;
    double[] direction = new double[size];
    double[] next = new double[size];
    double[] nextGrad = new double[size];
    while (true) {
      if (maxAbs(grad) <= tolerance) {
        converged = true;
        break;
      }
      if (iterations >= maxIterations) {
        break;
      }
      twoLoop(grad, history, direction);
      double slope = dot(direction, grad);
      if (!(slope < 0)) { // not a descent direction: restart from steepest descent
        history.clear();
        twoLoop(grad, history, direction);
        slope = dot(direction, grad);
      }
      double step = history.isEmpty() ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
      double fNext = Double.NaN;
      boolean accepted = false;
      for (int h = 0; h < MAX_HALVINGS; h++) {
        for (int i = 0; i < size; i++) {
          next[i] = theta[i] + step * direction[i];
        }
        fNext = objective.value(next, nextGrad);
        if (fNext <= f + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      iterations++;
      if (!accepted) {
        converged = maxAbs(grad) <= tolerance;
        break;
      }
      double[] s = new double[size];
      double[] y = new double[size];
      for (int i = 0; i < size; i++) {
        s[i] = next[i] - theta[i];
        y[i] = nextGrad[i] - grad[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        history.addLast(new double[][] {s, y, {1 / sy}});
        if (history.size() > HISTORY) {
          history.removeFirst();
        }
      }
      double change = Math.abs(f - fNext) / Math.max(Math.max(Math.abs(f), Math.abs(fNext)), 1);
      System.arraycopy(next, 0, theta, 0, size);
      System.arraycopy(nextGrad, 0, grad, 0, size);
      f = fNext;
      if (change < 1e-15) {
        converged = true;
        break;
      }
    }
    double[][] w = new double[classes][d];
    double[] b = new double[classes];
    for (int c = 0; c < classes; c++) {
      System.arraycopy(theta, c * d, w[c], 0, d);
      b[c] = theta[classes * d + c];
    }
    LOG.info("linear probe on {} x {} ({} classes, {}): objective {} after {} L-BFGS iterations{}, {} ms", n,
        d, classes, scaling, f, iterations, converged ? "" : " (not converged)",
        (System.nanoTime() - start) / 1_000_000);
    return new LinearProbeModel(scaling, mean, scale, w, b, iterations, converged, f);
  }

  private static void standardization(FloatMatrix train, double[] mean, double[] scale) {
    int n = train.rows();
    int d = train.cols();
    float[] data = train.data();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += data[i * d + k];
      }
    }
    for (int k = 0; k < d; k++) {
      mean[k] /= n;
    }
    double[] var = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        double v = data[i * d + k] - mean[k];
        var[k] += v * v;
      }
    }
    for (int k = 0; k < d; k++) {
      double sd = Math.sqrt(var[k] / n);
      scale[k] = sd > 0 ? sd : 1;
    }
  }

  /** direction = - H grad by the L-BFGS two-loop recursion (steepest descent without history). */
  private static void twoLoop(double[] grad, Deque<double[][]> history, double[] direction) {
    int size = grad.length;
    double[] q = grad.clone();
    double[] alpha = new double[history.size()];
    int idx = history.size() - 1;
    for (Iterator<double[][]> it = history.descendingIterator(); it.hasNext(); idx--) {
      double[][] p = it.next();
      alpha[idx] = p[2][0] * dot(p[0], q);
      axpy(-alpha[idx], p[1], q);
    }
    if (!history.isEmpty()) {
      double[][] last = history.getLast();
      double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
      for (int i = 0; i < size; i++) {
        q[i] *= gamma;
      }
    }
    idx = 0;
    for (double[][] p : history) {
      double beta = p[2][0] * dot(p[1], q);
      axpy(alpha[idx] - beta, p[0], q);
      idx++;
    }
    for (int i = 0; i < size; i++) {
      direction[i] = -q[i];
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** The objective and its gradient, parameters laid out as W (C x d, row-major) then b (C). */
  private final class Objective {
    private final float[] x;
    private final int[] labels;
    private final int n;
    private final int d;
    private final int classes;

    Objective(float[] x, int[] labels, int n, int d, int classes) {
      this.x = x;
      this.labels = labels;
      this.n = n;
      this.d = d;
      this.classes = classes;
    }

    double value(double[] theta, double[] grad) {
      double[][] w = new double[classes][d];
      double[] b = new double[classes];
      for (int c = 0; c < classes; c++) {
        System.arraycopy(theta, c * d, w[c], 0, d);
        b[c] = theta[classes * d + c];
      }
      int chunks = (n + CHUNK - 1) / CHUNK;
      double[] losses = new double[chunks];
      double[][][] gw = new double[chunks][][];
      double[][] gb = new double[chunks][];
      ParallelRanges.run(threads, chunks, (cFrom, cTo) -> {
        double[] xi = new double[d];
        double[] z = new double[classes];
        for (int ch = cFrom; ch < cTo; ch++) {
          double[][] g = new double[classes][d];
          double[] gbias = new double[classes];
          double loss = 0;
          for (int i = ch * CHUNK; i < Math.min(n, (ch + 1) * CHUNK); i++) {
            for (int k = 0; k < d; k++) {
              xi[k] = x[i * d + k];
            }
            LinearProbeModel.logits(w, b, xi, z);
            int y = labels[i];
            double logitOfLabel = z[y];
            loss += LinearProbeModel.softmaxInPlace(z) - logitOfLabel;
            z[y] -= 1;
            for (int c = 0; c < classes; c++) {
              double r = z[c];
              gbias[c] += r;
              double[] gc = g[c];
              for (int k = 0; k < d; k++) {
                gc[k] += r * xi[k];
              }
            }
          }
          losses[ch] = loss;
          gw[ch] = g;
          gb[ch] = gbias;
        }
      });
      double loss = 0;
      Arrays.fill(grad, 0);
      for (int ch = 0; ch < chunks; ch++) {
        loss += losses[ch];
        for (int c = 0; c < classes; c++) {
          double[] g = gw[ch][c];
          int base = c * d;
          for (int k = 0; k < d; k++) {
            grad[base + k] += g[k];
          }
          grad[classes * d + c] += gb[ch][c];
        }
      }
      double penalty = 0;
      for (int i = 0; i < grad.length; i++) {
        grad[i] /= n;
      }
      for (int i = 0; i < classes * d; i++) {
        penalty += theta[i] * theta[i];
        grad[i] += l2 * theta[i];
      }
      return loss / n + 0.5 * l2 * penalty;
    }
  }

  @Override
  public String toString() {
    return "LinearProbe[scaling=" + scaling + ", l2=" + l2 + ", maxIterations=" + maxIterations + ", tolerance="
        + tolerance + "]";
  }

  /** Builds a {@link LinearProbe}; every setting is optional. */
  public static final class Builder {
    private FeatureScaling scaling = FeatureScaling.STANDARDIZE;
    private double l2 = 1e-4;
    private int maxIterations = 500;
    private double tolerance = 1e-6;
    private int threads = ParallelRanges.defaultThreads();

    private Builder() {}

    /**
     * The feature scaling (default {@link FeatureScaling#STANDARDIZE}).
     *
     * @param scaling the scaling
     * @return this builder
     */
    public Builder optScaling(FeatureScaling scaling) {
      this.scaling = Objects.requireNonNull(scaling, "scaling");
      return this;
    }

    /**
     * The L2 penalty on the weights (default 1e-4); scikit-learn's C corresponds to {@code 1 / (C * n)}.
     *
     * @param l2 non-negative; 0 only for data that is not linearly separable
     * @return this builder
     */
    public Builder optL2(double l2) {
      this.l2 = l2;
      return this;
    }

    /**
     * The iteration limit of L-BFGS (default 500).
     *
     * @param maxIterations at least 1
     * @return this builder
     */
    public Builder optMaxIterations(int maxIterations) {
      this.maxIterations = maxIterations;
      return this;
    }

    /**
     * The gradient tolerance: L-BFGS stops when no gradient entry exceeds it in absolute value (default 1e-6).
     *
     * @param tolerance positive
     * @return this builder
     */
    public Builder optTolerance(double tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /**
     * The number of worker threads (default: the available processors). Results do not depend on it.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Validates the settings.
     *
     * @return the probe
     * @throws IllegalArgumentException if a setting is out of range
     */
    public LinearProbe build() {
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 must be non-negative and finite, got " + l2);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
      }
      if (!(tolerance > 0)) {
        throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      return new LinearProbe(this);
    }
  }
}
