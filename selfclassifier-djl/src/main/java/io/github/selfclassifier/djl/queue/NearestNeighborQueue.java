package io.github.selfclassifier.djl.queue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.selfclassifier.djl.ArrayUpload;
import java.util.Arrays;
import java.util.Objects;

/**
 * The nearest-neighbour queue of Self-Classifier: a FIFO of the view-0 embeddings of recent samples (detached
 * copies, one row per sample) with their dataset indices. Once the queue is full, the trainer replaces view
 * 0's embeddings by their nearest neighbours in the queue before the classifiers ({@link
 * #replaceWithNeighbors}); after each step it pushes the batch's view-0 embeddings ({@link #push}). The paper
 * uses 262,144 slots for ImageNet.
 *
 * <p>Embeddings are expected L2-normalised, as the model outputs them, so that the dot product is the
 * cosine; the queue stores them as given (float32). The nearest neighbour of a row is the slot with the
 * largest dot product among the slots whose dataset index differs from the row's: the reference takes the top
 * two and skips the first if it is the sample itself, which is the same whenever the sample is in the queue
 * at most once; here any number of copies of the sample is skipped (a queue longer than the dataset holds
 * several). Only if every slot holds the sample itself is one of them returned. Ties go to the lowest slot
 * (the arg-max of both engines returns the first maximum, as does the Java scan).
 *
 * <p>How: the B x capacity similarity matrix is computed on the queue's device and its row-wise arg-max (B
 * longs) read back and checked against the dataset indices, which are kept on the Java side. Only the rows
 * whose best slot is the sample itself (a sample revisited while still in the queue: near the start of an
 * epoch, or every step when the queue is longer than the dataset) are copied to Java and scanned for the best
 * slot of another sample. The chosen rows are then copied from the queue by an index array. Only operators
 * both engines have are used (MXNet has no {@code topK}). Measured on a shared 2-core CPU (B = 256, capacity
 * 65,536, d = 128): a call costs about 1.2 to 1.35 times the matrix product alone; when every row hits itself,
 * 1.15 (PyTorch) to 1.6 (MXNet) times that again. Pushing the hits down on the device instead (one-hot
 * penalty, second arg-max) cost two to three more matrix products.
 *
 * <p>Memory: the queue owns a sub-manager of the manager it was created with, holding the capacity x
 * dimension array; every temporary of a call lives in an {@link NDScope} closed before the call returns. The
 * array returned by {@link #replaceWithNeighbors} belongs to the input's manager. Not thread-safe.
 */
public final class NearestNeighborQueue implements AutoCloseable {
  private final NDManager manager;
  private final int capacity;
  private final int dimension;
  private final NDArray embeddings;
  private final long[] indices;
  private int writePosition;
  private int size;

  private NearestNeighborQueue(
      NDManager manager, NDArray embeddings, long[] indices, int writePosition, int size) {
    this.manager = manager;
    this.capacity = (int) embeddings.getShape().get(0);
    this.dimension = (int) embeddings.getShape().get(1);
    this.embeddings = embeddings;
    this.indices = indices.clone();
    this.writePosition = writePosition;
    this.size = size;
  }

  /**
   * Creates an empty queue on {@code manager}'s device.
   *
   * @param manager the manager (and device) the queue lives in; the queue takes a sub-manager of it
   * @param capacity the number of slots, at least 1
   * @param dimension the embedding dimension, at least 1
   * @return the empty queue
   */
  public static NearestNeighborQueue create(NDManager manager, int capacity, int dimension) {
    return restore(
        manager,
        new NearestNeighborQueueState(
            capacity, dimension, new float[Math.multiplyExact(capacity, dimension)], new long[capacity], 0, 0));
  }

  /**
   * Creates a queue holding a saved state (from {@link #snapshot()}), on {@code manager}'s device and engine.
   *
   * @param manager the manager (and device) the queue lives in; the queue takes a sub-manager of it
   * @param state the content
   * @return the queue
   */
  public static NearestNeighborQueue restore(NDManager manager, NearestNeighborQueueState state) {
    Objects.requireNonNull(state, "state");
    NDManager own = manager.newSubManager();
    NDArray storage = ArrayUpload.create(own, state.embeddings(), new Shape(state.capacity(), state.dimension()));
    NDScope.unregister(storage);
    return new NearestNeighborQueue(own, storage, state.indices(), state.writePosition(), state.size());
  }

  /**
   * A copy of this queue on another manager (device or engine); this queue stays as it is.
   *
   * @param target the manager of the copy; the copy takes a sub-manager of it
   * @return the copy
   */
  public NearestNeighborQueue copyTo(NDManager target) {
    if (!target.getEngine().getEngineName().equals(manager.getEngine().getEngineName())) {
      return restore(target, snapshot());
    }
    NDManager own = target.newSubManager();
    NDArray storage = embeddings.toDevice(target.getDevice(), true);
    storage.attach(own);
    NDScope.unregister(storage);
    return new NearestNeighborQueue(own, storage, indices, writePosition, size);
  }

  /**
   * The content of the queue in plain Java arrays, for a checkpoint.
   *
   * @return the state
   */
  public NearestNeighborQueueState snapshot() {
    return new NearestNeighborQueueState(
        capacity, dimension, embeddings.toFloatArray(), indices.clone(), writePosition, size);
  }

  /**
   * The number of slots.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * The embedding dimension.
   *
   * @return the dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * The number of slots holding an embedding.
   *
   * @return the size, at most {@link #capacity()}
   */
  public int size() {
    return size;
  }

  /**
   * Whether every slot holds an embedding; only then are neighbours looked up.
   *
   * @return {@code size() == capacity()}
   */
  public boolean isFull() {
    return size == capacity;
  }

  /**
   * The device the queue lives on.
   *
   * @return the device
   */
  public Device getDevice() {
    return manager.getDevice();
  }

  /**
   * Replaces each row of {@code z} by its nearest neighbour in the queue, once the queue is full.
   *
   * @param z the B x dimension embeddings (L2-normalised); not modified
   * @param rowIndices the dataset index of each row
   * @return if the queue is full, a new B x dimension float32 array in {@code z}'s manager and device, with
   *     no gradient, holding the neighbours; otherwise {@code z} itself
   * @throws IllegalArgumentException if the shapes do not match
   */
  public NDArray replaceWithNeighbors(NDArray z, long[] rowIndices) {
    return replaceWithNeighbors(z, rowIndices, null);
  }

  /**
   * As {@link #replaceWithNeighbors(NDArray, long[])}, also telling which sample each neighbour is (e.g. to
   * measure how often a neighbour has the same label, as the trainer reports).
   *
   * @param z the B x dimension embeddings (L2-normalised); not modified
   * @param rowIndices the dataset index of each row
   * @param neighborIndicesOut if not null, an array of B entries that receives the dataset index of each
   *     row's neighbour; left untouched when the queue is not full
   * @return as {@link #replaceWithNeighbors(NDArray, long[])}
   * @throws IllegalArgumentException if the shapes do not match
   */
  public NDArray replaceWithNeighbors(NDArray z, long[] rowIndices, long[] neighborIndicesOut) {
    checkBatch(z, rowIndices);
    if (neighborIndicesOut != null && neighborIndicesOut.length != rowIndices.length) {
      throw new IllegalArgumentException(
          "neighborIndicesOut holds " + neighborIndicesOut.length + " entries for " + rowIndices.length + " rows");
    }
    if (!isFull()) {
      return z;
    }
    NDArray neighbours;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray similarities = onQueueDevice(z).matMul(embeddings.transpose());
      long[] best = similarities.argMax(1).toLongArray();
      skipSelfHits(similarities, best, rowIndices);
      if (neighborIndicesOut != null) {
        for (int b = 0; b < best.length; b++) {
          neighborIndicesOut[b] = indices[(int) best[b]];
        }
      }
      neighbours = embeddings.get(ArrayUpload.create(manager, best));
      if (!neighbours.getDevice().equals(z.getDevice())) {
        neighbours = neighbours.toDevice(z.getDevice(), false);
      }
      NDScope.unregister(neighbours);
    }
    neighbours.attach(z.getManager());
    return neighbours;
  }

  /**
   * Appends the rows of {@code z} with their dataset indices, overwriting the oldest slots once full.
   * Detached copies are stored: no gradient flows through the queue.
   *
   * @param z the B x dimension embeddings, B at most the capacity; not modified
   * @param rowIndices the dataset index of each row
   * @throws IllegalArgumentException if the shapes do not match or B exceeds the capacity
   */
  public void push(NDArray z, long[] rowIndices) {
    int rows = checkBatch(z, rowIndices);
    if (rows > capacity) {
      throw new IllegalArgumentException("cannot push " + rows + " rows into " + capacity + " slots");
    }
    if (rows == 0) {
      return;
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray values = onQueueDevice(z);
      int head = Math.min(rows, capacity - writePosition);
      embeddings.set(
          new NDIndex("{}:{}", writePosition, writePosition + head),
          head == rows ? values : values.get(new NDIndex("0:{}", head)));
      if (head < rows) {
        embeddings.set(new NDIndex("0:{}", rows - head), values.get(new NDIndex("{}:", head)));
      }
    }
    for (long index : rowIndices) {
      indices[writePosition] = index;
      writePosition = (writePosition + 1) % capacity;
    }
    size = Math.min(capacity, size + rows);
  }

  /** Frees the queue's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  /**
   * Replaces, in {@code best}, every row's slot that holds the sample itself by the most similar slot holding
   * another sample, scanning that row of the similarity matrix on the Java side (all rows at once, one copy).
   */
  private void skipSelfHits(NDArray similarities, long[] best, long[] rowIndices) {
    int hitCount = 0;
    long[] hitRows = new long[best.length];
    for (int b = 0; b < best.length; b++) {
      if (indices[(int) best[b]] == rowIndices[b]) {
        hitRows[hitCount++] = b;
      }
    }
    if (hitCount == 0) {
      return;
    }
    float[] rowsOfHits =
        (hitCount == best.length
                ? similarities
                : similarities.get(ArrayUpload.create(manager, Arrays.copyOf(hitRows, hitCount))))
            .toFloatArray();
    for (int k = 0; k < hitCount; k++) {
      int b = (int) hitRows[k];
      int offset = k * capacity;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int slot = 0; slot < capacity; slot++) {
        float value = rowsOfHits[offset + slot];
        if (value > bestValue && indices[slot] != rowIndices[b]) {
          bestValue = value;
          best[b] = slot;
        }
      }
    }
  }

  private NDArray onQueueDevice(NDArray z) {
    NDArray x = z.stopGradient();
    if (!x.getDevice().equals(getDevice())) {
      x = x.toDevice(getDevice(), false);
    }
    return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
  }

  private int checkBatch(NDArray z, long[] rowIndices) {
    Shape shape = z.getShape();
    if (shape.dimension() != 2 || shape.get(1) != dimension) {
      throw new IllegalArgumentException("expected B x " + dimension + " embeddings, got " + shape);
    }
    if (rowIndices.length != shape.get(0)) {
      throw new IllegalArgumentException(
          "got " + rowIndices.length + " dataset indices for " + shape.get(0) + " rows");
    }
    return rowIndices.length;
  }
}
