package io.github.selfclassifier.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;

/**
 * Adam with decoupled weight decay, as {@code torch.optim.AdamW}: with {@code t} the number of updates of the
 * tensor on its device (counted here, not DJL's per-call count), {@code p *= 1 - lr wd; a = b1 a + (1 - b1)
 * g; v = b2 v + (1 - b2) g^2; p -= (lr / (1 - b1^t)) a / (sqrt(v) / sqrt(1 - b2^t) + eps)}, with {@code wd
 * = 0} for biases and normalisation parameters when the config excludes them. See {@link
 * SelfClassifierOptimizer} for learning rate, gradients, state and memory.
 */
public final class AdamWOptimizer extends SelfClassifierOptimizer {

  private AdamWOptimizer(Builder builder) {
    super(builder, OptimizerKind.ADAMW);
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
    return new NDList(
        manager.zeros(weight.getShape(), weight.getDataType()),
        manager.zeros(weight.getShape(), weight.getDataType()));
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
    if (wd != 0.0) {
      weight.muli((float) (1 - learningRate * wd));
    }
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    NDArray first = state.get(0);
    NDArray second = state.get(1);
    first.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
    second.muli((float) beta2).addi(grad.square().muli((float) (1 - beta2)));
    double biasCorrection1 = 1 - Math.pow(beta1, updateNumber);
    double biasCorrection2 = 1 - Math.pow(beta2, updateNumber);
    NDArray denominator =
        second.sqrt().divi((float) Math.sqrt(biasCorrection2)).addi((float) config.adamEpsilon());
    weight.subi(first.div(denominator).muli((float) (learningRate / biasCorrection1)));
  }

  /** Builder of {@link AdamWOptimizer}; see {@link SelfClassifierOptimizer.BaseBuilder}. */
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
     * @throws IllegalArgumentException if the config is not for AdamW or weight decay was set on DJL's side
     * @throws NullPointerException if no learning-rate tracker was set
     */
    public AdamWOptimizer build() {
      return new AdamWOptimizer(this);
    }
  }
}
