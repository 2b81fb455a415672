package io.github.selfclassifier.djl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.loss.SelfClassifierLoss;
import io.github.selfclassifier.api.loss.ViewPairs;
import io.github.selfclassifier.djl.ArrayUpload;
import java.util.List;
import java.util.Objects;

/**
 * The Self-Classifier loss with DJL {@link NDArray} operations that both PyTorch and MXNet implement, so it
 * is differentiable on either engine through a {@link ai.djl.training.GradientCollector}. Shapes, pair rule
 * and formula are those of {@link SelfClassifierLoss}; the result is a 0-d array of the logits' data type
 * (float32 or float64; float16 and integer types are rejected).
 *
 * <p>Scalar lifetime (PyTorch): arithmetic with a Java {@link Number} ({@code div(0.1)}, {@code add(eps)})
 * makes DJL create a temporary scalar array and free it right after the operation while autograd may still
 * need it; a garbage collection before {@code backward()} then corrupts the gradient. This class therefore
 * never passes a {@code Number} to an operation: every constant (temperatures, eps, {@code B / C}, the final
 * mean weight) is an {@code NDArray} created in the manager of the first logits array, and lives as long as
 * that manager (or the {@link ai.djl.ndarray.NDScope} open during {@link #compute}), i.e. until after
 * {@code backward()} as long as the logits themselves are alive then.
 *
 * <p>Numerical stability: each softmax subtracts the (gradient-stopped) maximum of its slice from the raw
 * logits before dividing by the temperature, so float32 logits of any magnitude neither overflow nor lose
 * the precision that dividing large logits first would cost (measured: near-tied logits of scale 50 give a
 * gradient error of 6e-5 when dividing first, 1e-6 this way). The L1 norms of the softmax outputs are plain
 * sums (the outputs are non-negative), bounded below by eps.
 *
 * <p>Instances are immutable and thread-safe; the arrays they create belong to the caller's manager.
 */
public final class NdSelfClassifierLoss implements SelfClassifierLoss<NDArray> {
  private static final int[] BATCH_AXIS = {0};
  private static final int[] CLASS_AXIS = {1};

  private final LossConfig config;

  /**
   * Creates the loss with the given settings.
   *
   * @param config the temperatures and eps
   */
  public NdSelfClassifierLoss(LossConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Creates the loss with the paper's settings, {@link LossConfig#defaults()}.
   *
   * @return the loss
   */
  public static NdSelfClassifierLoss withDefaults() {
    return new NdSelfClassifierLoss(LossConfig.defaults());
  }

  @Override
  public LossConfig config() {
    return config;
  }

  /**
   * Computes the loss; see {@link SelfClassifierLoss#compute}.
   *
   * @param logitsByHeadAndView logits indexed {@code [head][view]}, each a {@code B x C_h} float32 or float64
   *     array, all of the same data type
   * @return the 0-d loss, attached to the manager of the first logits array
   * @throws IllegalArgumentException if the shapes or data types disagree
   */
  @Override
  public NDArray compute(List<? extends List<NDArray>> logitsByHeadAndView) {
    validate(logitsByHeadAndView);
    NDArray first = logitsByHeadAndView.get(0).get(0);
    NDManager manager = first.getManager();
    DataType type = first.getDataType();
    int heads = logitsByHeadAndView.size();
    int views = logitsByHeadAndView.get(0).size();
    long batch = first.getShape().get(0);
    int pairs = ViewPairs.pairsPerHead(views);

    NDArray rowTemperature = scalar(manager, config.rowTemperature(), type);
    NDArray columnTemperature = scalar(manager, config.columnTemperature(), type);
    NDArray eps = scalar(manager, config.eps(), type);
    // loss = weight * sum over heads, pairs, b, c of T_i[b, c] * L_j[b, c]
    NDArray weight = scalar(manager, -1.0 / ((double) heads * pairs * batch), type);

    NDArray total = null;
    for (List<NDArray> head : logitsByHeadAndView) {
      long classes = head.get(0).getShape().get(1);
      NDArray scale = scalar(manager, (double) batch / classes, type);
      NDArray[] targets = new NDArray[views];
      NDArray[] logPredictions = new NDArray[views];
      for (int v = 0; v < views; v++) {
        NDArray logits = head.get(v);
        NDArray overBatch = softmax(logits, BATCH_AXIS, columnTemperature);
        targets[v] = overBatch.div(overBatch.sum(CLASS_AXIS, true).maximum(eps));
        NDArray overClasses = softmax(logits, CLASS_AXIS, rowTemperature);
        NDArray predictions = overClasses.div(overClasses.sum(BATCH_AXIS, true).maximum(eps));
        logPredictions[v] = predictions.mul(scale).add(eps).log();
      }
      // sum over pairs (i, j) of T_i . L_j = sum over j of (sum over i paired with j of T_i) . L_j
      for (int j = 0; j < views; j++) {
        NDArray pairedTargets = null;
        for (int i = 0; i < views; i++) {
          if (ViewPairs.isLossPair(i, j)) {
            pairedTargets = pairedTargets == null ? targets[i] : pairedTargets.add(targets[i]);
          }
        }
        NDArray term = pairedTargets.mul(logPredictions[j]).sum();
        total = total == null ? term : total.add(term);
      }
    }
    return total.mul(weight);
  }

  /**
   * Softmax of {@code logits / temperature} along {@code axis}. The gradient-stopped maximum is subtracted
   * from the raw logits before dividing: for near-tied large float32 logits, dividing first rounds
   * {@code logits / temperature} (e.g. 3000) to 2.4e-4 and costs up to 2e-4 relative accuracy of the
   * probabilities, subtracting first keeps about 2e-7. The engine's own softmax (stable on both engines)
   * gives the fused backward pass.
   */
  private static NDArray softmax(NDArray logits, int[] axis, NDArray temperature) {
    NDArray shifted = logits.sub(logits.max(axis, true).stopGradient());
    return shifted.div(temperature).softmax(axis[0]);
  }

  private static NDArray scalar(NDManager manager, double value, DataType type) {
    return type == DataType.FLOAT64
        ? ArrayUpload.scalar(manager, value)
        : ArrayUpload.scalar(manager, (float) value);
  }

  private static void validate(List<? extends List<NDArray>> logits) {
    Objects.requireNonNull(logits, "logitsByHeadAndView");
    if (logits.isEmpty()) {
      throw new IllegalArgumentException("the loss needs at least one head, got none");
    }
    int views = Objects.requireNonNull(logits.get(0), "head 0").size();
    ViewPairs.requireViews(views);
    NDArray first = Objects.requireNonNull(logits.get(0).get(0), "head 0 view 0");
    DataType type = first.getDataType();
    if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
      throw new IllegalArgumentException("logits must be float32 or float64, got " + type);
    }
    Shape firstShape = first.getShape();
    if (firstShape.dimension() != 2 || firstShape.get(0) == 0) {
      throw new IllegalArgumentException(
          "logits must be non-empty B x C matrices, head 0 view 0 has shape " + firstShape);
    }
    long batch = firstShape.get(0);
    for (int h = 0; h < logits.size(); h++) {
      List<NDArray> head = Objects.requireNonNull(logits.get(h), "head " + h);
      if (head.size() != views) {
        throw new IllegalArgumentException(
            "head " + h + " has " + head.size() + " views, head 0 has " + views);
      }
      Shape headShape = Objects.requireNonNull(head.get(0), "head " + h + " view 0").getShape();
      for (int v = 0; v < views; v++) {
        NDArray array = Objects.requireNonNull(head.get(v), "head " + h + " view " + v);
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(0) != batch || !shape.equals(headShape)
            || shape.get(1) == 0) {
          throw new IllegalArgumentException("head " + h + " view " + v + " has shape " + shape
              + "; expected (" + batch + ", C) with the C of view 0 of that head, " + headShape);
        }
        if (array.getDataType() != type) {
          throw new IllegalArgumentException("head " + h + " view " + v + " has data type "
              + array.getDataType() + ", head 0 view 0 has " + type);
        }
      }
    }
  }
}
