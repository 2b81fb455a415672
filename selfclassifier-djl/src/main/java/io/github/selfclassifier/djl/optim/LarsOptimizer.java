package io.github.selfclassifier.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.selfclassifier.api.optim.LarsTrustRatio;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;

/**
 * LARS: SGD with momentum whose decayed gradient is scaled per tensor by a trust ratio, exactly the rule of
 * {@link io.github.selfclassifier.api.optim.ReferenceOptimizer} for {@link OptimizerKind#LARS}. With the
 * default {@link LarsTrustRatio#APEX_LARC} form this is what the paper runs (apex {@code LARC(clip=False)}
 * around {@code torch.optim.SGD}): for a tensor {@code p} with gradient {@code g}, if {@code ||p||} and
 * {@code ||g||} are non-zero, {@code d = (g + wd p) eta ||p|| / (||g|| + wd ||p|| + eps)}, else {@code d =
 * g}; then {@code mu = m mu + d; p -= lr mu}. Tensors excluded from the trust ratio by the config take {@code
 * d = g + wd p}, with {@code wd = 0} if also excluded from weight decay.
 *
 * <p>The two norms are read back to Java for the branch, as apex does; the rest stays on the device, in
 * float32. See {@link SelfClassifierOptimizer} for learning rate, gradients, state and memory.
 */
public final class LarsOptimizer extends SelfClassifierOptimizer {

  private LarsOptimizer(Builder builder) {
    super(builder, OptimizerKind.LARS);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList newState(NDManager manager, NDArray weight) {
    return new NDList(manager.zeros(weight.getShape(), weight.getDataType()));
  }

  @Override
  protected void apply(
      NDArray weight,
      NDArray grad,
      boolean gradIsTemporary,
      NDList state,
      long updateNumber,
      float learningRate,
      boolean biasOrNorm) {
    OptimizerConfig config = config();
    double wd = config.weightDecayFor(biasOrNorm);
    NDArray direction;
    if (!config.trustRatioAppliesTo(biasOrNorm)) {
      direction = decayed(weight, grad, wd);
    } else if (config.trustRatio() == LarsTrustRatio.APEX_LARC) {
      double paramNorm = weight.norm().getFloat();
      double gradNorm = grad.norm().getFloat();
      if (paramNorm == 0.0 || gradNorm == 0.0) {
        direction = grad;
      } else {
        double trust =
            config.trustCoefficient() * paramNorm / (gradNorm + paramNorm * wd + config.larsEpsilon());
        direction = scaled(decayed(weight, grad, wd), grad, gradIsTemporary, trust);
      }
    } else {
      NDArray d = decayed(weight, grad, wd);
      double paramNorm = weight.norm().getFloat();
      double decayedNorm = d.norm().getFloat();
      direction =
          paramNorm > 0.0 && decayedNorm > 0.0
              ? scaled(d, grad, gradIsTemporary, config.trustCoefficient() * paramNorm / decayedNorm)
              : d;
    }
    NDArray momentum = state.get(0);
    momentum.muli((float) config.momentum()).addi(direction);
    weight.subi(momentum.mul(learningRate));
  }

  private static NDArray scaled(NDArray d, NDArray grad, boolean gradIsTemporary, double factor) {
    boolean mayModify = d != grad || gradIsTemporary;
    return mayModify ? d.muli((float) factor) : d.mul((float) factor);
  }

  /** Builder of {@link LarsOptimizer}; see {@link SelfClassifierOptimizer.BaseBuilder}. */
  public static final class Builder extends BaseBuilder<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Builds the optimiser.
     *
     * @return the optimiser
     * @throws IllegalArgumentException if the config is not for LARS or weight decay was set on DJL's side
     * @throws NullPointerException if no learning-rate tracker was set
     */
    public LarsOptimizer build() {
      return new LarsOptimizer(this);
    }
  }
}
