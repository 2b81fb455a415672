package io.github.selfclassifier.api.train;

/**
 * Thrown when the loss of a step is NaN or infinite. The parameters are left as they were before that step
 * (the update is not applied), and checkpoints written before it are kept, so the run can be resumed from
 * the last good checkpoint with other settings (typically a smaller learning rate).
 */
public final class TrainingDivergedException extends RuntimeException {
  /** Serial form version. */
  private static final long serialVersionUID = 1L;

  /** The epoch of the failed step. */
  private final int epoch;
  /** The failed step's index within its epoch. */
  private final long stepInEpoch;
  /** The failed step's index over the run. */
  private final long globalStep;
  /** The non-finite loss. */
  private final double loss;

  /**
   * Creates the exception.
   *
   * @param epoch the epoch of the failed step, from 0
   * @param stepInEpoch the step's index within its epoch, from 0
   * @param globalStep the step's index over the whole run, from 0
   * @param loss the non-finite loss
   */
  public TrainingDivergedException(int epoch, long stepInEpoch, long globalStep, double loss) {
    super("training diverged: loss " + loss + " at step " + globalStep + " (epoch " + epoch
        + ", step " + stepInEpoch + " of the epoch); parameters are those before this step, the last good"
        + " checkpoint (if any) is kept");
    this.epoch = epoch;
    this.stepInEpoch = stepInEpoch;
    this.globalStep = globalStep;
    this.loss = loss;
  }

  /**
   * The epoch of the failed step.
   *
   * @return the epoch, from 0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The failed step's index within its epoch.
   *
   * @return the step in the epoch, from 0
   */
  public long stepInEpoch() {
    return stepInEpoch;
  }

  /**
   * The failed step's index over the run.
   *
   * @return the global step, from 0
   */
  public long globalStep() {
    return globalStep;
  }

  /**
   * The loss that stopped the run.
   *
   * @return NaN or an infinity
   */
  public double loss() {
    return loss;
  }
}
