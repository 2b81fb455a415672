package io.github.selfclassifier.api.loss;

/**
 * Immutable settings of the Self-Classifier loss: the temperature of the row (class-axis) softmax that makes
 * the predictions, the temperature of the column (batch-axis) softmax that makes the targets, and the
 * {@code eps} that bounds the L1 normalisations and the logarithm. The defaults are the paper's: row
 * temperature 0.1, column temperature 0.05, eps 1e-12.
 *
 * <p>Build with {@link #builder()}; {@link #defaults()} returns the paper's settings.
 */
public final class LossConfig {
  /** The paper's temperature of the class-axis softmax (predictions). */
  public static final double DEFAULT_ROW_TEMPERATURE = 0.1;
  /** The paper's temperature of the batch-axis softmax (targets). */
  public static final double DEFAULT_COLUMN_TEMPERATURE = 0.05;
  /** The paper's lower bound of the L1 norms and the additive constant inside the logarithm. */
  public static final double DEFAULT_EPS = 1e-12;

  private static final LossConfig DEFAULTS = builder().build();

  private final double rowTemperature;
  private final double columnTemperature;
  private final double eps;

  private LossConfig(Builder b) {
    this.rowTemperature = b.rowTemperature;
    this.columnTemperature = b.columnTemperature;
    this.eps = b.eps;
  }

  /**
   * The paper's settings: row temperature 0.1, column temperature 0.05, eps 1e-12.
   *
   * @return the default configuration
   */
  public static LossConfig defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this configuration's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .optRowTemperature(rowTemperature)
        .optColumnTemperature(columnTemperature)
        .optEps(eps);
  }

  /**
   * Temperature {@code tau_row} of the softmax over the class axis (the predictions).
   *
   * @return a positive, finite temperature
   */
  public double rowTemperature() {
    return rowTemperature;
  }

  /**
   * Temperature {@code tau_col} of the softmax over the batch axis (the targets).
   *
   * @return a positive, finite temperature
   */
  public double columnTemperature() {
    return columnTemperature;
  }

  /**
   * Lower bound of the L1 norms the softmaxes are divided by, and the constant added inside the logarithm.
   *
   * @return a positive, finite eps
   */
  public double eps() {
    return eps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LossConfig other
        && Double.compare(rowTemperature, other.rowTemperature) == 0
        && Double.compare(columnTemperature, other.columnTemperature) == 0
        && Double.compare(eps, other.eps) == 0;
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(rowTemperature);
    h = 31 * h + Double.hashCode(columnTemperature);
    return 31 * h + Double.hashCode(eps);
  }

  @Override
  public String toString() {
    return "LossConfig[rowTemperature=" + rowTemperature + ", columnTemperature=" + columnTemperature
        + ", eps=" + eps + "]";
  }

  /** Builder of {@link LossConfig}; {@link #build()} validates every setting. */
  public static final class Builder {
    private double rowTemperature = DEFAULT_ROW_TEMPERATURE;
    private double columnTemperature = DEFAULT_COLUMN_TEMPERATURE;
    private double eps = DEFAULT_EPS;

    private Builder() {}

    /**
     * Sets the temperature of the class-axis softmax (default 0.1).
     *
     * @param rowTemperature a positive, finite temperature
     * @return this builder
     */
    public Builder optRowTemperature(double rowTemperature) {
      this.rowTemperature = rowTemperature;
      return this;
    }

    /**
     * Sets the temperature of the batch-axis softmax (default 0.05).
     *
     * @param columnTemperature a positive, finite temperature
     * @return this builder
     */
    public Builder optColumnTemperature(double columnTemperature) {
      this.columnTemperature = columnTemperature;
      return this;
    }

    /**
     * Sets the lower bound of the L1 norms and the constant inside the logarithm (default 1e-12).
     *
     * @param eps a positive, finite value
     * @return this builder
     */
    public Builder optEps(double eps) {
      this.eps = eps;
      return this;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @return the immutable configuration
     * @throws IllegalArgumentException if a temperature or eps is not positive and finite
     */
    public LossConfig build() {
      requirePositiveFinite("rowTemperature", rowTemperature);
      requirePositiveFinite("columnTemperature", columnTemperature);
      requirePositiveFinite("eps", eps);
      return new LossConfig(this);
    }

    private static void requirePositiveFinite(String name, double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
      }
    }
  }
}
