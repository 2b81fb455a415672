package io.github.selfclassifier.metrics.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageNetHierarchyFiles} and {@link ClassHierarchy} on the real ImageNet hierarchy files (copied with their
 * BSD-3 licence into {@code src/test/resources/imagenet_info/}), against {@code fixtures/hierarchy_levels.json},
 * computed independently by {@code fixtures/make_hierarchy_fixture.py} (plain Python, a different algorithm).
 *
 * <p>The paper's own table of superclass counts per level could not be consulted here (only the start of the
 * paper's page is reachable offline), so the counts are checked against that independent computation. The
 * paper's script prints the same quantity: {@code len(level_to_nodes[L])} of BREEDS' {@code ClassHierarchy}.
 */
class ImageNetHierarchyFilesTest {
  private static Path folder;
  private static ClassHierarchy hierarchy;
  private static JsonObject fixture;

  @BeforeAll
  static void load() throws IOException, URISyntaxException {
    folder = Path.of(ImageNetHierarchyFilesTest.class.getResource("/imagenet_info").toURI());
    hierarchy = ImageNetHierarchyFiles.load(folder);
    try (InputStream in =
        ImageNetHierarchyFilesTest.class.getResourceAsStream("/fixtures/hierarchy_levels.json")) {
      fixture = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  @Test
  void levelsAndTheirSuperclassCountsMatchTheIndependentComputation() {
    List<HierarchyLevel> expected = new ArrayList<>();
    for (JsonElement e : fixture.getAsJsonArray("levels")) {
      JsonObject o = e.getAsJsonObject();
      expected.add(
          new HierarchyLevel(
              o.get("level").getAsInt(), o.get("superclasses").getAsInt(), o.get("mapped_classes").getAsInt()));
    }
    assertThat(hierarchy.levels()).containsExactlyElementsOf(expected);
    // Stated here too, so that a regenerated fixture cannot silently change them:
    assertThat(hierarchy.levels().stream().mapToInt(HierarchyLevel::superclasses))
        .containsExactly(1, 2, 10, 29, 128, 466, 591, 98, 3);
    assertThat(hierarchy.root()).isEqualTo(ImageNetHierarchyFiles.IMAGENET_ROOT);
  }

  @Test
  void everyLevelMapsEveryClassToTheSameSuperclassAsTheIndependentComputation() {
    JsonObject mappings = fixture.getAsJsonObject("mapping");
    for (int level = 0; level <= hierarchy.maxLevel(); level++) {
      LevelSuperclasses s = hierarchy.superclassesAt(level);
      Map<Integer, String> actual = new HashMap<>();
      s.mapping().asMap().forEach((fine, sup) -> actual.put(fine, s.superclassIds().get(sup)));
      Map<Integer, String> expected = new HashMap<>();
      mappings
          .getAsJsonObject(Integer.toString(level))
          .entrySet()
          .forEach(en -> expected.put(Integer.parseInt(en.getKey()), en.getValue().getAsString()));
      assertThat(actual).as("level %d", level).isEqualTo(expected);
      assertThat(s.ambiguousClasses()).as("the ImageNet hierarchy is a tree").isEmpty();
      assertThat(s.unmappedClasses().size() + actual.size()).isEqualTo(1000);
    }
  }

  @Test
  void classesAbsentFromTheHierarchyAreOutsideAndUnmapped() {
    TreeSet<String> absent = new TreeSet<>();
    fixture.getAsJsonArray("absent").forEach(e -> absent.add(e.getAsString()));
    assertThat(absent).hasSize(110);
    TreeSet<String> outside = new TreeSet<>();
    hierarchy.classesOutsideHierarchy().forEach(i -> outside.add(hierarchy.classIds().get(i)));
    assertThat(outside).isEqualTo(absent);
    assertThat(hierarchy.superclassesAt(4).unmappedClasses()).containsAll(hierarchy.classesOutsideHierarchy());
  }

  @Test
  void superclassesAreNamedFromNodeNames() {
    LevelSuperclasses l1 = hierarchy.superclassesAt(1);
    assertThat(l1.superclassIds()).containsExactly("n00004258", "n00021939");
    assertThat(l1.superclassNames()).containsExactly("living thing, animate thing", "non-living thing");
    LevelSuperclasses l2 = hierarchy.superclassesAt(2);
    assertThat(l2.superclassName(l2.superclassIds().indexOf("dummy65"))).isEqualTo("person");
    // class 0 (tench) is a living thing; class 404 (airliner) is not
    assertThat(l1.mapping().superclassOf(0)).isEqualTo(0);
    assertThat(l1.mapping().superclassOf(404)).isEqualTo(1);
  }

  @Test
  void requiringAllClassesRejectsTheRealFilesNamingAMissingClass() throws IOException {
    assertThatThrownBy(() -> ImageNetHierarchyFiles.read(folder).optRequireAllClasses(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("110 dataset classes are not below the root n00001740")
        .hasMessageContaining("n01871265");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws IOException {
    Files.copy(folder.resolve("class_hierarchy.txt"), dir.resolve("class_hierarchy.txt"));
    Files.copy(folder.resolve("node_names.txt"), dir.resolve("node_names.txt"));
    assertThatThrownBy(() -> ImageNetHierarchyFiles.load(dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("dataset_class_info.json")
        .hasMessageContaining("missing");
  }

  @Test
  void malformedLinesAreNamedWithTheirFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("class_hierarchy.txt"), "n00001740 a\na b c\n");
    Files.writeString(dir.resolve("dataset_class_info.json"), "[[0, \"b\", \"bee\"]]");
    Files.writeString(dir.resolve("node_names.txt"), "a\tay\n");
    assertThatThrownBy(() -> ImageNetHierarchyFiles.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class_hierarchy.txt:2")
        .hasMessageContaining("a b c");

    Files.writeString(dir.resolve("class_hierarchy.txt"), "n00001740 a\na b\n");
    Files.writeString(dir.resolve("dataset_class_info.json"), "[[0, \"b\", \"bee\"], [\"x\", \"c\"]]");
    assertThatThrownBy(() -> ImageNetHierarchyFiles.load(dir))
        .hasMessageContaining("dataset_class_info.json: entry 1 is not [index, wnid, names]");

    Files.writeString(dir.resolve("dataset_class_info.json"), "[[0, \"b\", \"bee\"]]");
    Files.writeString(dir.resolve("class_hierarchy.txt"), "n00001740 a\na b\nb a\n");
    assertThatThrownBy(() -> ImageNetHierarchyFiles.load(dir)).hasMessageContaining("cycle: a -> b -> a");

    Files.writeString(dir.resolve("class_hierarchy.txt"), "n00001740 a\na b\n");
    ClassHierarchy h = ImageNetHierarchyFiles.load(dir);
    assertThat(h.superclassesAt(1).superclassNames()).containsExactly("ay");
    assertThat(h.superclassesAt(2).superclassNames()).containsExactly("bee");
  }
}
