package io.github.selfclassifier.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder loader: layout, order, pixels against hand-computed values, bad files and errors. */
class ImageFolderTest {
  @TempDir Path root;

  /** An RGB image with random pixels (seeded). */
  static BufferedImage randomRgb(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  /** A grayscale image with random pixels (seeded). */
  static BufferedImage randomGray(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, random.nextInt(256));
      }
    }
    return image;
  }

  static Path write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String format = file.getFileName().toString().replaceAll(".*\\.", "").toLowerCase();
    assertThat(ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())).isTrue();
    return file;
  }

  private static ImageFolderOptions.Builder options(int size) {
    return ImageFolderOptions.builder().setSize(size).optThreads(3);
  }

  @Test
  void labelledFolderHasSortedClassesRecursiveFilesAndTorchvisionOrder() throws Exception {
    write(randomRgb(20, 30, 1), root.resolve("dog/x.png"));
    write(randomRgb(40, 24, 2), root.resolve("cat/b.png"));
    write(randomRgb(16, 16, 3), root.resolve("cat/a.JPG"));
    write(randomGray(17, 19, 4), root.resolve("cat/sub/c.bmp"));
    write(randomGray(16, 16, 5), root.resolve("cat/z.png"));
    // ignored: hidden files and folders, other extensions, files directly in the root
    write(randomRgb(16, 16, 6), root.resolve("cat/.hidden.png"));
    write(randomRgb(16, 16, 7), root.resolve("cat/.ipynb_checkpoints/d.png"));
    write(randomRgb(16, 16, 8), root.resolve(".cache/e.png"));
    write(randomRgb(16, 16, 9), root.resolve("stray.png"));
    Files.writeString(root.resolve("cat/notes.txt"), "not an image");
    Files.createDirectories(root.resolve("empty-class"));

    ImageFolderDataset one = ImageFolder.load(root, options(12).optThreads(1).build());
    ImageFolderDataset three = ImageFolder.load(root, options(12).optThreads(3).build());

    assertThat(one.classNames()).containsExactly("cat", "dog", "empty-class");
    // the folder's own files first, then its sub-folders (torchvision's sorted(os.walk))
    assertThat(one.files()).containsExactly(root.resolve("cat/a.JPG"), root.resolve("cat/b.png"),
        root.resolve("cat/z.png"), root.resolve("cat/sub/c.bmp"), root.resolve("dog/x.png"));
    assertThat(one.images().labels()).get().isEqualTo(new int[] {0, 0, 0, 0, 1});
    assertThat(one.images().channels()).isEqualTo(3);
    assertThat(one.images().height()).isEqualTo(12);
    assertThat(one.report().found()).isEqualTo(5);
    assertThat(one.report().skipped()).isEmpty();
    // the thread count does not change anything
    assertThat(three.files()).isEqualTo(one.files());
    for (int i = 0; i < one.images().size(); i++) {
      for (int k = 0; k < 3 * 12 * 12; k++) {
        int c = k / 144;
        int y = k / 12 % 12;
        int x = k % 12;
        assertThat(three.images().pixel(i, c, y, x)).isEqualTo(one.images().pixel(i, c, y, x));
      }
    }
  }

  @Test
  void imageAtTheTargetSizeIsLoadedUnchanged() throws Exception {
    BufferedImage rgb = randomRgb(16, 16, 11);
    BufferedImage gray = randomGray(16, 16, 12);
    write(rgb, root.resolve("a/rgb.png"));
    write(gray, root.resolve("b/gray.bmp"));

    ByteImageSet asRgb = ImageFolder.load(root, options(16).build()).images();
    ByteImageSet asGray = ImageFolder.load(root, options(16).optChannels(1).build()).images();

    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        int p = rgb.getRGB(x, y);
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        int v = gray.getRaster().getSample(x, y, 0);
        assertThat(new int[] {asRgb.pixel(0, 0, y, x), asRgb.pixel(0, 1, y, x), asRgb.pixel(0, 2, y, x)})
            .containsExactly(r, g, b);
        // grayscale to RGB replicates the channel
        assertThat(new int[] {asRgb.pixel(1, 0, y, x), asRgb.pixel(1, 1, y, x), asRgb.pixel(1, 2, y, x)})
            .containsExactly(v, v, v);
        // RGB to one channel: ITU-R 601 luma (float rounding may move a .5 tie by one level)
        assertThat(asGray.pixel(0, 0, y, x)).isCloseTo((int) Math.round(0.299 * r + 0.587 * g + 0.114 * b),
            org.assertj.core.data.Offset.offset(1));
        assertThat(asGray.pixel(1, 0, y, x)).isEqualTo(v);
      }
    }
  }

  @Test
  void twoTimesDownscaleOfABlockImageKeepsBlockValuesAndCropsTheCentre() throws Exception {
    // 48 wide x 32 high, 16 x 16 blocks of constant colour; shorter side 32 -> 16 halves the image to
    // 24 x 16, then the centre crop keeps resized columns 4..19.
    int[][] colours = {{10, 200, 30}, {250, 0, 90}, {60, 60, 160}, {5, 120, 240}, {180, 181, 182}, {0, 0, 0}};
    BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 48; x++) {
        int[] c = colours[(y / 16) * 3 + x / 16];
        image.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
      }
    }
    write(image, root.resolve("blocks.png"));
    ByteImageSet set = ImageFolder.load(root, options(16).optLabelled(false).build()).images();
    assertThat(set.isLabelled()).isFalse();
    // A bicubic 2x shrink reads inputs 2o-3 .. 2o+4 for output o (taps outside the image are dropped and the
    // rest renormalised), so an output whose inputs all lie in one block has exactly the block's value:
    // resized rows 0..5 (block row 0) and 10..15 (block row 1); resized columns 4..5 (block column 0) and
    // 10..13 (block column 1), i.e. output columns 0..1 and 6..9.
    int[] rows = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};
    int[] outColumns = {0, 1, 6, 7, 8, 9};
    for (int y : rows) {
      for (int x : outColumns) {
        int[] expected = colours[(y / 8) * 3 + (x + 4) / 8];
        for (int c = 0; c < 3; c++) {
          assertThat(set.pixel(0, c, y, x)).as("channel %d at (%d, %d)", c, y, x).isEqualTo(expected[c]);
        }
      }
    }
  }

  @Test
  void corruptFilesAreSkippedAndReportedOrFailInStrictMode() throws Exception {
    write(randomRgb(20, 20, 21), root.resolve("a/good.png"));
    byte[] noise = new byte[500];
    new Random(3).nextBytes(noise);
    Path randomJpg = root.resolve("a/noise.jpg");
    Files.write(randomJpg, noise);
    Path truncated = write(randomRgb(20, 20, 22), root.resolve("b/truncated.png"));
    byte[] full = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(full, full.length / 2));
    write(randomGray(20, 20, 23), root.resolve("b/good.png"));

    ImageFolderDataset loaded = ImageFolder.load(root, options(8).build());

    assertThat(loaded.files()).containsExactly(root.resolve("a/good.png"), root.resolve("b/good.png"));
    assertThat(loaded.images().labels()).get().isEqualTo(new int[] {0, 1});
    assertThat(loaded.report().found()).isEqualTo(4);
    assertThat(loaded.report().loaded()).isEqualTo(2);
    assertThat(loaded.report().skipped()).extracting(ImageFolderLoadReport.SkippedImage::file)
        .containsExactly(randomJpg, truncated);
    assertThat(loaded.report().skipped().get(0).reason()).contains("no ImageIO decoder");
    assertThat(loaded.report().skipped().get(1).reason()).isNotBlank();

    assertThatThrownBy(() -> ImageFolder.load(root, options(8).optStrict(true).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(randomJpg.toString());
  }

  @Test
  void folderWhoseImagesAreAllCorruptIsAnErrorNamingIt() throws Exception {
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/x.png"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ImageFolder.load(root, options(8).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(root.toString())
        .hasMessageContaining("x.png");
  }

  @Test
  void emptyMissingOrFileRootsGiveErrorsNamingThePath() throws Exception {
    Path empty = Files.createDirectories(root.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no images here");
    assertThatThrownBy(() -> ImageFolder.load(empty, options(8).optLabelled(false).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.toString());
    Files.createDirectories(empty.resolve("class-without-images"));
    assertThatThrownBy(() -> ImageFolder.load(empty, options(8).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.toString());
    Path labelledWithoutClasses = Files.createDirectories(root.resolve("flat"));
    write(randomRgb(8, 8, 1), labelledWithoutClasses.resolve("x.png"));
    assertThatThrownBy(() -> ImageFolder.load(labelledWithoutClasses, options(8).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no class sub-folders in " + labelledWithoutClasses);

    Path missing = root.resolve("missing");
    assertThatThrownBy(() -> ImageFolder.load(missing, options(8).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
    Path file = Files.writeString(root.resolve("file.png"), "x");
    assertThatThrownBy(() -> ImageFolder.load(file, options(8).build()))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void unlabelledNestedFolderIsOrderedByFolderThenName() throws Exception {
    write(randomRgb(30, 10, 31), root.resolve("z/b.png"));
    write(randomRgb(10, 30, 32), root.resolve("a.png"));
    write(randomGray(12, 12, 33), root.resolve("m/n/c.jpg"));
    write(randomRgb(12, 12, 34), root.resolve("m/d.PNG"));

    ImageFolderDataset loaded = ImageFolder.load(root, options(6).optLabelled(false).optChannels(1).build());

    assertThat(loaded.files()).containsExactly(root.resolve("a.png"), root.resolve("m/d.PNG"),
        root.resolve("m/n/c.jpg"), root.resolve("z/b.png"));
    assertThat(loaded.classNames()).isEmpty();
    assertThat(loaded.images().isLabelled()).isFalse();
    assertThat(loaded.images().channels()).isEqualTo(1);
    assertThat(List.of(loaded.images().height(), loaded.images().width())).containsExactly(6, 6);
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> ImageFolderOptions.builder().build()).hasMessageContaining("size");
    assertThatThrownBy(() -> ImageFolderOptions.builder().setSize(8).optChannels(2).build())
        .hasMessageContaining("channels");
    assertThatThrownBy(() -> ImageFolderOptions.builder().setSize(8).optThreads(0).build())
        .hasMessageContaining("threads");
  }
}
