package io.github.selfclassifier.api.optim;

/**
 * Linear warm-up followed by cosine decay, per step, exactly as the reference code's {@code
 * cosine_scheduler_with_warmup} (taken from DINO) builds its numpy array:
 *
 * <pre>
 *   warm-up, step s in [0, W):   np.linspace(start, base, W)[s]  =  s * ((base - start) / (W - 1)) + start,
 *                                with the last warm-up step (W - 1) exactly base (and W = 1 giving start)
 *   decay,   step s in [W, N):   t = s - W, T = N - W:  final + 0.5 (base - final) (1 + cos(pi t / T))
 * </pre>
 *
 * So step 0 is {@code start} exactly and the decay starts at {@code base} (t = 0) and stops one step short of
 * {@code final}. Steps at or after {@code N} return the value of step {@code N - 1} (the reference would
 * index past its array). Unlike DJL's {@code WarmUpTracker}, step 0 is not already one increment into the
 * warm-up.
 *
 * <p>Defaults are the paper's: start 0.3, base 4.8, final 0.0048 (for a batch of 4096; the reference's
 * 100-epoch script uses these, its 800-epoch script 0.2 / 3.2 / 0.0032), 10 warm-up epochs out of 800. The
 * step counts depend on the data, so {@link Builder#setTotalSteps(long)} (or {@link Builder#setEpochs(int,
 * int, long)}) is required. A constant learning rate after warm-up is {@code final = base}.
 */
public final class WarmupCosineSchedule implements LearningRateSchedule {
  private final double startValue;
  private final double baseValue;
  private final double finalValue;
  private final long warmupSteps;
  private final long totalSteps;

  private WarmupCosineSchedule(Builder b) {
    this.startValue = b.startValue;
    this.baseValue = b.baseValue;
    this.finalValue = b.finalValue;
    this.warmupSteps = b.warmupSteps;
    this.totalSteps = b.totalSteps;
  }

  /**
   * Starts a builder with the paper's values; the step counts must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double at(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be non-negative, got " + step);
    }
    long s = Math.min(step, totalSteps - 1);
    if (s < warmupSteps) {
      if (warmupSteps > 1 && s == warmupSteps - 1) {
        return baseValue;
      }
      if (warmupSteps == 1) {
        return startValue;
      }
      double increment = (baseValue - startValue) / (warmupSteps - 1);
      return s * increment + startValue;
    }
    long t = s - warmupSteps;
    long decaySteps = totalSteps - warmupSteps;
    return finalValue + 0.5 * (baseValue - finalValue) * (1 + StrictMath.cos(Math.PI * t / decaySteps));
  }

  /**
   * The learning rate at step 0 of the warm-up.
   *
   * @return the start value
   */
  public double startValue() {
    return startValue;
  }

  /**
   * The learning rate at the end of the warm-up and the start of the decay.
   *
   * @return the base value
   */
  public double baseValue() {
    return baseValue;
  }

  /**
   * The value the cosine decays towards.
   *
   * @return the final value
   */
  public double finalValue() {
    return finalValue;
  }

  /**
   * The number of warm-up steps {@code W}.
   *
   * @return the warm-up steps
   */
  public long warmupSteps() {
    return warmupSteps;
  }

  /**
   * The number of steps {@code N} of the whole schedule.
   *
   * @return the total steps
   */
  public long totalSteps() {
    return totalSteps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarmupCosineSchedule w
        && Double.compare(startValue, w.startValue) == 0
        && Double.compare(baseValue, w.baseValue) == 0
        && Double.compare(finalValue, w.finalValue) == 0
        && warmupSteps == w.warmupSteps
        && totalSteps == w.totalSteps;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(startValue, baseValue, finalValue, warmupSteps, totalSteps);
  }

  @Override
  public String toString() {
    return "WarmupCosineSchedule[start=" + startValue + ", base=" + baseValue + ", final=" + finalValue
        + ", warmupSteps=" + warmupSteps + ", totalSteps=" + totalSteps + "]";
  }

  /** Builder of {@link WarmupCosineSchedule}; validates in {@link #build()}. */
  public static final class Builder {
    private double startValue = 0.3;
    private double baseValue = 4.8;
    private double finalValue = 0.0048;
    private long warmupSteps;
    private long totalSteps = -1;

    private Builder() {}

    /**
     * Sets the total number of steps {@code N} (required unless {@link #setEpochs} is used).
     *
     * @param totalSteps at least 1
     * @return this builder
     */
    public Builder setTotalSteps(long totalSteps) {
      this.totalSteps = totalSteps;
      return this;
    }

    /**
     * Sets both step counts from epochs, as the reference does: {@code N = epochs * stepsPerEpoch}, {@code
     * W = warmupEpochs * stepsPerEpoch} (paper: 800 epochs, 10 warm-up epochs).
     *
     * @param epochs the number of epochs, at least 1
     * @param warmupEpochs the warm-up epochs, in [0, epochs]
     * @param stepsPerEpoch the optimisation steps per epoch, at least 1
     * @return this builder
     */
    public Builder setEpochs(int epochs, int warmupEpochs, long stepsPerEpoch) {
      if (epochs < 1 || warmupEpochs < 0 || stepsPerEpoch < 1) {
        throw new IllegalArgumentException(
            "need epochs >= 1, warmupEpochs >= 0, stepsPerEpoch >= 1, got " + epochs + ", " + warmupEpochs
                + ", " + stepsPerEpoch);
      }
      this.totalSteps = Math.multiplyExact(epochs, stepsPerEpoch);
      this.warmupSteps = Math.multiplyExact(warmupEpochs, stepsPerEpoch);
      return this;
    }

    /**
     * Sets the number of warm-up steps {@code W} (default 0: no warm-up).
     *
     * @param warmupSteps in [0, totalSteps]
     * @return this builder
     */
    public Builder optWarmupSteps(long warmupSteps) {
      this.warmupSteps = warmupSteps;
      return this;
    }

    /**
     * Sets the learning rate of step 0 of the warm-up (default 0.3).
     *
     * @param startValue finite, non-negative
     * @return this builder
     */
    public Builder optStartValue(double startValue) {
      this.startValue = startValue;
      return this;
    }

    /**
     * Sets the learning rate reached at the end of the warm-up (default 4.8).
     *
     * @param baseValue finite, non-negative
     * @return this builder
     */
    public Builder optBaseValue(double baseValue) {
      this.baseValue = baseValue;
      return this;
    }

    /**
     * Sets the value the cosine decays towards (default 0.0048).
     *
     * @param finalValue finite, non-negative
     * @return this builder
     */
    public Builder optFinalValue(double finalValue) {
      this.finalValue = finalValue;
      return this;
    }

    /**
     * Validates and builds the schedule.
     *
     * @return the immutable schedule
     * @throws IllegalArgumentException if the total steps are unset or a value is out of range
     */
    public WarmupCosineSchedule build() {
      if (totalSteps < 1) {
        throw new IllegalArgumentException("totalSteps must be set and at least 1, got " + totalSteps);
      }
      if (warmupSteps < 0 || warmupSteps > totalSteps) {
        throw new IllegalArgumentException(
            "warmupSteps must be in [0, totalSteps=" + totalSteps + "], got " + warmupSteps);
      }
      requireRate("startValue", startValue);
      requireRate("baseValue", baseValue);
      requireRate("finalValue", finalValue);
      return new WarmupCosineSchedule(this);
    }

    private static void requireRate(String name, double value) {
      if (!(value >= 0.0 && Double.isFinite(value))) {
        throw new IllegalArgumentException(name + " must be finite and non-negative, got " + value);
      }
    }
  }
}
