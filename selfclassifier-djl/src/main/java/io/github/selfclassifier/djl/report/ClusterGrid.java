package io.github.selfclassifier.djl.report;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A rendered grid of sample images, one row per cluster (see {@link ClusterGridRenderer}), with its layout:
 *
 * <ul>
 *   <li>every tile is the source image enlarged {@code scale} times with nearest-neighbour sampling;
 *   <li>row {@code r} starts at {@code y = GAP + r * (CAPTION_HEIGHT + tileHeight + GAP)} with its caption band,
 *       its tiles start {@code CAPTION_HEIGHT} pixels lower;
 *   <li>column {@code c} starts at {@code x = GAP + c * (tileWidth + GAP)}; a cluster with fewer images than
 *       columns leaves its last tiles blank (background).
 * </ul>
 *
 * The image is shared, not copied: do not draw on it.
 */
public final class ClusterGrid {
  /** Pixels between tiles and around the grid. */
  public static final int GAP = 4;

  /** Height of the caption band above each row of tiles. */
  public static final int CAPTION_HEIGHT = 16;

  private final BufferedImage image;
  private final List<GridRow> rows;
  private final int scale;
  private final int tileWidth;
  private final int tileHeight;
  private final int columns;

  ClusterGrid(BufferedImage image, List<GridRow> rows, int scale, int tileWidth, int tileHeight, int columns) {
    this.image = image;
    this.rows = List.copyOf(rows);
    this.scale = scale;
    this.tileWidth = tileWidth;
    this.tileHeight = tileHeight;
    this.columns = columns;
  }

  /**
   * The rendered RGB image.
   *
   * @return the image
   */
  public BufferedImage image() {
    return image;
  }

  /**
   * The rows, top to bottom.
   *
   * @return one row per shown cluster, best first
   */
  public List<GridRow> rows() {
    return rows;
  }

  /**
   * The enlargement of the source images.
   *
   * @return the integer scale factor, at least 1
   */
  public int scale() {
    return scale;
  }

  /**
   * The width of one tile.
   *
   * @return source width times scale
   */
  public int tileWidth() {
    return tileWidth;
  }

  /**
   * The height of one tile.
   *
   * @return source height times scale
   */
  public int tileHeight() {
    return tileHeight;
  }

  /**
   * The number of tile columns (images per cluster).
   *
   * @return the columns
   */
  public int columns() {
    return columns;
  }

  /**
   * The top-left pixel of a tile.
   *
   * @param row the row (cluster rank)
   * @param column the column (sample position)
   * @return the tile's origin in the image
   */
  public Point tileOrigin(int row, int column) {
    Objects.checkIndex(row, rows.size());
    Objects.checkIndex(column, columns);
    return new Point(
        GAP + column * (tileWidth + GAP), GAP + row * (CAPTION_HEIGHT + tileHeight + GAP) + CAPTION_HEIGHT);
  }

  /**
   * Encodes the image as PNG.
   *
   * @return the PNG bytes
   */
  public byte[] toPng() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in javax.imageio");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the image as a PNG file.
   *
   * @param file the file to write (replaced if it exists)
   * @throws IOException if the file cannot be written
   */
  public void writePng(Path file) throws IOException {
    Files.write(file, toPng());
  }

  @Override
  public String toString() {
    return "ClusterGrid["
        + rows.size()
        + " rows x "
        + columns
        + " images, "
        + image.getWidth()
        + "x"
        + image.getHeight()
        + " px]";
  }
}
