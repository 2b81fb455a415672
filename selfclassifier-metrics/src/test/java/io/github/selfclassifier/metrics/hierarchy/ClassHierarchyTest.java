package io.github.selfclassifier.metrics.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClassHierarchy} on small hand-made hierarchies, with expected levels and mappings worked out by hand. */
class ClassHierarchyTest {

  /**
   * A DAG with a diamond, a dummy node, classes at depths 2, 3 and 4, a dead end, a second root and a class
   * outside the hierarchy:
   *
   * <pre>
   *   r ── A ── dummy1 ── C ── c0        X (other root) ── c2
   *   │    └─── D ── c2   │
   *   ├─ B ───────────────┘              c9: in no edge
   *   │  └─ c1
   *   └─ E (leads to no class)
   * </pre>
   *
   * Longest-path levels: r 0; A, B 1; dummy1, D, c1 2 (c1 is a class); C 3 (via dummy1, not 2 via B), c2 3; c0 4.
   * E leads to no class and X is not below r, so neither counts.
   */
  private static ClassHierarchy dag() {
    return ClassHierarchy.builder()
        .setRoot("r")
        .addEdge("r", "A")
        .addEdge("r", "B")
        .addEdge("r", "E")
        .addEdge("A", "dummy1")
        .addEdge("dummy1", "C")
        .addEdge("B", "C")
        .addEdge("C", "c0")
        .addEdge("B", "c1")
        .addEdge("A", "D")
        .addEdge("D", "c2")
        .addEdge("X", "c2")
        .addClass(0, "c0", "class zero")
        .addClass(1, "c1", "class one")
        .addClass(2, "c2", "class two")
        .addClass(9, "c9", "class nine")
        .optNodeName("A", "alpha")
        .optNodeName("dummy1", "dummy one")
        .build();
  }

  @Test
  void levelsAreLongestPathsAndCountOnlyNodesLeadingToClasses() {
    ClassHierarchy h = dag();
    assertThat(h.levelOf("C")).hasValue(3);
    assertThat(h.levelOf("c0")).hasValue(4);
    assertThat(h.levelOf("c1")).hasValue(2);
    assertThat(h.levelOf("E")).isEmpty();
    assertThat(h.levelOf("X")).isEmpty();
    assertThat(h.maxLevel()).isEqualTo(4);
    assertThat(h.levels())
        .containsExactly(
            new HierarchyLevel(0, 1, 3),
            new HierarchyLevel(1, 2, 3),
            new HierarchyLevel(2, 3, 3),
            new HierarchyLevel(3, 2, 2),
            new HierarchyLevel(4, 1, 1));
    assertThat(h.classesOutsideHierarchy()).containsExactly(9);
  }

  @Test
  void aClassBelowTwoNodesOfOneLevelTakesTheSmallestIdAndIsReported() {
    LevelSuperclasses l1 = dag().superclassesAt(1);
    assertThat(l1.superclassIds()).containsExactly("A", "B");
    assertThat(l1.superclassNames()).containsExactly("alpha", "B");
    // c0 is below A (via dummy1, C) and below B (via C): A wins.
    assertThat(l1.mapping().asMap()).containsOnly(entry(0, 0), entry(1, 1), entry(2, 0));
    assertThat(l1.ambiguousClasses()).containsExactly(entry(0, List.of("A", "B")));
    assertThat(l1.unmappedClasses()).containsExactly(9);
  }

  @Test
  void aClassAtTheLevelIsItsOwnSuperclassAndShallowerClassesAreUnmapped() {
    ClassHierarchy h = dag();
    LevelSuperclasses l2 = h.superclassesAt(2);
    // String order: upper case before lower case.
    assertThat(l2.superclassIds()).containsExactly("D", "c1", "dummy1");
    assertThat(l2.superclassNames()).containsExactly("D", "class one", "dummy one");
    assertThat(l2.mapping().asMap()).containsOnly(entry(0, 2), entry(1, 1), entry(2, 0));
    assertThat(l2.ambiguousClasses()).isEmpty();

    LevelSuperclasses l3 = h.superclassesAt(3);
    assertThat(l3.superclassIds()).containsExactly("C", "c2");
    assertThat(l3.mapping().asMap()).containsOnly(entry(0, 0), entry(2, 1));
    assertThat(l3.unmappedClasses()).containsExactly(1, 9);

    LevelSuperclasses l4 = h.superclassesAt(4);
    assertThat(l4.superclassIds()).containsExactly("c0");
    assertThat(l4.mapping().asMap()).containsOnly(entry(0, 0));
    assertThat(l4.unmappedClasses()).containsExactly(1, 2, 9);

    assertThat(h.superclassesAt(0).mapping().asMap()).containsOnly(entry(0, 0), entry(1, 0), entry(2, 0));
  }

  @Test
  void theSearchBelowASuperclassStopsAtDatasetClasses() {
    // r ── P ── k0 ── k1, with k0 and k1 both dataset classes. As BREEDS' leaves_reachable: from P (and from r)
    // the search stops at k0, so k1 is unmapped at levels 0 and 1; from k0 itself (level 2) both are reached.
    ClassHierarchy h =
        ClassHierarchy.builder()
            .setRoot("r")
            .addEdge("r", "P")
            .addEdge("P", "k0")
            .addEdge("k0", "k1")
            .addClass(0, "k0", "k zero")
            .addClass(1, "k1", "k one")
            .build();
    assertThat(h.superclassesAt(0).mapping().asMap()).containsOnly(entry(0, 0));
    assertThat(h.superclassesAt(1).mapping().asMap()).containsOnly(entry(0, 0));
    assertThat(h.superclassesAt(1).unmappedClasses()).containsExactly(1);
    assertThat(h.superclassesAt(2).mapping().asMap()).containsOnly(entry(0, 0), entry(1, 0));
    assertThat(h.superclassesAt(3).mapping().asMap()).containsOnly(entry(1, 0));
  }

  @Test
  void superclassAccuracyOnTheKeptSamplesUsesTheLevelMapping() {
    ClassHierarchy h = dag();
    int[] truth = {0, 0, 1, 2, 9, 2};
    // Class 9 is outside the hierarchy: the paper leaves its samples out.
    assertThat(h.superclassesAt(2).samplesWithSuperclass(truth)).containsExactly(0, 1, 2, 3, 5);
    // Kept samples: truth c0 c0 c1 c2 c2 in clusters 5 5 5 5 6. Unique best matching 5 -> c0 (2 hits),
    // 6 -> c2 (1 hit): fine ACC 3/5.
    int[] t = {0, 0, 1, 2, 2};
    int[] p = {5, 5, 5, 5, 6};
    // Level 1: c0 -> A, c1 -> B, c2 -> A. Cluster 5 stands for c0, i.e. A: its c2 sample now counts (4/5).
    // Level 2: c0 -> dummy1, c1 -> c1, c2 -> D: no merge, 3/5. Level 0: one superclass, 5/5.
    assertThat(superclassAcc(t, p, h.superclassesAt(1))).isEqualTo(4.0 / 5);
    assertThat(superclassAcc(t, p, h.superclassesAt(2))).isEqualTo(3.0 / 5);
    assertThat(superclassAcc(t, p, h.superclassesAt(0))).isEqualTo(1.0);
    assertThat(new ExactClusterMetrics().accuracy(t, p)).isEqualTo(3.0 / 5);
  }

  private static double superclassAcc(int[] truth, int[] predicted, LevelSuperclasses level) {
    MetricsOptions options = MetricsOptions.builder().optSuperclasses(level.mapping()).build();
    return new ExactClusterMetrics().scores(truth, predicted, options).superclassAcc().orElseThrow();
  }

  @Test
  void anUnknownLevelNamesTheValidRange() {
    ClassHierarchy h = dag();
    assertThatThrownBy(() -> h.superclassesAt(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no level 5")
        .hasMessageContaining("0..4");
    assertThatThrownBy(() -> h.superclassesAt(-1)).hasMessageContaining("no level -1");
  }

  @Test
  void aCycleIsNamed() {
    ClassHierarchy.Builder b =
        ClassHierarchy.builder()
            .setRoot("r")
            .addEdge("r", "a")
            .addEdge("a", "b")
            .addEdge("b", "c")
            .addEdge("c", "a")
            .addEdge("c", "k")
            .addClass(0, "k", "k");
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle")
        .hasMessageContaining("a -> b -> c -> a");
    assertThatThrownBy(() -> ClassHierarchy.builder().addEdge("a", "a"))
        .hasMessageContaining("cycle: a -> a");
  }

  @Test
  void aClassOutsideTheHierarchyIsRejectedWhenAllAreRequired() {
    ClassHierarchy.Builder b =
        ClassHierarchy.builder()
            .setRoot("r")
            .addEdge("r", "k")
            .addClass(0, "k", "k")
            .addClass(1, "n0123", "lost")
            .optRequireAllClasses(true);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 dataset classes are not below the root r")
        .hasMessageContaining("1 (n0123)");
  }

  @Test
  void invalidInputsAreNamed() {
    assertThatThrownBy(() -> ClassHierarchy.builder().addClass(0, "a", "x").addClass(0, "b", "y"))
        .hasMessageContaining("class index 0 given twice: a and b");
    assertThatThrownBy(() -> ClassHierarchy.builder().addClass(0, "a", "x").addClass(1, "a", "y"))
        .hasMessageContaining("class id a given twice");
    assertThatThrownBy(() -> ClassHierarchy.builder().addEdge("r", "k").addClass(0, "k", "k").build())
        .hasMessageContaining("root of the hierarchy is not set");
    assertThatThrownBy(
            () -> ClassHierarchy.builder().setRoot("z").addEdge("r", "k").addClass(0, "k", "k").build())
        .hasMessageContaining("root z does not appear");
    assertThatThrownBy(
            () -> ClassHierarchy.builder().setRoot("r").addEdge("r", "k").addClass(0, "q", "q").build())
        .hasMessageContaining("no dataset class is below the root r");
  }
}
