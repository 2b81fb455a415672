package io.github.selfclassifier.api.optim;

/**
 * A learning rate per optimisation step. A step is one optimiser update of all parameters (one batch),
 * counted from 0; it is not a per-parameter or per-device count.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /**
   * The learning rate of one step.
   *
   * @param step the optimisation step, from 0
   * @return the learning rate to use in that step
   * @throws IllegalArgumentException if {@code step} is negative
   */
  double at(long step);
}
