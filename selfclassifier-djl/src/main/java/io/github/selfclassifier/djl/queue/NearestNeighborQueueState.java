package io.github.selfclassifier.djl.queue;

import java.util.Arrays;

/**
 * The content of a {@link NearestNeighborQueue} in plain Java arrays, for checkpoints.
 *
 * <p>Slot {@code s} of the queue holds the embedding {@code embeddings[s * dimension .. (s + 1) * dimension)}
 * of dataset sample {@code indices[s]}. Slots are written in order {@code 0, 1, ..., capacity - 1, 0, ...};
 * {@code writePosition} is the next slot to be written and {@code size} the number of slots written so far
 * (at most {@code capacity}); while the queue is not full, {@code writePosition == size} and the slots from
 * {@code size} on are zeros. The arrays are taken and returned without copying (they can be large: 128 MB for
 * the paper's 262,144 x 128): treat them as read-only.
 *
 * @param capacity the number of slots, at least 1
 * @param dimension the embedding dimension, at least 1
 * @param embeddings {@code capacity * dimension} floats, row-major
 * @param indices {@code capacity} dataset indices
 * @param writePosition the next slot to be written, in [0, capacity)
 * @param size the number of slots holding an embedding, in [0, capacity]
 */
public record NearestNeighborQueueState(
    int capacity, int dimension, float[] embeddings, long[] indices, int writePosition, int size) {

  /**
   * Validates the state.
   *
   * @param capacity the number of slots, at least 1
   * @param dimension the embedding dimension, at least 1
   * @param embeddings {@code capacity * dimension} floats, row-major
   * @param indices {@code capacity} dataset indices
   * @param writePosition the next slot to be written, in [0, capacity)
   * @param size the number of slots holding an embedding, in [0, capacity]
   * @throws IllegalArgumentException if the sizes or positions are inconsistent
   */
  public NearestNeighborQueueState {
    if (capacity < 1 || dimension < 1) {
      throw new IllegalArgumentException(
          "capacity and dimension must be at least 1, got " + capacity + ", " + dimension);
    }
    if (embeddings == null || embeddings.length != (long) capacity * dimension) {
      throw new IllegalArgumentException("embeddings must hold capacity * dimension = "
          + (long) capacity * dimension + " floats");
    }
    if (indices == null || indices.length != capacity) {
      throw new IllegalArgumentException("indices must hold capacity = " + capacity + " values");
    }
    if (writePosition < 0 || writePosition >= capacity || size < 0 || size > capacity) {
      throw new IllegalArgumentException(
          "need 0 <= writePosition < capacity and 0 <= size <= capacity, got " + writePosition + ", " + size);
    }
    if (size < capacity && writePosition != size) {
      throw new IllegalArgumentException(
          "a queue that is not full has writePosition == size, got " + writePosition + ", " + size);
    }
  }

  /**
   * Whether every slot holds an embedding.
   *
   * @return {@code size == capacity}
   */
  public boolean isFull() {
    return size == capacity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NearestNeighborQueueState s
        && capacity == s.capacity
        && dimension == s.dimension
        && writePosition == s.writePosition
        && size == s.size
        && Arrays.equals(indices, s.indices)
        && Arrays.equals(embeddings, s.embeddings);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * capacity + dimension) + writePosition + 7 * size) + Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return "NearestNeighborQueueState[capacity=" + capacity + ", dimension=" + dimension
        + ", writePosition=" + writePosition + ", size=" + size + "]";
  }
}
