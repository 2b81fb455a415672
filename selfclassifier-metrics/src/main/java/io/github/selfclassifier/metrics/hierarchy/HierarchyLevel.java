package io.github.selfclassifier.metrics.hierarchy;

/**
 * One level of a {@link ClassHierarchy}: how many superclasses it has and how many dataset classes fall under
 * one of them.
 *
 * @param level the level, 0 for the root
 * @param superclasses the number of nodes at this level (the paper's "number of superclasses"); each leads to
 *     at least one dataset class
 * @param mappedClasses the number of dataset classes that have a superclass at this level; the others (classes
 *     whose longest-path level is smaller, or that are outside the hierarchy) are left out of a superclass
 *     evaluation at this level
 */
public record HierarchyLevel(int level, int superclasses, int mappedClasses) {

  /** Checks the counts. */
  public HierarchyLevel {
    if (level < 0 || superclasses < 1 || mappedClasses < 1) {
      throw new IllegalArgumentException(
          "invalid level " + level + ": " + superclasses + " superclasses, " + mappedClasses + " classes");
    }
  }
}
