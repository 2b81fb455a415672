package io.github.selfclassifier.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.djl.ArrayUpload;
import io.github.selfclassifier.djl.loss.NdSelfClassifierLoss;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.queue.NearestNeighborQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The forward pass and loss of one training step, with the batch split across devices: each device runs the
 * network on its slice of every view (backbone once per crop size, head, nearest-neighbour replacement of
 * view 0, classifiers), then the logits of all devices are gathered on the first device, in batch order,
 * and the loss is computed there over the whole batch, as the reference does with its all-gather (the loss
 * normalises over the batch, so computing it per slice would be another loss).
 *
 * <p>Device {@code i} of {@code n} takes samples {@code [i B/n, (i+1) B/n)} of every view. With one device
 * this is the plain single-device step. Call it inside a {@code GradientCollector}; gradients flow back
 * through the gathers to every device's parameter values (from the {@link ParameterStore}). Only the
 * per-sample parts run per device: with BatchNorm in the network, each device normalises its own slice
 * (as DistributedDataParallel without SyncBatchNorm).
 */
public final class SplitBatchForward {
  private final SelfClassifierBlock model;
  private final ParameterStore parameterStore;
  private final List<Device> devices;
  private final NdSelfClassifierLoss loss;

  /**
   * Creates the step's forward pass.
   *
   * @param model the network
   * @param parameterStore gives each device its parameter values
   * @param devices the devices, the first one gathers and computes the loss; a device may repeat
   * @param loss the loss
   */
  public SplitBatchForward(
      SelfClassifierBlock model, ParameterStore parameterStore, List<Device> devices, NdSelfClassifierLoss loss) {
    this.model = Objects.requireNonNull(model, "model");
    this.parameterStore = Objects.requireNonNull(parameterStore, "parameterStore");
    this.devices = List.copyOf(devices);
    if (this.devices.isEmpty()) {
      throw new IllegalArgumentException("need at least one device");
    }
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /**
   * What the step needs after the forward pass, all on the first device.
   *
   * @param loss the 0-d loss over the whole batch
   * @param firstViewEmbeddings view 0's embeddings before any neighbour replacement, (B, d), for the queue
   * @param firstViewLogits head 0's logits of view 0, (B, C_0)
   */
  public record Output(NDArray loss, NDArray firstViewEmbeddings, NDArray firstViewLogits) {}

  /**
   * Runs the forward pass in training mode and the loss.
   *
   * @param managers the step's manager of each device (arrays of the step live there); called once per
   *     device of the list
   * @param batch the batch's views
   * @param channels the channels of every view
   * @param globalSize the side of the global views
   * @param localSize the side of the local views
   * @param views the number of views (2 global and the local ones)
   * @param queue the nearest-neighbour queue, or null; used only when full
   * @param neighborsOut if not null, receives the dataset index of each sample's queue neighbour (when the
   *     queue is full)
   * @return the loss and what the step reports
   * @throws IllegalArgumentException if the batch does not split evenly across the devices
   */
  public Output forward(
      Function<Device, NDManager> managers,
      ViewBatch batch,
      int channels,
      int globalSize,
      int localSize,
      int views,
      NearestNeighborQueue queue,
      long[] neighborsOut) {
    int b = batch.size();
    int n = devices.size();
    if (b % n != 0) {
      throw new IllegalArgumentException("batch " + b + " does not split evenly across " + n + " devices");
    }
    int slice = b / n;
    int heads = model.numHeads();
    Device first = devices.get(0);
    boolean replace = queue != null && queue.isFull();
    // parts[h][v] lists the logits of head h, view v, one array per device in device order
    List<List<List<NDArray>>> parts = new ArrayList<>();
    for (int h = 0; h < heads; h++) {
      List<List<NDArray>> perView = new ArrayList<>();
      for (int v = 0; v < views; v++) {
        perView.add(new ArrayList<>(n));
      }
      parts.add(perView);
    }
    List<NDArray> firstViewEmbeddings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Device device = devices.get(i);
      NDManager manager = managers.apply(device);
      int from = i * slice;
      NDArray global = ArrayUpload.create(manager,
          sliceViews(batch.globalViews(), 2, b, from, slice, channels * globalSize * globalSize),
          new Shape(2L * slice, channels, globalSize, globalSize));
      NDArray features = model.backbone().forward(parameterStore, new NDList(global), true).singletonOrThrow();
      if (views > 2) {
        NDArray local = ArrayUpload.create(manager,
            sliceViews(batch.localViews(), views - 2, b, from, slice, channels * localSize * localSize),
            new Shape((long) (views - 2) * slice, channels, localSize, localSize));
        NDArray localFeatures =
            model.backbone().forward(parameterStore, new NDList(local), true).singletonOrThrow();
        features = features.concat(localFeatures, 0);
      }
      NDArray z = model.head().forward(parameterStore, new NDList(features), true).singletonOrThrow();
      NDArray z0 = z.get(new NDIndex("0:{}", slice));
      firstViewEmbeddings.add(onDevice(z0, first));
      NDArray classifierInput = z;
      if (replace) {
        long[] rows = Arrays.copyOfRange(batch.indices(), from, from + slice);
        long[] neighbors = neighborsOut == null ? null : new long[slice];
        NDArray replaced = queue.replaceWithNeighbors(z0, rows, neighbors);
        if (neighbors != null) {
          System.arraycopy(neighbors, 0, neighborsOut, from, slice);
        }
        classifierInput = replaced.concat(z.get(new NDIndex("{}:", slice)), 0);
      }
      NDList logits = model.classifiers().forward(parameterStore, new NDList(classifierInput), true);
      for (int h = 0; h < heads; h++) {
        NDList split = logits.get(h).split(views, 0);
        for (int v = 0; v < views; v++) {
          parts.get(h).get(v).add(onDevice(split.get(v), first));
        }
      }
    }
    List<List<NDArray>> gathered = new ArrayList<>(heads);
    for (int h = 0; h < heads; h++) {
      List<NDArray> perView = new ArrayList<>(views);
      for (int v = 0; v < views; v++) {
        perView.add(concat(parts.get(h).get(v)));
      }
      gathered.add(perView);
    }
    NDArray lossValue = loss.compute(gathered);
    return new Output(lossValue, concat(firstViewEmbeddings), gathered.get(0).get(0));
  }

  private static NDArray concat(List<NDArray> arrays) {
    return arrays.size() == 1 ? arrays.get(0) : NDArrays.concat(new NDList(arrays), 0);
  }

  private static NDArray onDevice(NDArray array, Device device) {
    return array.getDevice().equals(device) ? array : array.toDevice(device, false);
  }

  /** Samples {@code [from, from + count)} of each of {@code views} view-major blocks of {@code b} images. */
  private static float[] sliceViews(float[] all, int views, int b, int from, int count, int perImage) {
    if (count == b) {
      return all;
    }
    float[] out = new float[views * count * perImage];
    for (int v = 0; v < views; v++) {
      System.arraycopy(all, (v * b + from) * perImage, out, v * count * perImage, count * perImage);
    }
    return out;
  }
}
