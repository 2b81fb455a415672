package io.github.selfclassifier.djl.augment;

/**
 * An axis-aligned rectangle of whole pixels inside an image: rows {@code [top, top + height)}, columns
 * {@code [left, left + width)}.
 *
 * @param top first row
 * @param left first column
 * @param height number of rows, positive
 * @param width number of columns, positive
 */
public record CropBox(int top, int left, int height, int width) {

  /**
   * Requires a non-empty box at non-negative coordinates.
   *
   * @param top first row, at least 0
   * @param left first column, at least 0
   * @param height number of rows, at least 1
   * @param width number of columns, at least 1
   */
  public CropBox {
    if (top < 0 || left < 0 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "invalid crop box: top " + top + ", left " + left + ", height " + height + ", width " + width);
    }
  }

  /**
   * Whether the box lies inside an image of the given size.
   *
   * @param imageHeight the image's rows
   * @param imageWidth the image's columns
   * @return true if every pixel of the box is in the image
   */
  public boolean fitsIn(int imageHeight, int imageWidth) {
    return top + height <= imageHeight && left + width <= imageWidth;
  }
}
