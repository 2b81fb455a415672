package io.github.selfclassifier.api.augment;

/**
 * A closed interval {@code [min, max]} of finite doubles, such as the range a crop scale, an aspect ratio or
 * a blur sigma is drawn from. {@code min == max} is allowed and means the value is fixed.
 *
 * @param min the lower end, finite
 * @param max the upper end, finite and at least {@code min}
 */
public record DoubleRange(double min, double max) {

  /**
   * Requires both ends finite and {@code min <= max}.
   *
   * @param min the lower end
   * @param max the upper end
   */
  public DoubleRange {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("need finite min <= max, got [" + min + ", " + max + "]");
    }
  }

  /**
   * The range {@code [min, max]}.
   *
   * @param min the lower end
   * @param max the upper end
   * @return the range
   */
  public static DoubleRange of(double min, double max) {
    return new DoubleRange(min, max);
  }

  /**
   * Whether {@code value} lies in the closed interval.
   *
   * @param value the value
   * @return {@code min <= value <= max}
   */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  @Override
  public String toString() {
    return "[" + min + ", " + max + "]";
  }
}
