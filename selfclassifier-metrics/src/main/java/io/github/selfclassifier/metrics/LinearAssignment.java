package io.github.selfclassifier.metrics;

import java.util.Arrays;

/**
 * Exact maximum-weight assignment of every row to a distinct column of a rectangular matrix (rows no more than
 * columns), for the sparse integer weights of a contingency table:
 *
 * <pre>
 *   weight(i, j) = scale * count(i, j) - penalty(j)
 * </pre>
 *
 * where {@code count} is non-zero only on a few cells per row. Shortest augmenting paths with dual potentials
 * (the Jonker-Volgenant family, as in Crouse 2016 and scipy's {@code linear_sum_assignment}), in exact
 * {@code long} arithmetic. Rows start on their best column when it is free, so only the conflicting rows
 * need a search. A row's dense view is scattered into a scratch array only while it is scanned: memory is
 * {@code O(rows + columns + cells)}, never rows x columns.
 */
final class LinearAssignment {
  private static final long INF = Long.MAX_VALUE / 4;

  private final int rows;
  private final int cols;
  private final int[] rowStart;
  private final int[] cellCol;
  private final int[] cellCount;
  private final long scale;
  private final long[] penalty;
  private final int[] denseRow;

  private LinearAssignment(
      int rows, int cols, int[] rowStart, int[] cellCol, int[] cellCount, long scale, long[] penalty) {
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.cellCol = cellCol;
    this.cellCount = cellCount;
    this.scale = scale;
    this.penalty = penalty;
    this.denseRow = new int[cols];
  }

  /**
   * Solves the assignment.
   *
   * @param rows number of rows, at most {@code cols}
   * @param cols number of columns
   * @param rowStart row {@code i}'s cells are {@code rowStart[i]..rowStart[i+1]-1}
   * @param cellCol the column of each cell (distinct within a row)
   * @param cellCount the count of each cell, positive
   * @param scale the factor on counts, positive
   * @param penalty per-column penalty subtracted from every weight in that column, or null for none
   * @return the column assigned to each row, all distinct
   */
  static int[] maximize(
      int rows, int cols, int[] rowStart, int[] cellCol, int[] cellCount, long scale, long[] penalty) {
    if (rows > cols) {
      throw new IllegalArgumentException("more rows (" + rows + ") than columns (" + cols + ")");
    }
    return new LinearAssignment(
            rows, cols, rowStart, cellCol, cellCount, scale, penalty == null ? new long[cols] : penalty)
        .solve();
  }

  private int[] solve() {
    long[] u = new long[rows];
    long[] v = new long[cols];
    int[] colOfRow = new int[rows];
    int[] rowOfCol = new int[cols];
    Arrays.fill(colOfRow, -1);
    Arrays.fill(rowOfCol, -1);

    // Dual start u(i) = min_j cost(i, j), v = 0: every reduced cost is >= 0; a row whose cheapest column is
    // free takes it (reduced cost 0), which keeps the search's invariants.
    for (int i = 0; i < rows; i++) {
      scatter(i);
      long best = INF;
      int bestCol = -1;
      for (int j = 0; j < cols; j++) {
        long c = cost(j);
        if (c < best) {
          best = c;
          bestCol = j;
        }
      }
      clear(i);
      u[i] = best;
      if (rowOfCol[bestCol] < 0) {
        rowOfCol[bestCol] = i;
        colOfRow[i] = bestCol;
      }
    }

    long[] pathCost = new long[cols];
    int[] pathRow = new int[cols];
    int[] remaining = new int[cols];
    int[] scannedRows = new int[rows];
    int[] scannedCols = new int[cols];
    for (int start = 0; start < rows; start++) {
      if (colOfRow[start] >= 0) {
        continue;
      }
      Arrays.fill(pathCost, INF);
      for (int it = 0; it < cols; it++) {
        remaining[it] = cols - it - 1;
      }
      int numRemaining = cols;
      int numScannedRows = 0;
      int numScannedCols = 0;
      long minVal = 0;
      int i = start;
      int sink = -1;
      while (sink < 0) {
        scannedRows[numScannedRows++] = i;
        scatter(i);
        long ui = u[i];
        int index = -1;
        long lowest = INF;
        for (int it = 0; it < numRemaining; it++) {
          int j = remaining[it];
          long r = minVal + cost(j) - ui - v[j];
          if (r < pathCost[j]) {
            pathRow[j] = i;
            pathCost[j] = r;
          }
          long pc = pathCost[j];
          if (pc < lowest || (pc == lowest && rowOfCol[j] < 0)) {
            lowest = pc;
            index = it;
          }
        }
        clear(i);
        minVal = lowest;
        int j = remaining[index];
        if (rowOfCol[j] < 0) {
          sink = j;
        } else {
          i = rowOfCol[j];
        }
        scannedCols[numScannedCols++] = j;
        remaining[index] = remaining[--numRemaining];
      }

      u[start] += minVal;
      for (int q = 1; q < numScannedRows; q++) {
        int r = scannedRows[q];
        u[r] += minVal - pathCost[colOfRow[r]];
      }
      for (int q = 0; q < numScannedCols; q++) {
        int j = scannedCols[q];
        v[j] -= minVal - pathCost[j];
      }

      int j = sink;
      while (true) {
        int r = pathRow[j];
        rowOfCol[j] = r;
        int previous = colOfRow[r];
        colOfRow[r] = j;
        if (r == start) {
          break;
        }
        j = previous;
      }
    }
    return colOfRow;
  }

  /** The cost (negated weight) of column j in the row currently scattered. */
  private long cost(int j) {
    return penalty[j] - scale * denseRow[j];
  }

  private void scatter(int row) {
    for (int s = rowStart[row]; s < rowStart[row + 1]; s++) {
      denseRow[cellCol[s]] = cellCount[s];
    }
  }

  private void clear(int row) {
    for (int s = rowStart[row]; s < rowStart[row + 1]; s++) {
      denseRow[cellCol[s]] = 0;
    }
  }
}
