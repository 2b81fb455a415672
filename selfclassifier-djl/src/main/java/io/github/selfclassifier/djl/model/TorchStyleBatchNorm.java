package io.github.selfclassifier.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.selfclassifier.djl.EngineSelector;

/**
 * BatchNorm over axis 1 of an {@code (N, C, ...)} input with PyTorch's semantics on both engines: in a
 * training pass the input is normalised with the batch statistics and, in that same forward call, the running
 * statistics become {@code (1 - m) * running + m * batch}, with the <em>unbiased</em> batch variance for the
 * running variance and {@code m} PyTorch's momentum (0.1 by default); an inference pass normalises with the
 * running statistics and changes nothing. Every training call updates once, in call order, as PyTorch does
 * when a network is applied to several groups of views (the trainer applies the backbone to the global and
 * to the local crops: two updates per step).
 *
 * <p>On PyTorch this is DJL's BatchNorm operator, which is PyTorch's. On MXNet DJL's operator differs in
 * three ways: it writes the running statistics in the <em>backward</em> pass (measured: a training forward
 * without backward updates nothing), it folds in the biased variance (measured), and its momentum is the
 * weight of the old value. So on MXNet the operator
 * only normalises, given throw-away statistics arrays of the step, and the running statistics are updated
 * here, in the forward pass, by in-place operators with autograd recording paused. Then a checkpoint means
 * the same on both engines and a network trained on one engine predicts the same on the other.
 *
 * <p>Parameters, named and ordered as DJL's BatchNorm so checkpoints and PyTorch names carry over: {@code
 * gamma} (1), {@code beta} (0), {@code runningMean} (0), {@code runningVar} (1), each of shape (C).
 */
public final class TorchStyleBatchNorm extends AbstractBlock {

  private final float epsilon;
  private final float momentum;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  /**
   * Creates the layer; the channel count C is taken from the input shape at initialisation.
   *
   * @param epsilon added to the variance before the square root (PyTorch 1e-5)
   * @param momentum PyTorch's momentum, the weight of the batch statistics in the running averages (PyTorch
   *     0.1), in (0, 1]
   */
  public TorchStyleBatchNorm(float epsilon, float momentum) {
    super((byte) 1);
    if (!(epsilon > 0) || !(momentum > 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "need epsilon > 0 and momentum in (0, 1]: epsilon " + epsilon + ", momentum " + momentum);
    }
    this.epsilon = epsilon;
    this.momentum = momentum;
    this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    this.runningMean = addParameter(
        Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN).optRequiresGrad(false)
            .build());
    this.runningVar = addParameter(
        Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR).optRequiresGrad(false)
            .build());
  }

  /**
   * The eps added to the variance.
   *
   * @return eps
   */
  public float epsilon() {
    return epsilon;
  }

  /**
   * PyTorch's momentum: the weight of a batch's statistics in the running averages.
   *
   * @return the momentum
   */
  public float momentum() {
    return momentum;
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    if (inputShapes[0].dimension() < 2) {
      throw new IllegalArgumentException("BatchNorm needs an (N, C, ...) input, got " + inputShapes[0]);
    }
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    Shape channels = new Shape(inputShapes[0].get(1));
    gamma.setShape(channels);
    beta.setShape(channels);
    runningMean.setShape(channels);
    runningVar.setShape(channels);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray scale = ps.getValue(gamma, device, training);
    NDArray shift = ps.getValue(beta, device, training);
    NDArray mean = ps.getValue(runningMean, device, training);
    NDArray var = ps.getValue(runningVar, device, training);
    float djlMomentum = 1 - momentum; // DJL's momentum is the weight of the old running value
    if (!training || !EngineSelector.MXNET.equals(x.getManager().getEngine().getEngineName())) {
      return BatchNorm.batchNorm(x, mean, var, scale, shift, 1, djlMomentum, epsilon, training);
    }
    Shape stats = mean.getShape();
    NDArray scratchMean = x.getManager().zeros(stats, mean.getDataType(), device);
    NDArray scratchVar = x.getManager().ones(stats, var.getDataType(), device);
    NDList out = BatchNorm.batchNorm(x, scratchMean, scratchVar, scale, shift, 1, djlMomentum, epsilon, true);
    InferenceMode.run(x, () -> {
      updateRunningStatistics(x, mean, var);
      return new NDList();
    });
    return out;
  }

  /**
   * Folds the batch's mean and unbiased variance into the running statistics, in place; called with autograd
   * recording paused, so nothing here enters the graph.
   */
  private void updateRunningStatistics(NDArray x, NDArray runningMeanArray, NDArray runningVarArray) {
    Shape s = x.getShape();
    long channels = s.get(1);
    long perChannel = s.size() / channels;
    if (perChannel < 2) {
      throw new IllegalArgumentException(
          "BatchNorm needs more than one value per channel in training, got input " + s);
    }
    // (N, C, rest): every (sample, channel) row has the same count, so the mean of row means is the mean
    NDArray rows = x.reshape(s.get(0), channels, -1);
    NDArray batchMean = rows.mean(new int[] {2}).mean(new int[] {0});
    NDArray centred = rows.sub(batchMean.reshape(1, channels, 1));
    NDArray biasedVar = centred.square().mean(new int[] {2}).mean(new int[] {0});
    NDArray unbiasedVar = biasedVar.mul((float) perChannel / (perChannel - 1));
    runningMeanArray.muli(1 - momentum).addi(batchMean.muli(momentum));
    runningVarArray.muli(1 - momentum).addi(unbiasedVar.muli(momentum));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
