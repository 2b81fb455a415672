package io.github.selfclassifier.api.optim;

import java.util.Objects;

/**
 * Immutable settings of the optimiser. Build with {@link #builder()}; {@link #paperDefaults()} is what the
 * paper's training scripts run ({@code train_100ep.sh} ... {@code train_800ep.sh} of the reference code:
 * {@code --lars --sgd --wd 1e-6}), i.e.
 *
 * <ul>
 *   <li>kind {@link OptimizerKind#LARS}: {@code torch.optim.SGD} with momentum 0.9 wrapped in apex
 *       {@code LARC(trust_coefficient=0.001, clip=False)}, trust ratio form {@link
 *       LarsTrustRatio#APEX_LARC} with LARC's epsilon 1e-8;
 *   <li>weight decay 1e-6;
 *   <li>AdamW settings (used only by {@link OptimizerKind#ADAMW}): betas (0.9, 0.999), epsilon 1e-8;
 *   <li>biases and normalisation parameters are <em>not</em> excluded from weight decay nor from the trust
 *       ratio: the reference code excludes them from weight decay only with {@code --no-bias-wd}, which
 *       none of the paper's scripts pass, and apex LARC adapts every parameter whose norms are non-zero.
 *       The DINO / Barlow Twins convention (1-D parameters excluded from both) is available through
 *       {@link Builder#optExcludeBiasAndNormFromWeightDecay(boolean)} and {@link
 *       Builder#optExcludeBiasAndNormFromTrustRatio(boolean)}.
 * </ul>
 *
 * <p>The learning rate is not part of this config: it comes from a {@link LearningRateSchedule} (paper:
 * {@link WarmupCosineSchedule} with base 4.8 for a batch of 4096). Which parameters count as "biases and
 * normalisation parameters" is decided by the engine implementation (see the DJL module's rule); the
 * reference code's rule is "1-D tensors and names ending in .bias".
 */
public final class OptimizerConfig {
  private static final OptimizerConfig PAPER = builder().build();

  private final OptimizerKind kind;
  private final double momentum;
  private final double trustCoefficient;
  private final LarsTrustRatio trustRatio;
  private final double larsEpsilon;
  private final double beta1;
  private final double beta2;
  private final double adamEpsilon;
  private final double weightDecay;
  private final boolean excludeBiasAndNormFromWeightDecay;
  private final boolean excludeBiasAndNormFromTrustRatio;

  private OptimizerConfig(Builder b) {
    this.kind = b.kind;
    this.momentum = b.momentum;
    this.trustCoefficient = b.trustCoefficient;
    this.trustRatio = b.trustRatio;
    this.larsEpsilon = b.larsEpsilon;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.adamEpsilon = b.adamEpsilon;
    this.weightDecay = b.weightDecay;
    this.excludeBiasAndNormFromWeightDecay = b.excludeBiasAndNormFromWeightDecay;
    this.excludeBiasAndNormFromTrustRatio = b.excludeBiasAndNormFromTrustRatio;
  }

  /**
   * The paper's optimiser settings (see the class comment).
   *
   * @return the defaults
   */
  public static OptimizerConfig paperDefaults() {
    return PAPER;
  }

  /**
   * Starts a builder with the paper's defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder with the values of this config.
   *
   * @return a new builder holding this config's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.momentum = momentum;
    b.trustCoefficient = trustCoefficient;
    b.trustRatio = trustRatio;
    b.larsEpsilon = larsEpsilon;
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.adamEpsilon = adamEpsilon;
    b.weightDecay = weightDecay;
    b.excludeBiasAndNormFromWeightDecay = excludeBiasAndNormFromWeightDecay;
    b.excludeBiasAndNormFromTrustRatio = excludeBiasAndNormFromTrustRatio;
    return b;
  }

  /**
   * The update rule.
   *
   * @return the optimiser kind (default LARS)
   */
  public OptimizerKind kind() {
    return kind;
  }

  /**
   * The momentum of SGD and LARS, in [0, 1).
   *
   * @return the momentum (default 0.9)
   */
  public double momentum() {
    return momentum;
  }

  /**
   * LARS's trust coefficient {@code eta}, positive. No clipping is ever applied (LARC's {@code clip=False}).
   *
   * @return the trust coefficient (default 0.001)
   */
  public double trustCoefficient() {
    return trustCoefficient;
  }

  /**
   * The form of the LARS trust ratio.
   *
   * @return the form (default {@link LarsTrustRatio#APEX_LARC})
   */
  public LarsTrustRatio trustRatio() {
    return trustRatio;
  }

  /**
   * The epsilon in the denominator of the {@link LarsTrustRatio#APEX_LARC} trust ratio (unused by the
   * other form).
   *
   * @return LARC's epsilon (default 1e-8)
   */
  public double larsEpsilon() {
    return larsEpsilon;
  }

  /**
   * AdamW's first-moment decay, in [0, 1).
   *
   * @return beta1 (default 0.9)
   */
  public double beta1() {
    return beta1;
  }

  /**
   * AdamW's second-moment decay, in [0, 1).
   *
   * @return beta2 (default 0.999)
   */
  public double beta2() {
    return beta2;
  }

  /**
   * AdamW's epsilon, added to the bias-corrected root of the second moment; positive.
   *
   * @return the epsilon (default 1e-8)
   */
  public double adamEpsilon() {
    return adamEpsilon;
  }

  /**
   * The weight decay: L2 decay added to the gradient for SGD and LARS, decoupled shrinkage for AdamW;
   * finite and non-negative.
   *
   * @return the weight decay (default 1e-6)
   */
  public double weightDecay() {
    return weightDecay;
  }

  /**
   * Whether biases and normalisation parameters get no weight decay (the reference's {@code --no-bias-wd}).
   *
   * @return true to exclude them (default false, as the paper's runs)
   */
  public boolean excludeBiasAndNormFromWeightDecay() {
    return excludeBiasAndNormFromWeightDecay;
  }

  /**
   * Whether biases and normalisation parameters skip the LARS trust ratio (their update is then the plain
   * decayed gradient, as in DINO / Barlow Twins). Only meaningful for LARS.
   *
   * @return true to exclude them (default false, as apex LARC in the paper's runs)
   */
  public boolean excludeBiasAndNormFromTrustRatio() {
    return excludeBiasAndNormFromTrustRatio;
  }

  /**
   * The weight decay that applies to one parameter tensor.
   *
   * @param biasOrNorm whether the tensor is a bias or a normalisation parameter
   * @return {@code 0} if such tensors are excluded from weight decay, else {@link #weightDecay()}
   */
  public double weightDecayFor(boolean biasOrNorm) {
    return biasOrNorm && excludeBiasAndNormFromWeightDecay ? 0.0 : weightDecay;
  }

  /**
   * Whether the LARS trust ratio applies to one parameter tensor.
   *
   * @param biasOrNorm whether the tensor is a bias or a normalisation parameter
   * @return false if such tensors are excluded from the trust ratio, else true
   */
  public boolean trustRatioAppliesTo(boolean biasOrNorm) {
    return !(biasOrNorm && excludeBiasAndNormFromTrustRatio);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizerConfig c
        && kind == c.kind
        && Double.compare(momentum, c.momentum) == 0
        && Double.compare(trustCoefficient, c.trustCoefficient) == 0
        && trustRatio == c.trustRatio
        && Double.compare(larsEpsilon, c.larsEpsilon) == 0
        && Double.compare(beta1, c.beta1) == 0
        && Double.compare(beta2, c.beta2) == 0
        && Double.compare(adamEpsilon, c.adamEpsilon) == 0
        && Double.compare(weightDecay, c.weightDecay) == 0
        && excludeBiasAndNormFromWeightDecay == c.excludeBiasAndNormFromWeightDecay
        && excludeBiasAndNormFromTrustRatio == c.excludeBiasAndNormFromTrustRatio;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind,
        momentum,
        trustCoefficient,
        trustRatio,
        larsEpsilon,
        beta1,
        beta2,
        adamEpsilon,
        weightDecay,
        excludeBiasAndNormFromWeightDecay,
        excludeBiasAndNormFromTrustRatio);
  }

  @Override
  public String toString() {
    return "OptimizerConfig[kind=" + kind
        + ", momentum=" + momentum
        + ", trustCoefficient=" + trustCoefficient
        + ", trustRatio=" + trustRatio
        + ", larsEpsilon=" + larsEpsilon
        + ", beta1=" + beta1
        + ", beta2=" + beta2
        + ", adamEpsilon=" + adamEpsilon
        + ", weightDecay=" + weightDecay
        + ", excludeBiasAndNormFromWeightDecay=" + excludeBiasAndNormFromWeightDecay
        + ", excludeBiasAndNormFromTrustRatio=" + excludeBiasAndNormFromTrustRatio
        + "]";
  }

  /** Builder of {@link OptimizerConfig}; starts from the paper's defaults and validates in {@link #build()}. */
  public static final class Builder {
    private OptimizerKind kind = OptimizerKind.LARS;
    private double momentum = 0.9;
    private double trustCoefficient = 0.001;
    private LarsTrustRatio trustRatio = LarsTrustRatio.APEX_LARC;
    private double larsEpsilon = 1e-8;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double adamEpsilon = 1e-8;
    private double weightDecay = 1e-6;
    private boolean excludeBiasAndNormFromWeightDecay;
    private boolean excludeBiasAndNormFromTrustRatio;

    private Builder() {}

    /**
     * Sets the update rule (default LARS).
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder optKind(OptimizerKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets the momentum of SGD and LARS (default 0.9).
     *
     * @param momentum in [0, 1)
     * @return this builder
     */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /**
     * Sets LARS's trust coefficient (default 0.001).
     *
     * @param trustCoefficient positive
     * @return this builder
     */
    public Builder optTrustCoefficient(double trustCoefficient) {
      this.trustCoefficient = trustCoefficient;
      return this;
    }

    /**
     * Sets the form of the LARS trust ratio (default {@link LarsTrustRatio#APEX_LARC}).
     *
     * @param trustRatio the form
     * @return this builder
     */
    public Builder optTrustRatio(LarsTrustRatio trustRatio) {
      this.trustRatio = Objects.requireNonNull(trustRatio, "trustRatio");
      return this;
    }

    /**
     * Sets the epsilon of the {@link LarsTrustRatio#APEX_LARC} denominator (default 1e-8).
     *
     * @param larsEpsilon non-negative
     * @return this builder
     */
    public Builder optLarsEpsilon(double larsEpsilon) {
      this.larsEpsilon = larsEpsilon;
      return this;
    }

    /**
     * Sets AdamW's moment decays (default 0.9, 0.999).
     *
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @return this builder
     */
    public Builder optBetas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    /**
     * Sets AdamW's epsilon (default 1e-8).
     *
     * @param adamEpsilon positive
     * @return this builder
     */
    public Builder optAdamEpsilon(double adamEpsilon) {
      this.adamEpsilon = adamEpsilon;
      return this;
    }

    /**
     * Sets the weight decay (default 1e-6).
     *
     * @param weightDecay finite, non-negative
     * @return this builder
     */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /**
     * Excludes biases and normalisation parameters from weight decay (default false).
     *
     * @param exclude whether to exclude them
     * @return this builder
     */
    public Builder optExcludeBiasAndNormFromWeightDecay(boolean exclude) {
      this.excludeBiasAndNormFromWeightDecay = exclude;
      return this;
    }

    /**
     * Excludes biases and normalisation parameters from the LARS trust ratio (default false).
     *
     * @param exclude whether to exclude them
     * @return this builder
     */
    public Builder optExcludeBiasAndNormFromTrustRatio(boolean exclude) {
      this.excludeBiasAndNormFromTrustRatio = exclude;
      return this;
    }

    /**
     * Validates and builds the config.
     *
     * @return the immutable config
     * @throws IllegalArgumentException if a value is out of range
     */
    public OptimizerConfig build() {
      requireUnitInterval("momentum", momentum);
      requirePositive("trustCoefficient", trustCoefficient);
      requireNonNegative("larsEpsilon", larsEpsilon);
      requireUnitInterval("beta1", beta1);
      requireUnitInterval("beta2", beta2);
      requirePositive("adamEpsilon", adamEpsilon);
      requireNonNegative("weightDecay", weightDecay);
      return new OptimizerConfig(this);
    }

    private static void requireUnitInterval(String name, double value) {
      if (!(value >= 0.0 && value < 1.0)) {
        throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
      }
    }

    private static void requirePositive(String name, double value) {
      if (!(value > 0.0 && Double.isFinite(value))) {
        throw new IllegalArgumentException(name + " must be finite and positive, got " + value);
      }
    }

    private static void requireNonNegative(String name, double value) {
      if (!(value >= 0.0 && Double.isFinite(value))) {
        throw new IllegalArgumentException(name + " must be finite and non-negative, got " + value);
      }
    }
  }
}
