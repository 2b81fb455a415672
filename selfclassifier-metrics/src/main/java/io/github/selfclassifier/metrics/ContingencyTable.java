package io.github.selfclassifier.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sparse contingency table of two labelings: {@code count(c, k)} is the number of samples with true
 * label {@code c} and predicted label {@code k}. Only non-zero cells are stored, row by row (compressed
 * sparse rows), so memory is {@code O(n + classes + clusters)} whatever the label values; the table is built
 * in linear time by a counting sort of the samples by class.
 *
 * <p>Classes (rows) and clusters (columns) are numbered {@code 0..classes()-1} and {@code 0..clusters()-1}
 * in increasing order of their label values; {@link #classLabel(int)} and {@link #clusterLabel(int)} give
 * the values back. Instances are immutable.
 */
public final class ContingencyTable {
  private final int n;
  private final int[] classLabels;
  private final int[] clusterLabels;
  private final int[] classSizes;
  private final int[] clusterSizes;
  private final int[] rowStart;
  private final int[] cellCluster;
  private final int[] cellCount;

  private ContingencyTable(
      int n,
      EncodedLabels truth,
      EncodedLabels predicted,
      int[] rowStart,
      int[] cellCluster,
      int[] cellCount) {
    this.n = n;
    this.classLabels = truth.values;
    this.clusterLabels = predicted.values;
    this.classSizes = truth.counts;
    this.clusterSizes = predicted.counts;
    this.rowStart = rowStart;
    this.cellCluster = cellCluster;
    this.cellCount = cellCount;
  }

  /**
   * Builds the table of two label vectors.
   *
   * @param truth the true labels
   * @param predicted the predicted labels
   * @return the table
   * @throws IllegalArgumentException if either is empty or their lengths differ (the message names both)
   */
  public static ContingencyTable of(int[] truth, int[] predicted) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException(
          "label vectors must be non-empty and of the same length: truth has "
              + truth.length
              + " labels, predicted has "
              + predicted.length);
    }
    EncodedLabels t = EncodedLabels.encode(truth);
    EncodedLabels p = EncodedLabels.encode(predicted);
    int rows = t.size();
    int n = truth.length;

    // Counting sort of the samples' clusters by class.
    int[] next = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      next[r + 1] = next[r] + t.counts[r];
    }
    int[] clustersByClass = new int[n];
    int[] fill = Arrays.copyOf(next, rows);
    for (int i = 0; i < n; i++) {
      clustersByClass[fill[t.ids[i]]++] = p.ids[i];
    }

    // Per class, count its clusters with a scratch row; emit the touched cells.
    int[] scratch = new int[p.size()];
    int[] touched = new int[p.size()];
    int[] rowStart = new int[rows + 1];
    int[] cellCluster = new int[Math.min(n, (int) Math.min(Integer.MAX_VALUE, (long) rows * p.size()))];
    int[] cellCount = new int[cellCluster.length];
    int cells = 0;
    for (int r = 0; r < rows; r++) {
      int nt = 0;
      for (int s = next[r]; s < next[r + 1]; s++) {
        int k = clustersByClass[s];
        if (scratch[k]++ == 0) {
          touched[nt++] = k;
        }
      }
      for (int q = 0; q < nt; q++) {
        int k = touched[q];
        cellCluster[cells] = k;
        cellCount[cells++] = scratch[k];
        scratch[k] = 0;
      }
      rowStart[r + 1] = cells;
    }
    return new ContingencyTable(
        n, t, p, rowStart, Arrays.copyOf(cellCluster, cells), Arrays.copyOf(cellCount, cells));
  }

  /**
   * The number of samples.
   *
   * @return n
   */
  public int n() {
    return n;
  }

  /**
   * The number of distinct true labels (rows).
   *
   * @return the number of classes
   */
  public int classes() {
    return classLabels.length;
  }

  /**
   * The number of distinct predicted labels (columns).
   *
   * @return the number of clusters
   */
  public int clusters() {
    return clusterLabels.length;
  }

  /**
   * The number of non-zero cells.
   *
   * @return how many (class, cluster) pairs occur
   */
  public int nonZeroCells() {
    return cellCount.length;
  }

  /**
   * The label value of a class index.
   *
   * @param c a class index
   * @return its true label
   */
  public int classLabel(int c) {
    return classLabels[c];
  }

  /**
   * The label value of a cluster index.
   *
   * @param k a cluster index
   * @return its predicted label
   */
  public int clusterLabel(int k) {
    return clusterLabels[k];
  }

  /**
   * The size of a class.
   *
   * @param c a class index
   * @return how many samples have that true label
   */
  public int classSize(int c) {
    return classSizes[c];
  }

  /**
   * The size of a cluster.
   *
   * @param k a cluster index
   * @return how many samples have that predicted label
   */
  public int clusterSize(int k) {
    return clusterSizes[k];
  }

  /**
   * The count of one cell, by a scan of the class's non-zero cells.
   *
   * @param c a class index
   * @param k a cluster index
   * @return how many samples of class {@code c} are in cluster {@code k}
   */
  public int count(int c, int k) {
    for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
      if (cellCluster[s] == k) {
        return cellCount[s];
      }
    }
    return 0;
  }

  /**
   * Visits every non-zero cell, class by class.
   *
   * @param visitor called with (class index, cluster index, count)
   */
  public void forEachCell(CellVisitor visitor) {
    for (int c = 0; c < classLabels.length; c++) {
      for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
        visitor.visit(c, cellCluster[s], cellCount[s]);
      }
    }
  }

  /** Receives the non-zero cells of a table. */
  @FunctionalInterface
  public interface CellVisitor {
    /**
     * One non-zero cell.
     *
     * @param classIndex the row
     * @param clusterIndex the column
     * @param count the number of samples, positive
     */
    void visit(int classIndex, int clusterIndex, int count);
  }

  /**
   * The mutual information of the two labelings in nats, as scikit-learn's {@code mutual_info_score}: 0 when
   * either side has a single label, terms smaller than machine epsilon dropped, clipped at 0.
   *
   * @return MI, at least 0
   */
  public double mutualInformation() {
    if (classes() == 1 || clusters() == 1) {
      return 0.0;
    }
    double logN = Math.log(n);
    double[] logClusterSize = logs(clusterSizes);
    double mi = 0.0;
    for (int c = 0; c < classLabels.length; c++) {
      double logClassSize = Math.log(classSizes[c]);
      for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
        int count = cellCount[s];
        double p = (double) count / n;
        double term =
            p * (Math.log(count) - logN) + p * (logN + logN - logClassSize - logClusterSize[cellCluster[s]]);
        if (Math.abs(term) >= 0x1.0p-52) {
          mi += term;
        }
      }
    }
    return Math.max(mi, 0.0);
  }

  /**
   * The entropy of the true labels in nats.
   *
   * @return H(truth), 0 for a single class
   */
  public double classEntropy() {
    return entropy(classSizes, n);
  }

  /**
   * The entropy of the predicted labels in nats.
   *
   * @return H(predicted), 0 for a single cluster
   */
  public double clusterEntropy() {
    return entropy(clusterSizes, n);
  }

  /**
   * The sum over non-zero cells of {@code count^2}, as an exact integer.
   *
   * @return the sum of squared cell counts
   */
  public long sumOfSquaredCounts() {
    long sum = 0;
    for (int count : cellCount) {
      sum += (long) count * count;
    }
    return sum;
  }

  int[] classSizes() {
    return classSizes;
  }

  int[] clusterSizes() {
    return clusterSizes;
  }

  int[] rowStart() {
    return rowStart;
  }

  int[] cellCluster() {
    return cellCluster;
  }

  int[] cellCount() {
    return cellCount;
  }

  static long sumOfSquares(int[] sizes) {
    long sum = 0;
    for (int s : sizes) {
      sum += (long) s * s;
    }
    return sum;
  }

  private static double entropy(int[] sizes, int n) {
    if (sizes.length == 1) {
      return 0.0;
    }
    double logN = Math.log(n);
    double h = 0.0;
    for (int s : sizes) {
      h -= ((double) s / n) * (Math.log(s) - logN);
    }
    return h;
  }

  private static double[] logs(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.log(values[i]);
    }
    return out;
  }
}
