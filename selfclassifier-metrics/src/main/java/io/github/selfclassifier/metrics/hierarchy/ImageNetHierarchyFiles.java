package io.github.selfclassifier.metrics.hierarchy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads the ImageNet hierarchy files used by the Self-Classifier paper's superclass evaluation (the "modified"
 * ImageNet hierarchy of the BREEDS benchmark, as distributed with the paper's code). The folder holds:
 *
 * <ul>
 *   <li>{@value #HIERARCHY_FILE}: one edge per line, "parent child" separated by white space; nodes are WordNet
 *       ids or dummy nodes ({@code dummyNN});
 *   <li>{@value #CLASSES_FILE}: a JSON array of {@code [index, wnid, names]}, one per dataset class (the label
 *       index the dataset uses, 0..999 for ImageNet);
 *   <li>{@value #NAMES_FILE}: one "id&lt;TAB&gt;name" line per node.
 * </ul>
 *
 * The project ships no copy of these files: pass the folder you have. See {@link ClassHierarchy} for how levels
 * and superclasses are defined.
 *
 * <pre>{@code
 * ClassHierarchy h = ImageNetHierarchyFiles.load(Path.of("imagenet_info"));
 * LevelSuperclasses level4 = h.superclassesAt(4);
 * MetricsOptions options = MetricsOptions.builder().optSuperclasses(level4.mapping()).build();
 * }</pre>
 */
public final class ImageNetHierarchyFiles {
  /** The root of the ImageNet hierarchy, WordNet's "entity". */
  public static final String IMAGENET_ROOT = "n00001740";

  /** The file of "parent child" edges. */
  public static final String HIERARCHY_FILE = "class_hierarchy.txt";

  /** The JSON file of the dataset classes. */
  public static final String CLASSES_FILE = "dataset_class_info.json";

  /** The file of node names. */
  public static final String NAMES_FILE = "node_names.txt";

  private ImageNetHierarchyFiles() {}

  /**
   * Reads the three files into a hierarchy with the ImageNet root and the paper's treatment of classes absent
   * from the hierarchy (unmapped at every level).
   *
   * @param folder the folder holding the three files
   * @return the hierarchy
   * @throws NoSuchFileException if a file is missing (the message names it)
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is malformed (the message names the file and line or entry) or
   *     the hierarchy is invalid (see {@link ClassHierarchy.Builder#build()})
   */
  public static ClassHierarchy load(Path folder) throws IOException {
    return read(folder).build();
  }

  /**
   * Reads the three files into a builder with the ImageNet root set, to change options before building, e.g.
   * {@code read(folder).optRequireAllClasses(true).build()}.
   *
   * @param folder the folder holding the three files
   * @return a filled builder
   * @throws NoSuchFileException if a file is missing (the message names it)
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is malformed (the message names the file and line or entry)
   */
  public static ClassHierarchy.Builder read(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Path edges = existing(folder, HIERARCHY_FILE);
    Path classes = existing(folder, CLASSES_FILE);
    Path names = existing(folder, NAMES_FILE);
    ClassHierarchy.Builder b = ClassHierarchy.builder().setRoot(IMAGENET_ROOT);
    readEdges(edges, b);
    readClasses(classes, b);
    readNames(names, b);
    return b;
  }

  private static Path existing(Path folder, String name) throws NoSuchFileException {
    Path p = folder.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(
          p.toString(), null, "ImageNet hierarchy file " + name + " is missing in " + folder);
    }
    return p;
  }

  private static void readEdges(Path file, ClassHierarchy.Builder b) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected \"parent child\", found \"" + line + "\"");
      }
      b.addEdge(parts[0], parts[1]);
    }
  }

  private static void readClasses(Path file, ClassHierarchy.Builder b) throws IOException {
    JsonElement root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(r);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonArray() || root.getAsJsonArray().isEmpty()) {
      throw new IllegalArgumentException(file + ": expected a non-empty JSON array of [index, wnid, names]");
    }
    JsonArray rows = root.getAsJsonArray();
    for (int i = 0; i < rows.size(); i++) {
      JsonElement row = rows.get(i);
      if (!row.isJsonArray()
          || row.getAsJsonArray().size() != 3
          || !isInteger(row.getAsJsonArray().get(0))
          || !isString(row.getAsJsonArray().get(1))
          || !isString(row.getAsJsonArray().get(2))) {
        throw new IllegalArgumentException(
            file + ": entry " + i + " is not [index, wnid, names]: " + row);
      }
      JsonArray a = row.getAsJsonArray();
      try {
        b.addClass(a.get(0).getAsInt(), a.get(1).getAsString(), a.get(2).getAsString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": entry " + i + ": " + e.getMessage(), e);
      }
    }
  }

  private static void readNames(Path file, ClassHierarchy.Builder b) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected \"id<TAB>name\", found \"" + line + "\"");
      }
      b.optNodeName(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
    }
  }

  private static boolean isInteger(JsonElement e) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    double d = e.getAsDouble();
    return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
  }

  private static boolean isString(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }
}
