package io.github.selfclassifier.api.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * Immutable options of a clustering evaluation: the averaging of NMI/AMI and an optional superclass mapping.
 * Build with {@link #builder()}; {@link #defaults()} is the arithmetic mean and no superclasses.
 */
public final class MetricsOptions {
  private static final MetricsOptions DEFAULTS = builder().build();

  private final AverageMethod averageMethod;
  private final SuperclassMapping superclasses;

  private MetricsOptions(Builder b) {
    this.averageMethod = b.averageMethod;
    this.superclasses = b.superclasses;
  }

  /**
   * The default options: {@link AverageMethod#ARITHMETIC}, no superclass mapping.
   *
   * @return the defaults
   */
  public static MetricsOptions defaults() {
    return DEFAULTS;
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
   * The averaging of the two entropies for NMI and AMI.
   *
   * @return the average method
   */
  public AverageMethod averageMethod() {
    return averageMethod;
  }

  /**
   * The fine to superclass mapping, if superclass accuracy is wanted.
   *
   * @return the mapping, or empty
   */
  public Optional<SuperclassMapping> superclasses() {
    return Optional.ofNullable(superclasses);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsOptions other
        && averageMethod == other.averageMethod
        && Objects.equals(superclasses, other.superclasses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(averageMethod, superclasses);
  }

  @Override
  public String toString() {
    return "MetricsOptions[averageMethod=" + averageMethod + ", superclasses=" + superclasses + "]";
  }

  /** Builder of {@link MetricsOptions}. */
  public static final class Builder {
    private AverageMethod averageMethod = AverageMethod.ARITHMETIC;
    private SuperclassMapping superclasses;

    private Builder() {}

    /**
     * Sets the averaging of NMI and AMI (default arithmetic).
     *
     * @param averageMethod the method
     * @return this builder
     */
    public Builder optAverageMethod(AverageMethod averageMethod) {
      this.averageMethod = Objects.requireNonNull(averageMethod, "averageMethod");
      return this;
    }

    /**
     * Asks for superclass accuracy with this fine to superclass mapping (default none).
     *
     * @param superclasses the mapping, or null for none
     * @return this builder
     */
    public Builder optSuperclasses(SuperclassMapping superclasses) {
      this.superclasses = superclasses;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public MetricsOptions build() {
      return new MetricsOptions(this);
    }
  }
}
