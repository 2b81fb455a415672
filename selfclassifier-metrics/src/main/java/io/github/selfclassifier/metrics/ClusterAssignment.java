package io.github.selfclassifier.metrics;

import java.util.Arrays;

/**
 * The Self-Classifier paper's assignment of clusters to classes, on which the accuracy rests.
 *
 * <ul>
 *   <li>At most as many clusters as classes: a maximum-weight matching of the count matrix assigns every
 *       cluster a distinct class ({@link LinearAssignment}); ACC is the matched count over n.
 *   <li>More clusters than classes (over-clustering): every class is matched to a distinct cluster by a
 *       maximum-weight matching, and each unmatched cluster is assigned its most frequent class. Among the
 *       matchings with the maximal matched count, the one whose unmatched clusters have the largest majority
 *       counts is taken (weights {@code count * (n + 1) - majority(cluster)}), so the result does not depend
 *       on how a solver breaks ties.
 * </ul>
 *
 * Indices are the {@link ContingencyTable}'s class and cluster indices.
 */
final class ClusterAssignment {
  /** The class index assigned to every cluster. */
  final int[] classOfCluster;
  /** Whether the cluster's class comes from the matching (true) or from its majority (false). */
  final boolean[] matched;
  /** The most frequent class of every cluster (the smallest index on ties). */
  final int[] majorityClass;
  /** The count of that class in the cluster. */
  final int[] majorityCount;
  /** How many of each cluster's samples belong to its assigned class. */
  final int[] hits;
  /** The sum of hits: ACC times n. */
  final long totalHits;

  private ClusterAssignment(
      int[] classOfCluster, boolean[] matched, int[] majorityClass, int[] majorityCount, int[] hits) {
    this.classOfCluster = classOfCluster;
    this.matched = matched;
    this.majorityClass = majorityClass;
    this.majorityCount = majorityCount;
    this.hits = hits;
    long sum = 0;
    for (int h : hits) {
      sum += h;
    }
    this.totalHits = sum;
  }

  static ClusterAssignment of(ContingencyTable t) {
    int classes = t.classes();
    int clusters = t.clusters();
    int[] rowStart = t.rowStart();
    int[] cellCluster = t.cellCluster();
    int[] cellCount = t.cellCount();

    int[] majorityClass = new int[clusters];
    int[] majorityCount = new int[clusters];
    for (int c = 0; c < classes; c++) {
      for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
        int k = cellCluster[s];
        if (cellCount[s] > majorityCount[k]) {
          majorityCount[k] = cellCount[s];
          majorityClass[k] = c;
        }
      }
    }

    int[] classOfCluster = new int[clusters];
    boolean[] matched = new boolean[clusters];
    if (clusters <= classes) {
      Transposed byCluster = Transposed.of(t);
      int[] match =
          LinearAssignment.maximize(
              clusters, classes, byCluster.rowStart, byCluster.cellCol, byCluster.cellCount, 1, null);
      System.arraycopy(match, 0, classOfCluster, 0, clusters);
      Arrays.fill(matched, true);
    } else {
      long[] penalty = new long[clusters];
      for (int k = 0; k < clusters; k++) {
        penalty[k] = majorityCount[k];
      }
      int[] clusterOfClass =
          LinearAssignment.maximize(
              classes, clusters, rowStart, cellCluster, cellCount, (long) t.n() + 1, penalty);
      System.arraycopy(majorityClass, 0, classOfCluster, 0, clusters);
      for (int c = 0; c < classes; c++) {
        classOfCluster[clusterOfClass[c]] = c;
        matched[clusterOfClass[c]] = true;
      }
    }

    int[] hits = new int[clusters];
    for (int c = 0; c < classes; c++) {
      for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
        int k = cellCluster[s];
        if (classOfCluster[k] == c) {
          hits[k] = cellCount[s];
        }
      }
    }
    return new ClusterAssignment(classOfCluster, matched, majorityClass, majorityCount, hits);
  }

  /**
   * The number of samples whose assigned class and true class have the same superclass.
   *
   * @param superOfClass the superclass id of every class index
   */
  long superclassHits(ContingencyTable t, int[] superOfClass) {
    int[] rowStart = t.rowStart();
    int[] cellCluster = t.cellCluster();
    int[] cellCount = t.cellCount();
    long sum = 0;
    for (int c = 0; c < t.classes(); c++) {
      for (int s = rowStart[c]; s < rowStart[c + 1]; s++) {
        if (superOfClass[classOfCluster[cellCluster[s]]] == superOfClass[c]) {
          sum += cellCount[s];
        }
      }
    }
    return sum;
  }

  /** The table's cells grouped by cluster instead of by class. */
  private static final class Transposed {
    final int[] rowStart;
    final int[] cellCol;
    final int[] cellCount;

    private Transposed(int[] rowStart, int[] cellCol, int[] cellCount) {
      this.rowStart = rowStart;
      this.cellCol = cellCol;
      this.cellCount = cellCount;
    }

    static Transposed of(ContingencyTable t) {
      int clusters = t.clusters();
      int[] srcStart = t.rowStart();
      int[] srcCluster = t.cellCluster();
      int[] srcCount = t.cellCount();
      int cells = srcCount.length;
      int[] start = new int[clusters + 1];
      for (int s = 0; s < cells; s++) {
        start[srcCluster[s] + 1]++;
      }
      for (int k = 0; k < clusters; k++) {
        start[k + 1] += start[k];
      }
      int[] fill = Arrays.copyOf(start, clusters);
      int[] col = new int[cells];
      int[] count = new int[cells];
      for (int c = 0; c < t.classes(); c++) {
        for (int s = srcStart[c]; s < srcStart[c + 1]; s++) {
          int q = fill[srcCluster[s]]++;
          col[q] = c;
          count[q] = srcCount[s];
        }
      }
      return new Transposed(start, col, count);
    }
  }
}
