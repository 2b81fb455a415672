package io.github.selfclassifier.djl.report;

import io.github.selfclassifier.djl.data.ByteImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the qualitative figure of a clustering, like the paper's grids of its most accurate classes: one row
 * per predicted cluster (the best {@code clusters} of a {@link ClusterRanking}), {@code imagesPerCluster}
 * images sampled from it with a seed, and a caption above the row with the cluster id, its size and, when
 * true labels are given, its majority class name and purity. Small images are enlarged by an integer factor
 * with nearest-neighbour sampling, so 28x28 digits stay crisp. Pure Java (java.awt in headless mode); the
 * layout is documented on {@link ClusterGrid}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ClusterGrid grid = ClusterGridRenderer.builder().optClassNames(names).build()
 *     .render(images, predicted, images.labels().orElse(null));
 * grid.writePng(Path.of("grid.png"));
 * }</pre>
 */
public final class ClusterGridRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterGridRenderer.class);
  private static final int MIN_TILE = 64;
  private static final int MIN_WIDTH = 320;
  private static final int BACKGROUND = 0xFFFFFF;
  private static final Color CAPTION_COLOR = new Color(0x222222);

  private final int clusters;
  private final int imagesPerCluster;
  private final int minClusterSize;
  private final long seed;
  private final int scale;
  private final List<String> classNames;

  private ClusterGridRenderer(Builder b) {
    this.clusters = b.clusters;
    this.imagesPerCluster = b.imagesPerCluster;
    this.minClusterSize = b.minClusterSize > 0 ? b.minClusterSize : b.imagesPerCluster;
    this.seed = b.seed;
    this.scale = b.scale;
    this.classNames = b.classNames;
  }

  /**
   * Starts a builder with the defaults: 15 clusters of 9 images (the paper's figure), minimum cluster size 9,
   * seed 0, automatic scale, no class names.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Renders the grid, using the image set's own labels as the true labels when it has them.
   *
   * @param images the images
   * @param predicted the predicted cluster of every image
   * @return the grid
   * @throws IllegalArgumentException as {@link #render(ByteImageSet, int[], int[])}
   */
  public ClusterGrid render(ByteImageSet images, int[] predicted) {
    return render(images, predicted, images.labels().orElse(null));
  }

  /**
   * Renders the grid.
   *
   * @param images the images (grayscale or RGB, one size)
   * @param predicted the predicted cluster of every image
   * @param truth the true label of every image, or null to rank and caption without labels
   * @return the grid
   * @throws IllegalArgumentException if the numbers of images, predictions and labels differ (the message gives
   *     both), no cluster has the minimum size, or a shown majority label has no class name
   */
  public ClusterGrid render(ByteImageSet images, int[] predicted, int[] truth) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(predicted, "predicted");
    if (predicted.length != images.size()) {
      throw new IllegalArgumentException(
          "the image set has " + images.size() + " images but there are " + predicted.length + " predictions");
    }
    if (truth != null && truth.length != images.size()) {
      throw new IllegalArgumentException(
          "the image set has " + images.size() + " images but there are " + truth.length + " true labels");
    }
    List<RankedCluster> ranked = ClusterRanking.rank(predicted, truth, minClusterSize);
    if (ranked.isEmpty()) {
      throw new IllegalArgumentException(
          "no cluster has at least " + minClusterSize + " images; lower the minimum cluster size");
    }
    List<RankedCluster> shown = ranked.subList(0, Math.min(clusters, ranked.size()));

    Map<Integer, List<Integer>> members = new HashMap<>();
    for (RankedCluster c : shown) {
      members.put(c.cluster(), new ArrayList<>(c.size()));
    }
    for (int i = 0; i < predicted.length; i++) {
      List<Integer> m = members.get(predicted[i]);
      if (m != null) {
        m.add(i);
      }
    }
    List<GridRow> rows = new ArrayList<>(shown.size());
    for (RankedCluster c : shown) {
      Optional<String> name =
          c.majorityClass().isPresent()
              ? Optional.of(className(c.majorityClass().getAsInt()))
              : Optional.empty();
      rows.add(new GridRow(c, name, sample(members.get(c.cluster()), c.cluster()), caption(c, name)));
    }
    return draw(images, rows);
  }

  private String className(int label) {
    if (classNames == null) {
      return "class " + label;
    }
    if (label < 0 || label >= classNames.size()) {
      throw new IllegalArgumentException(
          "true label " + label + " has no class name: " + classNames.size() + " names were given");
    }
    return classNames.get(label);
  }

  /** A seeded sample without replacement (partial Fisher-Yates), seeded per cluster. */
  private List<Integer> sample(List<Integer> members, int cluster) {
    SplittableRandom rng = new SplittableRandom(seed ^ (cluster * 0x9E3779B97F4A7C15L));
    List<Integer> pool = new ArrayList<>(members);
    int k = Math.min(imagesPerCluster, pool.size());
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(pool.size() - i);
      Integer t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    return pool.subList(0, k);
  }

  private static String caption(RankedCluster c, Optional<String> name) {
    String base = String.format(Locale.ROOT, "cluster %d | %d images", c.cluster(), c.size());
    if (name.isEmpty()) {
      return base;
    }
    return String.format(
        Locale.ROOT, "%s | %s %.1f%%", base, name.get(), 100 * c.purity().orElseThrow());
  }

  private ClusterGrid draw(ByteImageSet images, List<GridRow> rows) {
    int h = images.height();
    int w = images.width();
    int s = scale > 0 ? scale : Math.max(1, (MIN_TILE + Math.max(h, w) - 1) / Math.max(h, w));
    int tileW = w * s;
    int tileH = h * s;
    int width = Math.max(MIN_WIDTH, ClusterGrid.GAP + imagesPerCluster * (tileW + ClusterGrid.GAP));
    int height = ClusterGrid.GAP + rows.size() * (ClusterGrid.CAPTION_HEIGHT + tileH + ClusterGrid.GAP);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] fill = new int[width];
    Arrays.fill(fill, BACKGROUND);
    for (int y = 0; y < height; y++) {
      image.setRGB(0, y, width, 1, fill, 0, width);
    }
    ClusterGrid grid = new ClusterGrid(image, rows, s, tileW, tileH, imagesPerCluster);
    int[] line = new int[tileW];
    for (int r = 0; r < rows.size(); r++) {
      List<Integer> samples = rows.get(r).samples();
      for (int c = 0; c < samples.size(); c++) {
        Point o = grid.tileOrigin(r, c);
        int index = samples.get(c);
        for (int ty = 0; ty < tileH; ty++) {
          int sy = ty / s;
          for (int tx = 0; tx < tileW; tx++) {
            line[tx] = rgb(images, index, sy, tx / s);
          }
          image.setRGB(o.x, o.y + ty, tileW, 1, line, 0, tileW);
        }
      }
    }
    drawCaptions(image, grid, rows);
    return grid;
  }

  private static int rgb(ByteImageSet images, int index, int y, int x) {
    if (images.channels() == 1) {
      int v = images.pixel(index, 0, y, x);
      return (v << 16) | (v << 8) | v;
    }
    return (images.pixel(index, 0, y, x) << 16)
        | (images.pixel(index, 1, y, x) << 8)
        | images.pixel(index, 2, y, x);
  }

  private static void drawCaptions(BufferedImage image, ClusterGrid grid, List<GridRow> rows) {
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.setColor(CAPTION_COLOR);
      for (int r = 0; r < rows.size(); r++) {
        int tilesTop = grid.tileOrigin(r, 0).y;
        // clip to the caption band so long names never paint over the tiles
        g.setClip(0, tilesTop - ClusterGrid.CAPTION_HEIGHT, image.getWidth(), ClusterGrid.CAPTION_HEIGHT);
        g.drawString(rows.get(r).caption(), ClusterGrid.GAP, tilesTop - 4);
      }
    } catch (RuntimeException | Error e) {
      // A JDK without any font cannot draw text; the tiles are still right, so keep them.
      LOG.warn("could not draw the grid captions (no usable font?): {}", e.toString());
    } finally {
      g.dispose();
    }
  }

  /** Builder of {@link ClusterGridRenderer}; every setting is optional. */
  public static final class Builder {
    private int clusters = 15;
    private int imagesPerCluster = 9;
    private int minClusterSize;
    private long seed;
    private int scale;
    private List<String> classNames;

    private Builder() {}

    /**
     * How many clusters (rows) to show at most (default 15, as the paper's figure).
     *
     * @param clusters at least 1
     * @return this builder
     */
    public Builder optClusters(int clusters) {
      this.clusters = positive(clusters, "clusters");
      return this;
    }

    /**
     * How many images to sample per cluster (default 9, as the paper's figure).
     *
     * @param imagesPerCluster at least 1
     * @return this builder
     */
    public Builder optImagesPerCluster(int imagesPerCluster) {
      this.imagesPerCluster = positive(imagesPerCluster, "imagesPerCluster");
      return this;
    }

    /**
     * The smallest cluster that may be shown (default: the number of images per cluster, as the paper, so a
     * single-image cluster cannot top the ranking with purity 1).
     *
     * @param minClusterSize at least 1
     * @return this builder
     */
    public Builder optMinClusterSize(int minClusterSize) {
      this.minClusterSize = positive(minClusterSize, "minClusterSize");
      return this;
    }

    /**
     * The seed of the image sampling (default 0). Each cluster's sample depends only on the seed and the
     * cluster id, not on which other clusters are shown.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The integer enlargement of the images (default: the smallest that makes a tile at least 64 pixels on its
     * longer side, e.g. 3 for 28x28 images, 1 for 64x64 and larger).
     *
     * @param scale at least 1
     * @return this builder
     */
    public Builder optScale(int scale) {
      this.scale = positive(scale, "scale");
      return this;
    }

    /**
     * The names of the true classes, indexed by label, for the captions (default: "class k").
     *
     * @param classNames the names; copied
     * @return this builder
     */
    public Builder optClassNames(List<String> classNames) {
      this.classNames = List.copyOf(classNames);
      return this;
    }

    /**
     * Builds the renderer.
     *
     * @return the renderer
     */
    public ClusterGridRenderer build() {
      return new ClusterGridRenderer(this);
    }

    private static int positive(int v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + v);
      }
      return v;
    }
  }
}
