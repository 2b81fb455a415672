package io.github.selfclassifier.api.metrics;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable mapping from fine class labels to superclass labels, used for the superclass accuracy of the
 * Self-Classifier paper: clusters are matched to fine classes first, then both the assigned fine class and
 * the true fine class are mapped to their superclass and compared.
 */
public final class SuperclassMapping {
  private final ImmutableMap<Integer, Integer> fineToSuper;

  private SuperclassMapping(Map<Integer, Integer> fineToSuper) {
    this.fineToSuper = ImmutableMap.copyOf(fineToSuper);
  }

  /**
   * Creates a mapping.
   *
   * @param fineToSuper fine label to superclass label; copied
   * @return the mapping
   * @throws IllegalArgumentException if the map is empty
   */
  public static SuperclassMapping of(Map<Integer, Integer> fineToSuper) {
    Objects.requireNonNull(fineToSuper, "fineToSuper");
    if (fineToSuper.isEmpty()) {
      throw new IllegalArgumentException("superclass mapping is empty");
    }
    return new SuperclassMapping(fineToSuper);
  }

  /**
   * Returns the superclass of a fine label.
   *
   * @param fine a fine class label
   * @return its superclass label
   * @throws IllegalArgumentException if the fine label has no superclass in this mapping
   */
  public int superclassOf(int fine) {
    Integer s = fineToSuper.get(fine);
    if (s == null) {
      throw new IllegalArgumentException("fine label " + fine + " has no superclass in the mapping");
    }
    return s;
  }

  /**
   * Tells whether a fine label is mapped.
   *
   * @param fine a fine class label
   * @return true if the mapping names its superclass
   */
  public boolean contains(int fine) {
    return fineToSuper.containsKey(fine);
  }

  /**
   * Returns the mapping as an immutable map.
   *
   * @return fine label to superclass label
   */
  public Map<Integer, Integer> asMap() {
    return fineToSuper;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SuperclassMapping other && fineToSuper.equals(other.fineToSuper);
  }

  @Override
  public int hashCode() {
    return fineToSuper.hashCode();
  }

  @Override
  public String toString() {
    return "SuperclassMapping[" + fineToSuper.size() + " fine labels]";
  }
}
