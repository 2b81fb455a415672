package io.github.selfclassifier.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
  @TempDir Path dir;

  private static byte[] idxImages(int n, int rows, int cols, int truncateBy) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x803);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n * rows * cols - truncateBy; i++) {
      out.writeByte(i * 7);
    }
    return bytes.toByteArray();
  }

  private static byte[] idxLabels(int... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x801);
    out.writeInt(labels.length);
    for (int l : labels) {
      out.writeByte(l);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      out.write(content);
    }
    return p;
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    for (boolean gzip : new boolean[] {false, true}) {
      Path images = write("img" + gzip, idxImages(3, 2, 4, 0), gzip);
      Path labels = write("lab" + gzip, idxLabels(7, 0, 255), gzip);
      ByteImageSet set = IdxFiles.read(images, labels);
      assertThat(set.size()).isEqualTo(3);
      assertThat(set.channels()).isEqualTo(1);
      assertThat(set.height()).isEqualTo(2);
      assertThat(set.width()).isEqualTo(4);
      assertThat(set.labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(7, 0, 255));
      // pixel k of the file is (k * 7) & 0xff; image 1, row 1, column 2 is k = 8 + 4 + 2
      assertThat(set.pixel(1, 0, 1, 2)).isEqualTo((14 * 7) & 0xff);
      float[] img = new float[8];
      set.copyImage(2, img);
      assertThat(img[0]).isEqualTo(((16 * 7) & 0xff) / 255f);
    }
  }

  @Test
  void badFilesFailWithAMessageNamingTheFile() throws IOException {
    Path truncated = write("truncated", idxImages(2, 3, 3, 5), false);
    assertThatThrownBy(() -> IdxFiles.read(truncated, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining(truncated.toString());
    Path labelsAsImages = write("labels", idxLabels(1, 2), false);
    assertThatThrownBy(() -> IdxFiles.read(labelsAsImages, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an IDX image file");
    Path images = write("images", idxImages(2, 2, 2, 0), true);
    Path threeLabels = write("three", idxLabels(1, 2, 3), false);
    assertThatThrownBy(() -> IdxFiles.read(images, threeLabels))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2 images")
        .hasMessageContaining("3 labels");
    assertThatThrownBy(() -> IdxFiles.read(dir.resolve("missing"), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> IdxFiles.fashionMnist(dir, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dataset-fashion-mnist");
  }

  /** The real files from Debian's dataset-fashion-mnist package (installed by .ci/run). */
  @Test
  void readsFashionMnist() throws IOException {
    ByteImageSet train = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, true);
    ByteImageSet test = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(train.height()).isEqualTo(28);
    assertThat(train.width()).isEqualTo(28);
    int[] counts = new int[10];
    for (int l : train.labels().orElseThrow()) {
      counts[l]++;
    }
    assertThat(counts).containsOnly(6_000);
    // the first training image is an ankle boot (class 9), as in every Fashion-MNIST loader
    assertThat(train.label(0)).isEqualTo(9);
    ByteImageSet all = train.concat(test);
    assertThat(all.size()).isEqualTo(70_000);
    assertThat(all.label(60_000)).isEqualTo(test.label(0));
  }
}
