package io.github.selfclassifier.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Tells which parameter tensors are biases or normalisation parameters, for the weight-decay and trust-ratio
 * exclusions of {@link io.github.selfclassifier.api.optim.OptimizerConfig}.
 *
 * <p>A DJL optimiser only sees a parameter's id and its array, so the rule has two parts:
 *
 * <ul>
 *   <li>by shape: every tensor of rank 0 or 1 counts. This is the reference code's rule ({@code
 *       len(param.shape) == 1}, which catches every bias and every BatchNorm / LayerNorm scale and shift of a
 *       standard network) and needs nothing but the array, on any device;
 *   <li>by declaration, with {@link #of(Block)}: also every parameter the block declares as {@link
 *       Parameter.Type#BIAS}, {@link Parameter.Type#GAMMA} or {@link Parameter.Type#BETA} (and the running
 *       statistics, which have no gradient anyway), whatever its rank, e.g. the scale of a LayerNorm over
 *       several axes.
 * </ul>
 *
 * A tensor of rank 2 or more that the block declares as a weight never counts. Note that a 1-D parameter
 * that is not a bias (e.g. a per-class magnitude stored as a vector) counts by the shape rule; the reference
 * stores weight-norm magnitudes as C x 1, which does not. Immutable and thread-safe.
 */
public final class BiasAndNormRule {
  private static final Set<Parameter.Type> DECLARED_TYPES =
      EnumSet.of(
          Parameter.Type.BIAS,
          Parameter.Type.GAMMA,
          Parameter.Type.BETA,
          Parameter.Type.RUNNING_MEAN,
          Parameter.Type.RUNNING_VAR);
  private static final BiasAndNormRule BY_SHAPE = new BiasAndNormRule(Set.of());

  private final Set<String> declaredIds;

  private BiasAndNormRule(Set<String> declaredIds) {
    this.declaredIds = declaredIds;
  }

  /**
   * The shape rule alone: tensors of rank at most 1.
   *
   * @return the rule
   */
  public static BiasAndNormRule byShape() {
    return BY_SHAPE;
  }

  /**
   * The shape rule plus the parameters {@code block} (and its children) declares as biases or
   * normalisation parameters. Parameters are identified by {@link Parameter#getId()}, which DJL passes to
   * the optimiser; the block need not be initialised.
   *
   * @param block the network whose parameters are optimised
   * @return the rule
   */
  public static BiasAndNormRule of(Block block) {
    Objects.requireNonNull(block, "block");
    Set<String> ids = new HashSet<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (DECLARED_TYPES.contains(p.getValue().getType())) {
        ids.add(p.getValue().getId());
      }
    }
    return new BiasAndNormRule(Set.copyOf(ids));
  }

  /**
   * Whether a parameter tensor is a bias or a normalisation parameter.
   *
   * @param parameterId the id DJL passes to {@code Optimizer.update}
   * @param weight the parameter's array
   * @return true if declared so by the block, or of rank at most 1
   */
  public boolean isBiasOrNorm(String parameterId, NDArray weight) {
    return weight.getShape().dimension() <= 1 || declaredIds.contains(parameterId);
  }
}
