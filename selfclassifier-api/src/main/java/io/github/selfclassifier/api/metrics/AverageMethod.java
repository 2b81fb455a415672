package io.github.selfclassifier.api.metrics;

/**
 * How the two entropies are averaged into the normaliser of NMI and AMI, as scikit-learn's
 * {@code average_method}. For entropies {@code u} and {@code v}:
 * {@code MIN = min(u, v)}, {@code GEOMETRIC = sqrt(u * v)}, {@code ARITHMETIC = (u + v) / 2},
 * {@code MAX = max(u, v)}. The default everywhere is {@link #ARITHMETIC}, as in scikit-learn 0.22 and later.
 */
public enum AverageMethod {
  /** {@code min(u, v)}. */
  MIN,
  /** {@code sqrt(u * v)}. */
  GEOMETRIC,
  /** {@code (u + v) / 2}: the default. */
  ARITHMETIC,
  /** {@code max(u, v)}. */
  MAX;

  /**
   * Averages two entropies.
   *
   * @param u the entropy of the true labels, in nats
   * @param v the entropy of the predicted labels, in nats
   * @return the generalised mean of {@code u} and {@code v} that this method names
   */
  public double average(double u, double v) {
    return switch (this) {
      case MIN -> Math.min(u, v);
      case GEOMETRIC -> Math.sqrt(u * v);
      case ARITHMETIC -> (u + v) / 2.0;
      case MAX -> Math.max(u, v);
    };
  }

  /**
   * Parses a name case-insensitively ({@code "arithmetic"}, {@code "GEOMETRIC"}, ...).
   *
   * @param name the method's name
   * @return the method
   * @throws IllegalArgumentException if the name is none of the four, naming the valid ones
   */
  public static AverageMethod parse(String name) {
    for (AverageMethod m : values()) {
      if (m.name().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown average method '" + name + "': expected arithmetic, geometric, min or max");
  }
}
