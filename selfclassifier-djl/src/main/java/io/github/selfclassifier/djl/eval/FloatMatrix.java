package io.github.selfclassifier.djl.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense matrix of floats in one row-major array: the compact form of features (one row per
 * sample), which needs no native memory. 70,000 x 784 takes 220 MB.
 */
public final class FloatMatrix {
  private final int rows;
  private final int cols;
  private final float[] data;

  private FloatMatrix(int rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * A matrix over a copy of row-major values.
   *
   * @param rows the number of rows, at least 1
   * @param cols the number of columns, at least 1
   * @param values rows x cols values, row after row
   * @return the matrix
   * @throws IllegalArgumentException if a dimension is not positive or the length is not rows x cols
   */
  public static FloatMatrix of(int rows, int cols, float[] values) {
    Objects.requireNonNull(values, "values");
    check(rows, cols, values.length);
    return new FloatMatrix(rows, cols, values.clone());
  }

  /**
   * A matrix over a copy of rows of equal length.
   *
   * @param rows the rows, at least one, each of the same non-zero length
   * @return the matrix
   * @throws IllegalArgumentException if there is no row or the rows differ in length (naming the row)
   */
  public static FloatMatrix ofRows(float[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException("a matrix needs at least one row");
    }
    int cols = rows[0].length;
    float[] data = new float[Math.multiplyExact(rows.length, cols)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
      }
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    check(rows.length, cols, data.length);
    return new FloatMatrix(rows.length, cols, data);
  }

  /** Takes ownership of the array (no copy); for this package's producers. */
  static FloatMatrix wrap(int rows, int cols, float[] values) {
    check(rows, cols, values.length);
    return new FloatMatrix(rows, cols, values);
  }

  private static void check(int rows, int cols, int length) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix dimensions must be positive: " + rows + " x " + cols);
    }
    if ((long) rows * cols != length) {
      throw new IllegalArgumentException(
          length + " values do not make a " + rows + " x " + cols + " matrix");
    }
  }

  /**
   * The number of rows (samples).
   *
   * @return the row count
   */
  public int rows() {
    return rows;
  }

  /**
   * The number of columns (feature dimension).
   *
   * @return the column count
   */
  public int cols() {
    return cols;
  }

  /**
   * One value.
   *
   * @param row the row
   * @param col the column
   * @return the value
   */
  public float get(int row, int col) {
    return data[Objects.checkIndex(row, rows) * cols + Objects.checkIndex(col, cols)];
  }

  /**
   * A copy of one row.
   *
   * @param row the row
   * @return its cols values
   */
  public float[] row(int row) {
    int from = Objects.checkIndex(row, rows) * cols;
    return Arrays.copyOfRange(data, from, from + cols);
  }

  /**
   * A copy of all values, row after row.
   *
   * @return rows x cols values
   */
  public float[] toArray() {
    return data.clone();
  }

  /**
   * The rows at the given indices, in that order (e.g. to split one extraction into train and test).
   *
   * @param indices row indices
   * @return a new matrix
   */
  public FloatMatrix selectRows(int[] indices) {
    float[] out = new float[Math.multiplyExact(indices.length, cols)];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(data, Objects.checkIndex(indices[i], rows) * cols, out, i * cols, cols);
    }
    return wrap(indices.length, cols, out);
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the first row
   * @param to one past the last row
   * @return a new matrix
   */
  public FloatMatrix rowRange(int from, int to) {
    Objects.checkFromToIndex(from, to, rows);
    return wrap(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /**
   * This matrix with every row scaled to unit Euclidean norm (rows of norm 0 stay 0).
   *
   * @return a new matrix
   */
  public FloatMatrix l2NormalizedRows() {
    float[] out = new float[data.length];
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += (double) data[base + j] * data[base + j];
      }
      double inv = s > 0 ? 1.0 / Math.sqrt(s) : 0;
      for (int j = 0; j < cols; j++) {
        out[base + j] = (float) (data[base + j] * inv);
      }
    }
    return wrap(rows, cols, out);
  }

  /** The backing array, not copied: read only, for this package. */
  float[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + rows + " x " + cols + "]";
  }
}
