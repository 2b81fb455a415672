package io.github.selfclassifier.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.selfclassifier.api.optim.OptimizerKind;

/**
 * SGD with momentum and L2 weight decay, as {@code torch.optim.SGD}: {@code d = g + wd p; mu = m mu + d; p
 * -= lr mu}, with {@code wd = 0} for biases and normalisation parameters when the config excludes them
 * (which DJL's own {@code Sgd} cannot do, and DJL's {@code Sgd} also zeroes PyTorch gradients inside its
 * update). See {@link SelfClassifierOptimizer} for learning rate, gradients, state and memory.
 */
public final class MomentumSgdOptimizer extends SelfClassifierOptimizer {

  private MomentumSgdOptimizer(Builder builder) {
    super(builder, OptimizerKind.SGD);
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
    NDArray direction = decayed(weight, grad, config().weightDecayFor(biasOrNorm));
    NDArray momentum = state.get(0);
    momentum.muli((float) config().momentum()).addi(direction);
    weight.subi(momentum.mul(learningRate));
  }

  /** Builder of {@link MomentumSgdOptimizer}; see {@link SelfClassifierOptimizer.BaseBuilder}. */
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
     * @throws IllegalArgumentException if the config is not for SGD or weight decay was set on DJL's side
     * @throws NullPointerException if no learning-rate tracker was set
     */
    public MomentumSgdOptimizer build() {
      return new MomentumSgdOptimizer(this);
    }
  }
}
