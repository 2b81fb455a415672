package io.github.selfclassifier.metrics.hierarchy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A class hierarchy (a directed acyclic graph of "parent child" edges, such as the ImageNet/WordNet hierarchy
 * of the Self-Classifier paper's superclass tables) over the classes of a dataset, cut into levels that each
 * give a fine class to superclass mapping. Read the ImageNet files with {@link ImageNetHierarchyFiles}; build
 * other hierarchies with {@link #builder()}. Immutable and thread-safe.
 *
 * <p>The definition is the one of the paper's evaluation script ({@code cls_eval.py} of
 * github.com/elad-amrani/self-classifier, which uses the {@code ClassHierarchy} of the BREEDS benchmark's
 * {@code robustness} library):
 *
 * <ul>
 *   <li>Only the root and the nodes below it that lead to at least one dataset class count; nodes that lead to
 *       no dataset class, and nodes not reachable from the root, are ignored.
 *   <li>The <b>level</b> of a node is the number of edges of the <b>longest</b> path from the root to it (the
 *       root has level 0). Dummy nodes (e.g. the {@code dummyNN} nodes of the ImageNet files) are ordinary
 *       nodes: they count as superclasses and lengthen paths.
 *   <li>The <b>superclasses of level L</b> are all the counted nodes of level L, dataset classes of level L
 *       included (such a class is its own superclass). Their number is the paper's "number of superclasses".
 *   <li>A dataset class belongs to a superclass {@code s} of level L if it is {@code s}, or is reached from
 *       {@code s} by a path whose inner nodes are not dataset classes (the search below {@code s} stops at
 *       dataset classes, as BREEDS' {@code leaves_reachable}).
 *   <li>A class with no superclass at level L, because its own level is smaller than L (no node of level L can
 *       lie above a node of smaller or equal longest-path level) or because it is outside the hierarchy, is
 *       <b>unmapped</b> at that level; the paper leaves its samples out of that level's evaluation. On the
 *       ImageNet files, 110 of the 1000 classes are absent from the hierarchy and are unmapped at every level.
 *   <li>A class below two superclasses of the same level (only possible when a node has two parents) is given
 *       the superclass with the smallest id, and is listed by {@link LevelSuperclasses#ambiguousClasses()}. The
 *       paper's script has no rule here: the last of its superclasses in Python's set iteration order wins,
 *       which changes from run to run. The ImageNet files are a tree (every node has one parent), so the case
 *       does not arise there.
 * </ul>
 *
 * Superclass labels at a level are {@code 0..count-1} in increasing order of the superclass ids.
 */
public final class ClassHierarchy {
  private final String root;
  private final ImmutableMap<Integer, String> classIds;
  private final ImmutableMap<Integer, String> classNames;
  private final ImmutableMap<String, Integer> levelOfNode;
  private final ImmutableSortedSet<Integer> outside;
  private final ImmutableList<LevelSuperclasses> levels;

  private ClassHierarchy(Builder b) {
    this.root = b.root;
    this.classIds = ImmutableMap.copyOf(b.classIds);
    this.classNames = ImmutableMap.copyOf(b.classNames);

    Map<String, List<String>> children = new HashMap<>();
    Map<String, List<String>> parents = new HashMap<>();
    b.children.forEach(
        (p, cs) -> {
          for (String c : cs) {
            children.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
            parents.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
          }
        });
    Set<String> nodes = new HashSet<>(children.keySet());
    nodes.addAll(parents.keySet());
    if (!nodes.contains(root)) {
      throw new IllegalArgumentException("the root " + root + " does not appear in any edge of the hierarchy");
    }
    List<String> topological = topologicalOrder(nodes, children, parents);

    Set<String> belowRoot = reachable(root, children);
    Set<String> classSet = new HashSet<>(classIds.values());
    TreeSet<Integer> outsideClasses = new TreeSet<>();
    Set<String> counted = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    classIds.forEach(
        (index, id) -> {
          if (belowRoot.contains(id)) {
            todo.add(id);
          } else {
            outsideClasses.add(index);
          }
        });
    if (b.requireAllClasses && !outsideClasses.isEmpty()) {
      List<String> missing =
          outsideClasses.stream().limit(10).map(i -> i + " (" + classIds.get(i) + ")").toList();
      throw new IllegalArgumentException(
          outsideClasses.size()
              + " dataset classes are not below the root "
              + root
              + " of the hierarchy, e.g. "
              + String.join(", ", missing));
    }
    if (todo.isEmpty()) {
      throw new IllegalArgumentException("no dataset class is below the root " + root + " of the hierarchy");
    }
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (counted.add(n)) {
        for (String p : parents.getOrDefault(n, List.of())) {
          if (belowRoot.contains(p)) {
            todo.push(p);
          }
        }
      }
    }

    // Longest path from the root, in topological order: every counted parent of a node comes before it.
    Map<String, Integer> level = new HashMap<>();
    level.put(root, 0);
    for (String n : topological) {
      Integer ln = level.get(n);
      if (ln == null || !counted.contains(n)) {
        continue;
      }
      for (String c : children.getOrDefault(n, List.of())) {
        if (counted.contains(c)) {
          level.merge(c, ln + 1, Math::max);
        }
      }
    }
    this.levelOfNode = ImmutableMap.copyOf(level);
    this.outside = ImmutableSortedSet.copyOf(outsideClasses);

    int maxLevel = Collections.max(level.values());
    List<List<String>> nodesAt = new ArrayList<>();
    for (int l = 0; l <= maxLevel; l++) {
      nodesAt.add(new ArrayList<>());
    }
    level.forEach((n, l) -> nodesAt.get(l).add(n));
    Map<String, Integer> indexOfClass = new HashMap<>();
    classIds.forEach((index, id) -> indexOfClass.put(id, index));
    ImmutableList.Builder<LevelSuperclasses> levelsBuilder = ImmutableList.builder();
    for (int l = 0; l <= maxLevel; l++) {
      List<String> at = nodesAt.get(l);
      Collections.sort(at);
      levelsBuilder.add(
          levelSuperclasses(l, at, children, classSet, indexOfClass, b.nodeNames, outsideClasses));
    }
    this.levels = levelsBuilder.build();
  }

  private LevelSuperclasses levelSuperclasses(
      int level,
      List<String> superclassIds,
      Map<String, List<String>> children,
      Set<String> classSet,
      Map<String, Integer> indexOfClass,
      Map<String, String> nodeNames,
      Set<Integer> outsideClasses) {
    Map<Integer, List<String>> candidates = new TreeMap<>();
    for (String s : superclassIds) {
      Set<String> members = new LinkedHashSet<>();
      if (classSet.contains(s)) {
        members.add(s);
      }
      Set<String> visited = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(children.getOrDefault(s, List.of()));
      while (!todo.isEmpty()) {
        String n = todo.pop();
        if (!visited.add(n)) {
          continue;
        }
        if (classSet.contains(n)) {
          members.add(n); // the search stops at dataset classes
        } else {
          todo.addAll(children.getOrDefault(n, List.of()));
        }
      }
      for (String m : members) {
        candidates.computeIfAbsent(indexOfClass.get(m), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, Integer> label = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < superclassIds.size(); i++) {
      String id = superclassIds.get(i);
      label.put(id, i);
      String name = nodeNames.get(id);
      if (name == null && indexOfClass.containsKey(id)) {
        name = classNames.get(indexOfClass.get(id));
      }
      names.add(name == null ? id : name);
    }
    Map<Integer, Integer> fineToSuper = new HashMap<>();
    TreeMap<Integer, List<String>> ambiguous = new TreeMap<>();
    candidates.forEach(
        (fine, supers) -> {
          fineToSuper.put(fine, label.get(supers.get(0))); // supers are in increasing id order
          if (supers.size() > 1) {
            ambiguous.put(fine, supers);
          }
        });
    TreeSet<Integer> unmapped = new TreeSet<>(outsideClasses);
    for (Integer index : classIds.keySet()) {
      if (!fineToSuper.containsKey(index)) {
        unmapped.add(index);
      }
    }
    return new LevelSuperclasses(
        level, SuperclassMapping.of(fineToSuper), superclassIds, names, unmapped, ambiguous);
  }

  private static List<String> topologicalOrder(
      Set<String> nodes, Map<String, List<String>> children, Map<String, List<String>> parents) {
    Map<String, Integer> inDegree = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    for (String n : nodes) {
      int d = parents.getOrDefault(n, List.of()).size();
      inDegree.put(n, d);
      if (d == 0) {
        ready.add(n);
      }
    }
    List<String> order = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      String n = ready.poll();
      order.add(n);
      for (String c : children.getOrDefault(n, List.of())) {
        if (inDegree.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    if (order.size() < nodes.size()) {
      Set<String> left = new HashSet<>(nodes);
      left.removeAll(order);
      throw new IllegalArgumentException("the hierarchy has a cycle: " + findCycle(left, parents));
    }
    return order;
  }

  /**
   * A cycle among the nodes that Kahn's algorithm could not order, as "a -> b -> a". Each of them still has a
   * parent among them (that is why it was not ordered), so walking up from any of them repeats a node.
   */
  private static String findCycle(Set<String> left, Map<String, List<String>> parents) {
    List<String> path = new ArrayList<>();
    Map<String, Integer> position = new HashMap<>();
    String n = left.stream().sorted().findFirst().orElseThrow();
    while (!position.containsKey(n)) {
      position.put(n, path.size());
      path.add(n);
      n = parents.get(n).stream().filter(left::contains).sorted().findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(position.get(n), path.size()));
    cycle.add(n);
    Collections.reverse(cycle); // parent -> child
    return String.join(" -> ", cycle);
  }

  private static Set<String> reachable(String start, Map<String, List<String>> children) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(children.getOrDefault(n, List.of()));
      }
    }
    return seen;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The root node.
   *
   * @return its id
   */
  public String root() {
    return root;
  }

  /**
   * The deepest level.
   *
   * @return the largest level of a counted node
   */
  public int maxLevel() {
    return levels.size() - 1;
  }

  /**
   * Every level from 0 (the root) to {@link #maxLevel()}, with its number of superclasses and of mapped
   * dataset classes.
   *
   * @return the levels, in increasing order
   */
  public List<HierarchyLevel> levels() {
    return levels.stream()
        .map(s -> new HierarchyLevel(s.level(), s.count(), s.mapping().asMap().size()))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The superclasses of one level and the mapping of the dataset classes to them.
   *
   * @param level a level in {@code 0..maxLevel()}
   * @return the superclasses
   * @throws IllegalArgumentException if the hierarchy has no such level
   */
  public LevelSuperclasses superclassesAt(int level) {
    if (level < 0 || level >= levels.size()) {
      throw new IllegalArgumentException(
          "the hierarchy has no level " + level + ": its levels are 0.." + maxLevel());
    }
    return levels.get(level);
  }

  /**
   * The level of a node: the length of the longest path from the root to it.
   *
   * @param id a node id
   * @return its level, or empty if the node is not counted (unknown, not below the root, or leading to no
   *     dataset class)
   */
  public OptionalInt levelOf(String id) {
    Integer l = levelOfNode.get(id);
    return l == null ? OptionalInt.empty() : OptionalInt.of(l);
  }

  /**
   * The dataset classes, by index.
   *
   * @return class index to node id
   */
  public Map<Integer, String> classIds() {
    return classIds;
  }

  /**
   * The dataset classes that are not below the root (absent from the edges, or only below other roots); they
   * are unmapped at every level.
   *
   * @return their indices, increasing
   */
  public SortedSet<Integer> classesOutsideHierarchy() {
    return outside;
  }

  @Override
  public String toString() {
    return "ClassHierarchy[root "
        + root
        + ", "
        + classIds.size()
        + " classes ("
        + outside.size()
        + " outside), levels 0.."
        + maxLevel()
        + "]";
  }

  /**
   * Builder of {@link ClassHierarchy}. The root, at least one edge below it and at least one dataset class are
   * required.
   */
  public static final class Builder {
    private String root;
    private final Map<String, Set<String>> children = new LinkedHashMap<>();
    private final Map<Integer, String> classIds = new TreeMap<>();
    private final Map<Integer, String> classNames = new TreeMap<>();
    private final Map<String, Integer> classIndexOfId = new HashMap<>();
    private final Map<String, String> nodeNames = new HashMap<>();
    private boolean requireAllClasses;

    private Builder() {}

    /**
     * Sets the root node, level 0 (ImageNet: {@value ImageNetHierarchyFiles#IMAGENET_ROOT}, "entity").
     *
     * @param root the root's id
     * @return this builder
     */
    public Builder setRoot(String root) {
      this.root = requireId(root, "root");
      return this;
    }

    /**
     * Adds an edge; repeated edges count once.
     *
     * @param parent the parent's id
     * @param child the child's id
     * @return this builder
     * @throws IllegalArgumentException if an id is blank, or parent and child are the same node
     */
    public Builder addEdge(String parent, String child) {
      requireId(parent, "parent");
      requireId(child, "child");
      if (parent.equals(child)) {
        throw new IllegalArgumentException("the hierarchy has a cycle: " + parent + " -> " + child);
      }
      children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(child);
      return this;
    }

    /**
     * Adds a dataset class: the label a dataset uses for it and its node in the hierarchy.
     *
     * @param index the class index (the label), at least 0
     * @param id its node id (ImageNet: the WordNet id)
     * @param name a readable name
     * @return this builder
     * @throws IllegalArgumentException if the index is negative, or the index or the id was already added
     */
    public Builder addClass(int index, String id, String name) {
      requireId(id, "class id");
      Objects.requireNonNull(name, "name");
      if (index < 0) {
        throw new IllegalArgumentException("class index must be at least 0: " + index + " (" + id + ")");
      }
      if (classIds.containsKey(index)) {
        throw new IllegalArgumentException(
            "class index " + index + " given twice: " + classIds.get(index) + " and " + id);
      }
      Integer other = classIndexOfId.putIfAbsent(id, index);
      if (other != null) {
        throw new IllegalArgumentException(
            "class id " + id + " given twice: for index " + other + " and " + index);
      }
      classIds.put(index, id);
      classNames.put(index, name);
      return this;
    }

    /**
     * Names a node (optional; an unnamed superclass is named by its id).
     *
     * @param id the node's id
     * @param name its name
     * @return this builder
     */
    public Builder optNodeName(String id, String name) {
      nodeNames.put(requireId(id, "node id"), Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Whether every dataset class must be below the root (default false: such classes are unmapped at every
     * level, as in the paper, where 110 ImageNet classes are absent from the hierarchy).
     *
     * @param requireAllClasses true to reject a hierarchy that misses a dataset class
     * @return this builder
     */
    public Builder optRequireAllClasses(boolean requireAllClasses) {
      this.requireAllClasses = requireAllClasses;
      return this;
    }

    /**
     * Builds the hierarchy and computes its levels.
     *
     * @return the hierarchy
     * @throws IllegalArgumentException if the root is not set or not in any edge, there is no dataset class (or
     *     none below the root), the edges form a cycle (named in the message), or a class is outside the
     *     hierarchy while {@link #optRequireAllClasses(boolean)} is set
     */
    public ClassHierarchy build() {
      if (root == null) {
        throw new IllegalArgumentException("the root of the hierarchy is not set");
      }
      if (classIds.isEmpty()) {
        throw new IllegalArgumentException("the hierarchy has no dataset classes");
      }
      return new ClassHierarchy(this);
    }

    private static String requireId(String id, String what) {
      Objects.requireNonNull(id, what);
      if (id.isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return id;
    }
  }
}
