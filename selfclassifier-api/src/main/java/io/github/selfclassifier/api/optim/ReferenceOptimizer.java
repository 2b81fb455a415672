package io.github.selfclassifier.api.optim;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The executable specification of the three update rules, in plain Java double precision: slow, exact, and
 * what the engine implementations are tested against. One instance keeps the optimiser state (momentum
 * buffers, Adam moments and step counts) of named parameter tensors, each given as a flat array; each call
 * of {@link #update} is one optimisation step of one tensor, in place.
 *
 * <p>With {@code g} the gradient, {@code p} the parameter, {@code lr} the step's learning rate, {@code wd}
 * the weight decay that applies to the tensor ({@link OptimizerConfig#weightDecayFor(boolean)}) and {@code
 * m} the momentum:
 *
 * <pre>
 * SGD    (torch.optim.SGD):      d = g + wd p;  mu = m mu + d;  p -= lr mu
 * LARS   (apex LARC, clip=False, around torch.optim.SGD), when the trust ratio applies:
 *          APEX_LARC:             if ||p|| &gt; 0 and ||g|| &gt; 0:  d = (g + wd p) eta ||p|| / (||g|| + wd ||p|| + eps)
 *                                 else d = g
 *          DECAYED_GRADIENT_NORM: d = g + wd p;  if ||p|| &gt; 0 and ||d|| &gt; 0:  d = d eta ||p|| / ||d||
 *        when it does not apply (excluded bias / norm tensor): d = g + wd p
 *        then                     mu = m mu + d;  p -= lr mu
 * ADAMW  (torch.optim.AdamW):    t += 1;  p *= 1 - lr wd;  a = b1 a + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *                                p -= (lr / (1 - b1^t)) a / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * The momentum buffer starts at zero, which equals torch's "first step copies d". Norms are Euclidean norms
 * of the whole tensor. The trust ratio form was checked against the reference code: Self-Classifier's
 * {@code train.py} wraps {@code torch.optim.SGD(momentum=0.9, weight_decay=wd)} in {@code apex.parallel.LARC
 * (trust_coefficient=0.001, clip=False)}, whose {@code step()} absorbs the weight decay and computes {@code
 * adaptive_lr = eta * param_norm / (grad_norm + param_norm * weight_decay + eps)} only when both norms are
 * non-zero. Not thread-safe.
 */
public final class ReferenceOptimizer {
  private final OptimizerConfig config;
  private final Map<String, State> states = new HashMap<>();

  /**
   * Creates a reference optimiser with empty state.
   *
   * @param config the settings; {@link OptimizerConfig#kind()} selects the rule
   */
  public ReferenceOptimizer(OptimizerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The settings.
   *
   * @return the config
   */
  public OptimizerConfig config() {
    return config;
  }

  /**
   * One optimisation step of one parameter tensor, in place.
   *
   * @param name the tensor's name, the key of its optimiser state
   * @param param the parameter values, updated in place
   * @param grad the gradient, same length; not modified
   * @param biasOrNorm whether the tensor is a bias or a normalisation parameter (for the exclusions)
   * @param learningRate the step's learning rate
   * @throws IllegalArgumentException if the lengths differ, or differ from earlier calls with this name
   */
  public void update(String name, double[] param, double[] grad, boolean biasOrNorm, double learningRate) {
    Objects.requireNonNull(name, "name");
    if (param.length != grad.length) {
      throw new IllegalArgumentException(
          "param and grad lengths differ: " + param.length + " vs " + grad.length);
    }
    State state = states.computeIfAbsent(name, k -> new State(param.length));
    if (state.first.length != param.length) {
      throw new IllegalArgumentException("tensor " + name + " changed length");
    }
    switch (config.kind()) {
      case SGD -> momentumStep(param, decayed(param, grad, config.weightDecayFor(biasOrNorm)), state, learningRate);
      case LARS -> momentumStep(param, larsDirection(param, grad, biasOrNorm), state, learningRate);
      case ADAMW -> adamWStep(param, grad, config.weightDecayFor(biasOrNorm), state, learningRate);
    }
  }

  /**
   * The momentum buffer (SGD, LARS) or first moment (AdamW) of a tensor.
   *
   * @param name the tensor's name
   * @return a copy of the buffer, or null if the tensor was never updated
   */
  public double[] firstMoment(String name) {
    State s = states.get(name);
    return s == null ? null : s.first.clone();
  }

  /**
   * The second moment of a tensor (AdamW only; zeros for the other kinds).
   *
   * @param name the tensor's name
   * @return a copy of the buffer, or null if the tensor was never updated
   */
  public double[] secondMoment(String name) {
    State s = states.get(name);
    return s == null ? null : s.second.clone();
  }

  /**
   * The number of updates of a tensor so far.
   *
   * @param name the tensor's name
   * @return the count, 0 if never updated
   */
  public long updates(String name) {
    State s = states.get(name);
    return s == null ? 0 : s.steps;
  }

  private double[] larsDirection(double[] p, double[] g, boolean biasOrNorm) {
    double wd = config.weightDecayFor(biasOrNorm);
    if (!config.trustRatioAppliesTo(biasOrNorm)) {
      return decayed(p, g, wd);
    }
    double eta = config.trustCoefficient();
    double pn = norm(p);
    switch (config.trustRatio()) {
      case APEX_LARC -> {
        double gn = norm(g);
        if (pn == 0.0 || gn == 0.0) {
          return g.clone();
        }
        double trust = eta * pn / (gn + pn * wd + config.larsEpsilon());
        double[] d = decayed(p, g, wd);
        for (int i = 0; i < d.length; i++) {
          d[i] *= trust;
        }
        return d;
      }
      case DECAYED_GRADIENT_NORM -> {
        double[] d = decayed(p, g, wd);
        double dn = norm(d);
        if (pn > 0.0 && dn > 0.0) {
          double trust = eta * pn / dn;
          for (int i = 0; i < d.length; i++) {
            d[i] *= trust;
          }
        }
        return d;
      }
      default -> throw new AssertionError(config.trustRatio());
    }
  }

  private void momentumStep(double[] p, double[] d, State state, double lr) {
    double m = config.momentum();
    double[] mu = state.first;
    for (int i = 0; i < p.length; i++) {
      mu[i] = m * mu[i] + d[i];
      p[i] -= lr * mu[i];
    }
    state.steps++;
  }

  private void adamWStep(double[] p, double[] g, double wd, State state, double lr) {
    state.steps++;
    double b1 = config.beta1();
    double b2 = config.beta2();
    double biasCorrection1 = 1 - Math.pow(b1, state.steps);
    double biasCorrection2 = 1 - Math.pow(b2, state.steps);
    double stepSize = lr / biasCorrection1;
    double[] a = state.first;
    double[] v = state.second;
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1 - lr * wd;
      a[i] = b1 * a[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double denominator = Math.sqrt(v[i]) / Math.sqrt(biasCorrection2) + config.adamEpsilon();
      p[i] -= stepSize * a[i] / denominator;
    }
  }

  private static double[] decayed(double[] p, double[] g, double wd) {
    double[] d = new double[g.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = g[i] + wd * p[i];
    }
    return d;
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static final class State {
    final double[] first;
    final double[] second;
    long steps;

    State(int n) {
      first = new double[n];
      second = new double[n];
    }
  }
}
