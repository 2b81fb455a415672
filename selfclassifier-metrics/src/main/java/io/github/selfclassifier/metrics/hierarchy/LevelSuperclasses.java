package io.github.selfclassifier.metrics.hierarchy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The superclasses of one level of a {@link ClassHierarchy}: a {@link SuperclassMapping} from dataset class
 * indices to superclass labels {@code 0..count-1}, the id and name of every superclass, and the dataset classes
 * that have no superclass at this level. Made by {@link ClassHierarchy#superclassesAt(int)}; immutable.
 *
 * <p>Superclass labels follow the increasing order of the superclass node ids (string order), so they do not
 * depend on the order of the lines in the hierarchy file.
 */
public final class LevelSuperclasses {
  private final int level;
  private final SuperclassMapping mapping;
  private final ImmutableList<String> ids;
  private final ImmutableList<String> names;
  private final ImmutableSortedSet<Integer> unmapped;
  private final ImmutableSortedMap<Integer, List<String>> ambiguous;

  LevelSuperclasses(
      int level,
      SuperclassMapping mapping,
      List<String> ids,
      List<String> names,
      SortedSet<Integer> unmapped,
      SortedMap<Integer, List<String>> ambiguous) {
    this.level = level;
    this.mapping = mapping;
    this.ids = ImmutableList.copyOf(ids);
    this.names = ImmutableList.copyOf(names);
    this.unmapped = ImmutableSortedSet.copyOf(unmapped);
    ImmutableSortedMap.Builder<Integer, List<String>> b = ImmutableSortedMap.naturalOrder();
    ambiguous.forEach((k, v) -> b.put(k, ImmutableList.copyOf(v)));
    this.ambiguous = b.build();
  }

  /**
   * The level these superclasses are at.
   *
   * @return the level, 0 for the root
   */
  public int level() {
    return level;
  }

  /**
   * The mapping from dataset class index to superclass label, for superclass accuracy. Holds only the classes
   * that have a superclass at this level (see {@link #unmappedClasses()}).
   *
   * @return the mapping
   */
  public SuperclassMapping mapping() {
    return mapping;
  }

  /**
   * How many superclasses this level has (labels {@code 0..count-1}); equals {@link HierarchyLevel#superclasses()}.
   *
   * @return the number of superclasses
   */
  public int count() {
    return ids.size();
  }

  /**
   * The node id (WordNet id, or a dummy node's id) of every superclass, indexed by superclass label.
   *
   * @return the ids, in increasing string order
   */
  public List<String> superclassIds() {
    return ids;
  }

  /**
   * The name of every superclass, indexed by superclass label: from {@code node_names.txt}, or the node id when
   * the node has no name there.
   *
   * @return the names
   */
  public List<String> superclassNames() {
    return names;
  }

  /**
   * The name of one superclass.
   *
   * @param superclass a superclass label
   * @return its name
   * @throws IndexOutOfBoundsException if the label is not in {@code 0..count-1}
   */
  public String superclassName(int superclass) {
    return names.get(Objects.checkIndex(superclass, names.size()));
  }

  /**
   * The dataset classes without a superclass at this level: classes outside the hierarchy, and classes whose
   * level is smaller than this level (no node of this level lies above them). The paper's evaluation leaves
   * their samples out (see {@link #samplesWithSuperclass(int[])}).
   *
   * @return the class indices, increasing
   */
  public SortedSet<Integer> unmappedClasses() {
    return unmapped;
  }

  /**
   * The dataset classes that lie below more than one node of this level (possible only when the hierarchy is
   * not a tree), with all those nodes' ids in increasing order. The mapping gives such a class the first of
   * them (the smallest id).
   *
   * @return class index to the candidate superclass ids; empty for a tree
   */
  public SortedMap<Integer, List<String>> ambiguousClasses() {
    return ambiguous;
  }

  /**
   * The positions of the samples whose true class has a superclass at this level, as the paper's evaluation
   * keeps them: scores at a superclass level are computed on these samples only.
   *
   * @param truth the true dataset class index of every sample
   * @return the positions {@code i} with {@code mapping().contains(truth[i])}, increasing
   */
  public int[] samplesWithSuperclass(int[] truth) {
    Objects.requireNonNull(truth, "truth");
    int[] kept = new int[truth.length];
    int k = 0;
    for (int i = 0; i < truth.length; i++) {
      if (mapping.contains(truth[i])) {
        kept[k++] = i;
      }
    }
    return Arrays.copyOf(kept, k);
  }

  @Override
  public String toString() {
    return "LevelSuperclasses[level "
        + level
        + ", "
        + ids.size()
        + " superclasses, "
        + mapping.asMap().size()
        + " classes mapped]";
  }
}
