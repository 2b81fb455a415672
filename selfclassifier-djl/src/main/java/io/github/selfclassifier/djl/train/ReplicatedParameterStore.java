package io.github.selfclassifier.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.djl.ArrayUpload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values for several devices: the parameters' own arrays on the primary device (the first one),
 * a copy per other distinct device. The trainer updates only the primary arrays (so optimiser state exists
 * once, by parameter name): {@link #addReplicaGradientsToPrimary()} before the update sums every replica's
 * gradient into the primary one, {@link #copyPrimaryToReplicas()} after it copies all parameters (BatchNorm
 * statistics included, as DistributedDataParallel broadcasts buffers) back to the replicas. Repeating a
 * device in the list (e.g. two "cpu") makes no copy: both slices use the same arrays.
 *
 * <p>The copy back goes through host memory; on GPUs a device-to-device copy would be faster.
 */
final class ReplicatedParameterStore extends ParameterStore implements AutoCloseable {
  private final Device primary;
  private final Map<String, Parameter> parameters;
  private final Map<Device, NDManager> managers = new LinkedHashMap<>();
  private final Map<Device, Map<String, NDArray>> replicas = new LinkedHashMap<>();

  /**
   * Creates the replicas.
   *
   * @param primaryManager the manager of the primary device
   * @param parameters the model's parameters by name, initialised on the primary device
   * @param devices the devices, the first is the primary
   */
  ReplicatedParameterStore(NDManager primaryManager, Map<String, Parameter> parameters, List<Device> devices) {
    super(primaryManager, false);
    this.primary = devices.get(0);
    this.parameters = parameters;
    for (Device d : devices) {
      if (d.equals(primary) || replicas.containsKey(d)) {
        continue;
      }
      NDManager manager = NDManager.newBaseManager(d, primaryManager.getEngine().getEngineName());
      managers.put(d, manager);
      Map<String, NDArray> copies = new LinkedHashMap<>();
      for (Parameter p : parameters.values()) {
        NDArray copy = p.getArray().toDevice(d, true);
        copy.attach(manager);
        if (p.requiresGradient()) {
          copy.setRequiresGradient(true);
        }
        copies.put(p.getId(), copy);
      }
      replicas.put(d, copies);
    }
  }

  /**
   * Whether there is any replica (several distinct devices).
   *
   * @return true with at least two distinct devices
   */
  boolean hasReplicas() {
    return !replicas.isEmpty();
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    if (parameter == null) {
      return null; // optional parameters, e.g. a convolution without bias, as DJL's store does
    }
    if (device.equals(primary)) {
      return parameter.getArray();
    }
    Map<String, NDArray> copies = replicas.get(device);
    if (copies == null) {
      throw new IllegalArgumentException("no parameter copies on " + device);
    }
    return copies.get(parameter.getId());
  }

  /** Adds each replica's gradient to the primary gradient of the same parameter and zeroes the replica's. */
  void addReplicaGradientsToPrimary() {
    for (Parameter p : parameters.values()) {
      if (!p.requiresGradient()) {
        continue;
      }
      try (NDArray sum = p.getArray().getGradient()) {
        for (Map<String, NDArray> copies : replicas.values()) {
          try (NDArray grad = copies.get(p.getId()).getGradient();
              NDArray moved = grad.toDevice(primary, true)) {
            sum.addi(moved);
            grad.subi(grad);
          }
        }
      }
    }
  }

  /** Copies every primary parameter (trainable or not) to the replicas. */
  void copyPrimaryToReplicas() {
    for (Parameter p : parameters.values()) {
      if (replicas.isEmpty()) {
        return;
      }
      float[] values = p.getArray().toFloatArray();
      for (Map<String, NDArray> copies : replicas.values()) {
        ArrayUpload.set(copies.get(p.getId()), values);
      }
    }
  }

  /** Frees the replicas. */
  @Override
  public void close() {
    for (NDManager m : managers.values()) {
      m.close();
    }
    managers.clear();
    replicas.clear();
  }
}
