package io.github.selfclassifier.metrics;

import java.util.Arrays;

/**
 * A label vector recoded to dense ids {@code 0..k-1}, in increasing order of the original label values (as
 * {@code numpy.unique} orders them). Any {@code int} values are accepted.
 */
final class EncodedLabels {
  /** Dense ranges up to this many slots, or up to a few times n, are encoded by direct indexing. */
  private static final long DIRECT_RANGE_LIMIT = 1 << 22;

  /** The dense id of every sample. */
  final int[] ids;
  /** The original label value of every id, increasing. */
  final int[] values;
  /** The number of samples of every id. */
  final int[] counts;

  private EncodedLabels(int[] ids, int[] values, int[] counts) {
    this.ids = ids;
    this.values = values;
    this.counts = counts;
  }

  int size() {
    return values.length;
  }

  static EncodedLabels encode(int[] labels) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : labels) {
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    long range = (long) max - min + 1;
    return range <= Math.max(DIRECT_RANGE_LIMIT, 4L * labels.length)
        ? encodeByIndex(labels, min, (int) range)
        : encodeBySorting(labels);
  }

  /** Linear time: a slot per value in [min, max]; ids assigned in value order. */
  private static EncodedLabels encodeByIndex(int[] labels, int min, int range) {
    int[] slot = new int[range];
    for (int v : labels) {
      slot[v - min]++;
    }
    int k = 0;
    for (int s = 0; s < range; s++) {
      if (slot[s] != 0) {
        k++;
      }
    }
    int[] values = new int[k];
    int[] counts = new int[k];
    int id = 0;
    for (int s = 0; s < range; s++) {
      if (slot[s] != 0) {
        values[id] = min + s;
        counts[id] = slot[s];
        slot[s] = id++;
      }
    }
    int[] ids = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      ids[i] = slot[labels[i] - min];
    }
    return new EncodedLabels(ids, values, counts);
  }

  /** Sparse, wide label values: sort the distinct values and look each label up. */
  private static EncodedLabels encodeBySorting(int[] labels) {
    int[] sorted = labels.clone();
    Arrays.sort(sorted);
    int k = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[k++] = sorted[i];
      }
    }
    int[] values = Arrays.copyOf(sorted, k);
    int[] counts = new int[k];
    int[] ids = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int id = Arrays.binarySearch(values, labels[i]);
      ids[i] = id;
      counts[id]++;
    }
    return new EncodedLabels(ids, values, counts);
  }
}
