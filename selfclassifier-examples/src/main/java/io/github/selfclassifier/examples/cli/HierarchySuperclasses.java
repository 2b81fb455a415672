package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.metrics.SuperclassMapping;
import io.github.selfclassifier.metrics.hierarchy.ClassHierarchy;
import io.github.selfclassifier.metrics.hierarchy.ImageNetHierarchyFiles;
import io.github.selfclassifier.metrics.hierarchy.LevelSuperclasses;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The superclasses of one level of the ImageNet hierarchy files ({@link ImageNetHierarchyFiles}) for the
 * classes of an image folder whose class sub-folders are named by WordNet id ({@code n01440764}, as
 * ImageNet's): the paper's superclass evaluation. Classes are matched to the hierarchy by id, so any subset of
 * the ImageNet classes works. Samples whose class has no superclass at the level are left out of that level's
 * score, as in the paper ({@link LevelSuperclasses#samplesWithSuperclass}).
 */
public final class HierarchySuperclasses {
  private final LevelSuperclasses level;
  private final int[] hierarchyClassOfLabel;

  private HierarchySuperclasses(LevelSuperclasses level, int[] hierarchyClassOfLabel) {
    this.level = level;
    this.hierarchyClassOfLabel = hierarchyClassOfLabel;
  }

  /**
   * Reads the hierarchy and picks a level for the classes of a data set.
   *
   * @param folder the folder of the three hierarchy files
   * @param levelNumber the level, 0 for the root
   * @param classNames the data's class names, which must be WordNet ids of the hierarchy's classes
   * @param dataName how messages name the data, e.g. {@code "--data val/"}
   * @return the superclasses
   * @throws CliException if the files are missing or malformed, the level does not exist, a class name is not
   *     one of the hierarchy's classes, or no class has a superclass at the level
   */
  public static HierarchySuperclasses load(Path folder, int levelNumber, List<String> classNames,
      String dataName) {
    ClassHierarchy hierarchy;
    try {
      hierarchy = ImageNetHierarchyFiles.load(folder);
    } catch (FileSystemException e) {
      throw new CliException("cannot read --hierarchy " + folder + ": " + e.getFile() + ": "
          + (e.getReason() == null ? "cannot be read" : e.getReason()), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException("cannot read --hierarchy " + folder + ": " + e.getMessage(), e);
    }
    LevelSuperclasses level;
    try {
      level = hierarchy.superclassesAt(levelNumber);
    } catch (IllegalArgumentException e) {
      throw new CliException("--level " + levelNumber + ": " + e.getMessage() + " (--hierarchy " + folder + ")", e);
    }
    Map<String, Integer> indexOfId = new HashMap<>();
    hierarchy.classIds().forEach((index, id) -> indexOfId.put(id, index));
    int[] map = new int[classNames.size()];
    for (int c = 0; c < map.length; c++) {
      Integer index = indexOfId.get(classNames.get(c));
      if (index == null) {
        throw new CliException("class '" + classNames.get(c) + "' of " + dataName + " is not a class of the"
            + " hierarchy in " + folder + "; --hierarchy needs class folders named by WordNet id, e.g. "
            + hierarchy.classIds().values().iterator().next());
      }
      map[c] = index;
    }
    HierarchySuperclasses h = new HierarchySuperclasses(level, map);
    if (Arrays.stream(map).noneMatch(level.mapping()::contains)) {
      throw new CliException("no class of " + dataName + " has a superclass at --level " + levelNumber
          + " of the hierarchy in " + folder);
    }
    return h;
  }

  /**
   * The level's superclasses.
   *
   * @return the level
   */
  public LevelSuperclasses level() {
    return level;
  }

  /**
   * The mapping from hierarchy class indices to superclasses.
   *
   * @return the mapping
   */
  public SuperclassMapping mapping() {
    return level.mapping();
  }

  /**
   * The true labels translated to the hierarchy's class indices.
   *
   * @param labels the data's labels
   * @return one hierarchy class index per sample
   */
  public int[] toHierarchyClasses(int[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = hierarchyClassOfLabel[labels[i]];
    }
    return out;
  }
}
