package io.github.selfclassifier.djl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.djl.data.ByteImageSet;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterGridRenderer}: layout, pixel content against an independent nearest-neighbour enlargement of
 * the source bytes, sampling, captions and errors.
 */
class ClusterGridRendererTest {
  // Heights and widths differ so that a swapped axis shows.
  private static final int H = 5;
  private static final int W = 7;

  /** n random images; image i belongs to cluster predicted[i]. */
  private static ByteImageSet randomImages(int n, int channels, long seed) {
    byte[] px = new byte[n * channels * H * W];
    new Random(seed).nextBytes(px);
    return ByteImageSet.of(channels, H, W, px, null);
  }

  // 40 images: cluster 10 holds 0..19 (labels all 0: purity 1), cluster 20 holds 20..31 (labels 1 except one 0:
  // purity 11/12), cluster 30 holds 32..39 (labels 2 and 3 alternating: purity 1/2).
  private static final int[] PREDICTED = new int[40];
  private static final int[] TRUTH = new int[40];

  static {
    for (int i = 0; i < 40; i++) {
      PREDICTED[i] = i < 20 ? 10 : i < 32 ? 20 : 30;
      TRUTH[i] = i < 20 ? 0 : i < 32 ? (i == 25 ? 0 : 1) : 2 + (i % 2);
    }
  }

  private static final List<String> NAMES = List.of("zero", "one", "two", "three");

  @Test
  void gridHasTheDocumentedSizeAndEachTileIsTheEnlargedSourceImage() {
    ByteImageSet images = randomImages(40, 1, 1);
    int columns = 13;
    ClusterGrid grid =
        ClusterGridRenderer.builder()
            .optClusters(2)
            .optImagesPerCluster(columns)
            .optMinClusterSize(1)
            .optScale(3)
            .optClassNames(NAMES)
            .build()
            .render(images, PREDICTED, TRUTH);
    int tileW = 3 * W;
    int tileH = 3 * H;
    // 4 px gaps, a 16 px caption band per row
    assertThat(grid.image().getWidth()).isEqualTo(Math.max(320, 4 + columns * (tileW + 4)));
    assertThat(grid.image().getHeight()).isEqualTo(4 + 2 * (16 + tileH + 4));
    assertThat(grid.rows()).extracting(r -> r.cluster().cluster()).containsExactly(10, 20);

    BufferedImage img = grid.image();
    for (int r = 0; r < 2; r++) {
      List<Integer> samples = grid.rows().get(r).samples();
      // cluster 10 has 20 images, cluster 20 has 12: the last tile of row 1 stays blank
      assertThat(samples).hasSize(r == 0 ? 13 : 12);
      for (int c = 0; c < columns; c++) {
        int x0 = 4 + c * (tileW + 4);
        int y0 = 4 + r * (16 + tileH + 4) + 16;
        assertThat(grid.tileOrigin(r, c)).isEqualTo(new Point(x0, y0));
        for (int y = 0; y < tileH; y++) {
          for (int x = 0; x < tileW; x++) {
            int expected;
            if (c < samples.size()) {
              int v = images.pixel(samples.get(c), 0, y / 3, x / 3);
              expected = v << 16 | v << 8 | v;
            } else {
              expected = 0xFFFFFF;
            }
            assertThat(img.getRGB(x0 + x, y0 + y) & 0xFFFFFF)
                .as("row %d column %d pixel (%d, %d)", r, c, x, y)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void rgbTilesKeepTheChannels() {
    ByteImageSet images = randomImages(40, 3, 2);
    ClusterGrid grid =
        ClusterGridRenderer.builder().optClusters(1).optImagesPerCluster(3).optScale(2).build()
            .render(images, PREDICTED, TRUTH);
    int index = grid.rows().get(0).samples().get(2);
    Point o = grid.tileOrigin(0, 2);
    for (int y = 0; y < 2 * H; y++) {
      for (int x = 0; x < 2 * W; x++) {
        int expected =
            images.pixel(index, 0, y / 2, x / 2) << 16
                | images.pixel(index, 1, y / 2, x / 2) << 8
                | images.pixel(index, 2, y / 2, x / 2);
        assertThat(grid.image().getRGB(o.x + x, o.y + y) & 0xFFFFFF).isEqualTo(expected);
      }
    }
  }

  @Test
  void samplesAreDistinctMembersSeededPerCluster() {
    ByteImageSet images = randomImages(40, 1, 3);
    ClusterGridRenderer.Builder b = ClusterGridRenderer.builder().optImagesPerCluster(6).optSeed(42);
    ClusterGrid all = b.build().render(images, PREDICTED, TRUTH);
    ClusterGrid again = b.build().render(images, PREDICTED, TRUTH);
    ClusterGrid firstOnly = b.optClusters(1).build().render(images, PREDICTED, TRUTH);
    ClusterGrid otherSeed = b.optSeed(43).build().render(images, PREDICTED, TRUTH);

    for (GridRow row : all.rows()) {
      Set<Integer> distinct = new HashSet<>(row.samples());
      assertThat(distinct).hasSize(6);
      for (int i : row.samples()) {
        assertThat(PREDICTED[i]).isEqualTo(row.cluster().cluster());
      }
    }
    assertThat(again.rows()).isEqualTo(all.rows());
    assertThat(firstOnly.rows().get(0)).isEqualTo(all.rows().get(0));
    assertThat(otherSeed.rows().get(0).samples()).isNotEqualTo(all.rows().get(0).samples());
  }

  @Test
  void captionsNameClusterSizeMajorityClassAndPurity() {
    ClusterGrid grid =
        ClusterGridRenderer.builder().optImagesPerCluster(8).optClassNames(NAMES).build()
            .render(randomImages(40, 1, 4), PREDICTED, TRUTH);
    assertThat(grid.rows())
        .extracting(GridRow::caption)
        .containsExactly(
            "cluster 10 | 20 images | zero 100.0%",
            "cluster 20 | 12 images | one 91.7%",
            "cluster 30 | 8 images | two 50.0%");
    // some caption text was drawn in the first caption band
    BufferedImage img = grid.image();
    int dark = 0;
    for (int y = 4; y < 4 + 16; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFF) < 128) {
          dark++;
        }
      }
    }
    assertThat(dark).isGreaterThan(20);
  }

  @Test
  void smallImagesAreEnlargedToAtLeast64Pixels() {
    byte[] px = new byte[40 * 28 * 28];
    ByteImageSet images = ByteImageSet.of(1, 28, 28, px, TRUTH);
    ClusterGrid grid = ClusterGridRenderer.builder().build().render(images, PREDICTED);
    assertThat(grid.scale()).isEqualTo(3);
    assertThat(grid.tileWidth()).isEqualTo(84);
    // labels came from the image set: cluster 20's majority is label 1, unnamed
    assertThat(grid.rows().get(1).majorityClassName()).hasValue("class 1");
  }

  @Test
  void unlabelledImagesAreRankedBySizeAndCaptionedWithoutClasses() {
    ClusterGrid grid =
        ClusterGridRenderer.builder().optImagesPerCluster(8).build().render(randomImages(40, 1, 5), PREDICTED);
    assertThat(grid.rows()).extracting(r -> r.cluster().cluster()).containsExactly(10, 20, 30);
    assertThat(grid.rows().get(0).caption()).isEqualTo("cluster 10 | 20 images");
    assertThat(grid.rows().get(0).majorityClassName()).isEmpty();
  }

  @Test
  void mismatchedLengthsNameBothLengths() {
    ClusterGridRenderer renderer = ClusterGridRenderer.builder().build();
    ByteImageSet images = randomImages(40, 1, 6);
    assertThatThrownBy(() -> renderer.render(images, new int[39]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40 images")
        .hasMessageContaining("39 predictions");
    assertThatThrownBy(() -> renderer.render(images, PREDICTED, new int[41]))
        .hasMessageContaining("40 images")
        .hasMessageContaining("41 true labels");
    assertThatThrownBy(
            () -> ClusterGridRenderer.builder().optClassNames(List.of("zero")).build().render(images, PREDICTED, TRUTH))
        .hasMessageContaining("true label 1 has no class name: 1 names");
    assertThatThrownBy(
            () -> ClusterGridRenderer.builder().optImagesPerCluster(21).build().render(images, PREDICTED, TRUTH))
        .hasMessageContaining("no cluster has at least 21 images");
  }
}
