package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.examples.cli.DataSource.DataLoadOptions;
import io.github.selfclassifier.examples.cli.DataSource.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --data} accepts and what it loads; no engine involved. */
class DataSourceTest {
  @TempDir Path dir;

  private static DataLoadOptions options(int size, int channels, boolean unlabelled, boolean strict, int max) {
    return new DataLoadOptions(size, channels, unlabelled, strict, max, null, false);
  }

  @Test
  void spellingsNameTheKindAndFolder() {
    assertThat(DataSource.parse("shapes").kind()).isEqualTo(Kind.SHAPES);
    assertThat(DataSource.parse("fashion-mnist").kind()).isEqualTo(Kind.FASHION_MNIST);
    assertThat(DataSource.parse("fashion-mnist").path()).isEqualTo(IdxFiles.DEBIAN_FASHION_MNIST);
    assertThat(DataSource.parse("fashion-mnist-train").kind()).isEqualTo(Kind.FASHION_MNIST_TRAIN);
    DataSource test = DataSource.parse("fashion-mnist-test:/data/fm");
    assertThat(test.kind()).isEqualTo(Kind.FASHION_MNIST_TEST);
    assertThat(test.path()).isEqualTo(Path.of("/data/fm"));
    assertThat(DataSource.parse("./shapes").kind()).isEqualTo(Kind.FOLDER);
    assertThat(DataSource.parse("photos/cats").path()).isEqualTo(Path.of("photos/cats"));
    assertThat(DataSource.parse("fashion-mnist-testing").kind()).isEqualTo(Kind.FOLDER);
    assertThatThrownBy(() -> DataSource.parse("shapes:big")).hasMessageContaining("'shapes' takes no folder");
    assertThatThrownBy(() -> DataSource.parse("fashion-mnist:")).hasMessage("no folder after 'fashion-mnist:'");
    assertThatThrownBy(() -> DataSource.parse(" ")).hasMessageStartingWith("empty data source");
  }

  @Test
  void shapesAreTheQuickStartSetAtAnySize() {
    LoadedImages d = DataSource.parse("shapes").load(DataLoadOptions.defaults());
    ByteImageSet expected = SyntheticShapes.generate(300, 10, 28, 1, 2024);
    assertThat(d.images().size()).isEqualTo(3000);
    assertThat(d.labels()).containsExactly(expected.labels().orElseThrow());
    assertThat(d.images().pixel(1234, 0, 14, 9)).isEqualTo(expected.pixel(1234, 0, 14, 9));
    assertThat(d.classNames()).containsExactly(SyntheticShapes.CLASS_NAMES);
    assertThat(d.classesNamedByFolder()).isFalse();
    assertThat(d.relativePath(5)).isEmpty();

    LoadedImages colour = DataSource.parse("shapes").load(options(40, 3, false, false, 0));
    assertThat(colour.images().channels()).isEqualTo(3);
    assertThat(colour.images().height()).isEqualTo(40);
  }

  @Test
  void maxImagesKeepsAFixedRandomSubsetInOrder() {
    int[] chosen = DataSource.chooseSubset(3000, 100);
    assertThat(chosen).hasSize(100).isSorted().doesNotHaveDuplicates();
    assertThat(chosen).containsExactly(DataSource.chooseSubset(3000, 100));
    assertThat(chosen[99]).isGreaterThan(1500); // drawn from the whole set, not its start
    assertThat(DataSource.chooseSubset(5, 9)).containsExactly(0, 1, 2, 3, 4);

    LoadedImages all = DataSource.parse("shapes").load(DataLoadOptions.defaults());
    LoadedImages some = DataSource.parse("shapes").load(options(0, 0, false, false, 100));
    assertThat(some.images().size()).isEqualTo(100);
    int[] labels = all.labels();
    assertThat(some.labels()).containsExactly(Arrays.stream(chosen).map(i -> labels[i]).toArray());
    assertThat(some.description()).contains("100 of 3000");
  }

  @Test
  void aFolderWithSubFoldersIsLabelledByThem() throws IOException {
    Path root = dir.resolve("shapes");
    List<Path> written = TestImageFolders.writeShapes(root);
    LoadedImages d = DataSource.parse(root.toString()).load(options(28, 1, false, false, 0));
    assertThat(d.images().size()).isEqualTo(written.size());
    assertThat(d.classNames()).hasSize(TestImageFolders.CLASSES).isSorted();
    assertThat(d.classesNamedByFolder()).isTrue();
    int[] labels = d.labels();
    for (int i = 0; i < d.files().size(); i++) {
      assertThat(labels[i]).as(d.files().get(i).toString())
          .isEqualTo(TestImageFolders.classOf(root, d.files().get(i)));
      assertThat(root.resolve(d.relativePath(i))).isEqualTo(d.files().get(i));
    }
    assertThat(d.skipped()).extracting(s -> root.relativize(s.file()).toString())
        .containsExactly(TestImageFolders.CORRUPT);
    assertThat(d.summary()).contains("80 images of 1x28x28, 10 classes", "1 unreadable file skipped");

    LoadedImages some = DataSource.parse(root.toString()).load(options(28, 1, false, false, 30));
    assertThat(some.images().size()).isBetween(29, 30); // the corrupt file may be among the 30 chosen
    for (int i = 0; i < some.files().size(); i++) {
      assertThat(some.labels()[i]).isEqualTo(TestImageFolders.classOf(root, some.files().get(i)));
    }
  }

  @Test
  void unlabelledReadsEveryImageAtAnyDepth() throws IOException {
    Path root = dir.resolve("shapes");
    List<Path> written = TestImageFolders.writeShapes(root);
    LoadedImages d = DataSource.parse(root.toString()).load(options(28, 1, true, false, 0));
    assertThat(d.isLabelled()).isFalse();
    assertThat(d.classNames()).isEmpty();
    assertThat(d.files()).containsExactlyInAnyOrderElementsOf(written);
    assertThatThrownBy(d::labels).isInstanceOf(CliException.class).hasMessageContaining("has no labels");

    Path flat = dir.resolve("flat");
    Files.createDirectories(flat);
    Files.copy(written.get(0), flat.resolve("a.png"));
    Files.copy(written.get(1), flat.resolve("b.png"));
    LoadedImages f = DataSource.parse(flat.toString()).load(options(28, 1, false, false, 0));
    assertThat(f.isLabelled()).isFalse();
    assertThat(f.images().size()).isEqualTo(2);
  }

  @Test
  void strictFailsOnTheCorruptFile() throws IOException {
    Path root = dir.resolve("shapes");
    TestImageFolders.writeShapes(root);
    assertThatThrownBy(() -> DataSource.parse(root.toString()).load(options(28, 1, false, true, 0)))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("broken.png");
  }

  @Test
  void missingEmptyOrFileFoldersAreErrorsNamingThePath() throws IOException {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> DataSource.parse(missing.toString()).load(DataLoadOptions.defaults()))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no such image folder: " + missing)
        .hasMessageContaining("fashion-mnist[:DIR]");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> DataSource.parse(empty.toString()).load(DataLoadOptions.defaults()))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no image files in " + empty);
    Path emptyClasses = Files.createDirectories(dir.resolve("classes/cat"));
    assertThatThrownBy(() -> DataSource.parse(emptyClasses.getParent().toString()).load(DataLoadOptions.defaults()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no image files in " + emptyClasses.getParent());
    Path file = Files.writeString(dir.resolve("list.txt"), "x");
    assertThatThrownBy(() -> DataSource.parse(file.toString()).load(DataLoadOptions.defaults()))
        .isInstanceOf(CliException.class)
        .hasMessage("--data " + file + ": is a file, not an image folder");
  }

  @Test
  void fashionMnistIsFixedAt28PixelsGrayscale() {
    assertThatThrownBy(() -> DataSource.parse("fashion-mnist").load(options(32, 1, false, false, 0)))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("28x28 grayscale");
    Path missing = dir.resolve("fm");
    assertThatThrownBy(() -> DataSource.parse("fashion-mnist-test:" + missing).load(DataLoadOptions.defaults()))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no Fashion-MNIST folder " + missing);
  }

  @Test
  void fashionMnistTestIsDebiansTenThousandImages() throws IOException {
    assumeTrue(Files.isDirectory(IdxFiles.DEBIAN_FASHION_MNIST), "dataset-fashion-mnist is not installed");
    LoadedImages d = DataSource.parse("fashion-mnist-test").load(options(0, 0, false, false, 500));
    ByteImageSet test = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    int[] chosen = DataSource.chooseSubset(10_000, 500);
    int[] labels = test.labels().orElseThrow();
    assertThat(d.labels()).containsExactly(Arrays.stream(chosen).map(i -> labels[i]).toArray());
    assertThat(d.images().pixel(7, 0, 14, 14)).isEqualTo(test.pixel(chosen[7], 0, 14, 14));
    assertThat(d.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
  }
}
