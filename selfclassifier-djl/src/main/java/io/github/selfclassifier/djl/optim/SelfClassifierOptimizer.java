package io.github.selfclassifier.djl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.djl.ArrayUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the DJL optimisers driven by an {@link OptimizerConfig}: it owns the learning-rate tracker, the
 * {@link BiasAndNormRule}, the optimiser state and the memory discipline; subclasses only write the update
 * rule.
 *
 * <p><b>Learning rate.</b> Each update asks the tracker for the rate; with a {@link ScheduleTracker} that
 * is the rate of the step the trainer set, the same for every parameter and device of the step.
 *
 * <p><b>Gradients.</b> The gradient is read, never modified or zeroed. PyTorch accumulates gradients across
 * {@code backward()} calls while MXNet overwrites them, and DJL's own {@code Sgd} zeroes the gradient inside
 * its PyTorch update; these optimisers do neither, so that an update does not depend on the engine. The
 * trainer zeroes the gradients before each backward pass. The gradient is first multiplied by DJL's {@code
 * rescaleGrad} (if not 1) and clipped to {@code [-clipGrad, clipGrad]} (if {@code clipGrad > 0}), as DJL's
 * optimisers do; weight decay is set in the config, never through {@code optWeightDecays}.
 *
 * <p><b>State and memory.</b> State (momentum buffers, Adam moments and per-tensor update counts) is kept
 * per parameter and per device, in one {@link NDManager} per device owned by this optimiser and freed by
 * {@link #close()}; state arrays are taken out of any {@link NDScope} the caller has open. Every temporary
 * array of an update lives in an {@code NDScope} closed before {@code update} returns, so the number of live
 * arrays does not grow with the number of steps. Updates happen in place, outside autograd: call {@code
 * update} (or {@code Trainer.step()}) after the gradient collector is closed.
 *
 * <p>Multi-device: DJL's {@code LocalParameterServer} sums the gradients of all devices and calls {@code
 * update} once per device with that sum; each device's replica then takes the same step from its own,
 * identical state.
 */
public abstract class SelfClassifierOptimizer extends Optimizer implements AutoCloseable {
  private final OptimizerConfig config;
  private final ParameterTracker learningRateTracker;
  private final BiasAndNormRule biasAndNormRule;
  private final Map<String, Map<Device, ParameterState>> states = new ConcurrentHashMap<>();
  private final Map<Device, NDManager> stateManagers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates the optimiser from its builder.
   *
   * @param builder the builder
   * @param kind the kind the subclass implements; the builder's config must have it
   */
  protected SelfClassifierOptimizer(BaseBuilder<?> builder, OptimizerKind kind) {
    super(builder);
    this.learningRateTracker =
        Objects.requireNonNull(builder.learningRateTracker, "learning-rate tracker must be set");
    this.config = builder.config != null ? builder.config : OptimizerConfig.builder().optKind(kind).build();
    if (config.kind() != kind) {
      throw new IllegalArgumentException(
          "config is for " + config.kind() + " but this optimiser is " + kind + "; use fromConfig");
    }
    if (getWeightDecay() != 0f) {
      throw new IllegalArgumentException(
          "set the weight decay in OptimizerConfig, not with optWeightDecays, got " + getWeightDecay());
    }
    this.biasAndNormRule = builder.biasAndNormRule;
  }

  /**
   * Creates the optimiser of {@code config.kind()}.
   *
   * @param config the settings
   * @param learningRateTracker the learning rate per update, usually a {@link ScheduleTracker}
   * @param biasAndNormRule which tensors the bias/norm exclusions concern
   * @return a {@link LarsOptimizer}, {@link MomentumSgdOptimizer} or {@link AdamWOptimizer}
   */
  public static SelfClassifierOptimizer fromConfig(
      OptimizerConfig config, ParameterTracker learningRateTracker, BiasAndNormRule biasAndNormRule) {
    return switch (config.kind()) {
      case LARS -> LarsOptimizer.builder()
          .optConfig(config)
          .setLearningRateTracker(learningRateTracker)
          .optBiasAndNormRule(biasAndNormRule)
          .build();
      case SGD -> MomentumSgdOptimizer.builder()
          .optConfig(config)
          .setLearningRateTracker(learningRateTracker)
          .optBiasAndNormRule(biasAndNormRule)
          .build();
      case ADAMW -> AdamWOptimizer.builder()
          .optConfig(config)
          .setLearningRateTracker(learningRateTracker)
          .optBiasAndNormRule(biasAndNormRule)
          .build();
    };
  }

  /**
   * The settings.
   *
   * @return the config
   */
  public OptimizerConfig config() {
    return config;
  }

  /**
   * The rule telling biases and normalisation parameters apart.
   *
   * @return the rule
   */
  public BiasAndNormRule biasAndNormRule() {
    return biasAndNormRule;
  }

  /**
   * The number of live state arrays, over all parameters and devices (a diagnostic: it stays constant once
   * every parameter has been updated once).
   *
   * @return the number of arrays held as optimiser state
   */
  public int stateArrayCount() {
    int n = 0;
    for (NDManager m : stateManagers.values()) {
      n += m.getManagedArrays().size();
    }
    return n;
  }

  @Override
  public final void update(String parameterId, NDArray weight, NDArray grad) {
    if (closed) {
      throw new IllegalStateException("optimiser is closed");
    }
    float learningRate = learningRateTracker.getNewValue(parameterId, updateCount(parameterId));
    boolean biasOrNorm = biasAndNormRule.isBiasOrNorm(parameterId, weight);
    ParameterState state = state(parameterId, weight);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray g = grad;
      if (rescaleGrad != 1f) {
        g = g.mul(rescaleGrad);
      }
      if (clipGrad > 0f) {
        g = g.clip(-clipGrad, clipGrad);
      }
      state.updates++;
      apply(weight, g, g != grad, state.arrays, state.updates, learningRate, biasOrNorm);
    }
  }

  /**
   * Creates the zero-initialised state of one parameter tensor.
   *
   * @param manager the manager the state must be created in
   * @param weight the parameter's array (for shape, type)
   * @return the state arrays
   */
  protected abstract NDList newState(NDManager manager, NDArray weight);

  /**
   * Applies one update to {@code weight} in place. Runs inside an {@link NDScope}: temporaries need not be
   * closed.
   *
   * @param weight the parameter, updated in place
   * @param grad the (rescaled, clipped) gradient; must not be modified unless {@code gradIsTemporary}
   * @param gradIsTemporary whether {@code grad} is a temporary of this update that may be modified
   * @param state the arrays made by {@link #newState}, updated in place
   * @param updateNumber the number of this update of this tensor on this device, from 1
   * @param learningRate the learning rate
   * @param biasOrNorm whether the tensor is a bias or normalisation parameter
   */
  protected abstract void apply(
      NDArray weight,
      NDArray grad,
      boolean gradIsTemporary,
      NDList state,
      long updateNumber,
      float learningRate,
      boolean biasOrNorm);

  /**
   * {@code grad + wd * weight}, or {@code grad} itself when {@code wd} is 0.
   *
   * @param weight the parameter
   * @param grad the gradient
   * @param weightDecay the weight decay
   * @return the decayed gradient
   */
  protected static NDArray decayed(NDArray weight, NDArray grad, double weightDecay) {
    return weightDecay == 0.0 ? grad : grad.add(weight.mul((float) weightDecay));
  }

  /**
   * The state of every parameter tensor updated so far on one device, by parameter id (the trainer uses the
   * parameter's name), for a checkpoint.
   *
   * @param device the device whose state is exported
   * @return parameter id to state, in id order
   */
  public Map<String, OptimizerParameterState> exportState(Device device) {
    Map<String, OptimizerParameterState> out = new TreeMap<>();
    for (Map.Entry<String, Map<Device, ParameterState>> e : states.entrySet()) {
      ParameterState state = e.getValue().get(device);
      if (state == null) {
        continue;
      }
      List<float[]> values = new ArrayList<>();
      List<long[]> shapes = new ArrayList<>();
      for (NDArray a : state.arrays) {
        values.add(a.toType(DataType.FLOAT32, false).toFloatArray());
        shapes.add(a.getShape().getShape());
      }
      out.put(e.getKey(), new OptimizerParameterState(state.updates, values, shapes));
    }
    return out;
  }

  /**
   * Replaces the state of the given parameter tensors on one device by saved state (from {@link
   * #exportState}), e.g. when resuming from a checkpoint. Parameters not in {@code saved} keep their state.
   *
   * @param saved parameter id to state
   * @param device the device the parameters live on
   * @param engineName the engine of the parameters
   * @param dataType the data type of the parameters (the state has the parameters' type)
   */
  public void importState(
      Map<String, OptimizerParameterState> saved, Device device, String engineName, DataType dataType) {
    if (closed) {
      throw new IllegalStateException("optimiser is closed");
    }
    NDManager manager =
        stateManagers.computeIfAbsent(device, d -> NDManager.newBaseManager(d, engineName));
    for (Map.Entry<String, OptimizerParameterState> e : saved.entrySet()) {
      OptimizerParameterState s = e.getValue();
      NDList arrays = new NDList(s.values().size());
      for (int i = 0; i < s.values().size(); i++) {
        NDArray a = ArrayUpload.create(manager, s.values().get(i), new Shape(s.shapes().get(i)));
        arrays.add(a.getDataType() == dataType ? a : a.toType(dataType, false));
      }
      NDScope.unregister(arrays);
      ParameterState state = new ParameterState(arrays);
      state.updates = s.updates();
      ParameterState old =
          states.computeIfAbsent(e.getKey(), k -> new ConcurrentHashMap<>()).put(device, state);
      if (old != null) {
        old.arrays.close();
      }
    }
  }

  /** Frees all optimiser state. The optimiser cannot be used afterwards. */
  @Override
  public void close() {
    closed = true;
    for (NDManager m : stateManagers.values()) {
      m.close();
    }
    stateManagers.clear();
    states.clear();
  }

  private ParameterState state(String parameterId, NDArray weight) {
    Device device = weight.getDevice();
    return states
        .computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            device,
            d -> {
              NDManager manager =
                  stateManagers.computeIfAbsent(
                      d, dd -> NDManager.newBaseManager(dd, weight.getManager().getEngine().getEngineName()));
              NDList arrays = newState(manager, weight);
              NDScope.unregister(arrays);
              return new ParameterState(arrays);
            });
  }

  private static final class ParameterState {
    final NDList arrays;
    long updates;

    ParameterState(NDList arrays) {
      this.arrays = arrays;
    }
  }

  /**
   * Builder base of the optimisers: {@code setLearningRateTracker} is required; the config defaults to the
   * paper's settings for the optimiser's kind and the rule to {@link BiasAndNormRule#byShape()}.
   *
   * @param <T> the concrete builder
   */
  public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends OptimizerBuilder<T> {
    private ParameterTracker learningRateTracker;
    private OptimizerConfig config;
    private BiasAndNormRule biasAndNormRule = BiasAndNormRule.byShape();

    /** Creates a builder. */
    protected BaseBuilder() {}

    /**
     * Sets the learning rate per update (required), usually a {@link ScheduleTracker}.
     *
     * @param learningRateTracker the tracker
     * @return this builder
     */
    public T setLearningRateTracker(ParameterTracker learningRateTracker) {
      this.learningRateTracker = Objects.requireNonNull(learningRateTracker, "learningRateTracker");
      return self();
    }

    /**
     * Sets the optimiser settings (default: the paper's, with this optimiser's kind).
     *
     * @param config the settings; its kind must be this optimiser's
     * @return this builder
     */
    public T optConfig(OptimizerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return self();
    }

    /**
     * Sets the rule telling biases and normalisation parameters apart (default {@link
     * BiasAndNormRule#byShape()}).
     *
     * @param biasAndNormRule the rule
     * @return this builder
     */
    public T optBiasAndNormRule(BiasAndNormRule biasAndNormRule) {
      this.biasAndNormRule = Objects.requireNonNull(biasAndNormRule, "biasAndNormRule");
      return self();
    }
  }
}
