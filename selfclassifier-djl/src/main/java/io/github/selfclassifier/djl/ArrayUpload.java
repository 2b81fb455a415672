package io.github.selfclassifier.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Copies Java arrays into native arrays without DJL 0.36's MXNet use-after-free; use it instead of {@code
 * NDManager.create(float[] ...)}, {@code NDManager.create(long[])}, {@code NDManager.create(float)} and
 * {@code NDArray.set(Buffer)} wherever the engine may be MXNet.
 *
 * <p>The bug: for a heap array, DJL's MXNet engine copies the values into a temporary direct {@link
 * ByteBuffer}, takes its address, and hands the address to {@code MXNDArraySyncCopyFromCPU}; after taking
 * the address nothing refers to the buffer any more, so a garbage collection during the native copy may free
 * the buffer's memory (its cleaner runs on another thread) and the allocator reuses it: the first values of
 * the new array are then garbage. How often depends on the garbage collector's timing, so runs differ from one
 * another. Measured: 600 copies of an (64, 8, 8, 8) array with {@code System.gc()} running in a second thread
 * corrupted the first element in 1 run of 3; in training, the corrupted first pixel of a batch put running
 * means of 1e14 into the first BatchNorm (so inference predicted a single cluster), and corrupted neighbour
 * indices of the queue changed the training itself. Here, on MXNet, the direct buffer is ours and kept
 * reachable until the copy has returned. PyTorch's path is left to DJL (it is not affected; measured under the
 * same stress).
 */
public final class ArrayUpload {

  private ArrayUpload() {}

  /**
   * A float32 array with the given values.
   *
   * @param manager the manager (engine and device) of the new array
   * @param data the values, row-major
   * @param shape the shape, of {@code data.length} elements
   * @return the new array, attached to {@code manager}
   */
  public static NDArray create(NDManager manager, float[] data, Shape shape) {
    if (!isMxNet(manager)) {
      return manager.create(data, shape);
    }
    ByteBuffer buffer = direct(data.length, Float.BYTES);
    buffer.asFloatBuffer().put(data);
    try {
      return manager.create(buffer, shape, DataType.FLOAT32);
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  /**
   * An int64 array with the given values.
   *
   * @param manager the manager (engine and device) of the new array
   * @param data the values, row-major
   * @param shape the shape, of {@code data.length} elements
   * @return the new array, attached to {@code manager}
   */
  public static NDArray create(NDManager manager, long[] data, Shape shape) {
    if (!isMxNet(manager)) {
      return manager.create(data, shape);
    }
    ByteBuffer buffer = direct(data.length, Long.BYTES);
    buffer.asLongBuffer().put(data);
    try {
      return manager.create(buffer, shape, DataType.INT64);
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  /**
   * A 1-D int64 array with the given values.
   *
   * @param manager the manager (engine and device) of the new array
   * @param data the values
   * @return the new array of shape {@code (data.length)}, attached to {@code manager}
   */
  public static NDArray create(NDManager manager, long[] data) {
    return create(manager, data, new Shape(data.length));
  }

  /**
   * A 0-d float32 array.
   *
   * @param manager the manager (engine and device) of the new array
   * @param value the value
   * @return the new scalar array, attached to {@code manager}
   */
  public static NDArray scalar(NDManager manager, float value) {
    return create(manager, new float[] {value}, new Shape());
  }

  /**
   * A 0-d float64 array.
   *
   * @param manager the manager (engine and device) of the new array
   * @param value the value
   * @return the new scalar array, attached to {@code manager}
   */
  public static NDArray scalar(NDManager manager, double value) {
    if (!isMxNet(manager)) {
      return manager.create(value);
    }
    ByteBuffer buffer = direct(1, Double.BYTES);
    buffer.asDoubleBuffer().put(value);
    try {
      return manager.create(buffer, new Shape(), DataType.FLOAT64);
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  /**
   * Overwrites a float32 array's values in place.
   *
   * @param target the array to overwrite
   * @param data the new values, row-major, as many as the array has
   * @throws IllegalArgumentException if the number of values differs from the array's size
   */
  public static void set(NDArray target, float[] data) {
    if (data.length != target.size()) {
      throw new IllegalArgumentException(
          "array of shape " + target.getShape() + " cannot take " + data.length + " values");
    }
    if (!isMxNet(target.getManager())) {
      target.set(FloatBuffer.wrap(data));
      return;
    }
    ByteBuffer buffer = direct(data.length, Float.BYTES);
    buffer.asFloatBuffer().put(data);
    try {
      target.set(buffer);
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  private static ByteBuffer direct(int count, int bytesPerValue) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(count, bytesPerValue)).order(ByteOrder.nativeOrder());
  }

  private static boolean isMxNet(NDManager manager) {
    return EngineSelector.MXNET.equals(manager.getEngine().getEngineName());
  }
}
