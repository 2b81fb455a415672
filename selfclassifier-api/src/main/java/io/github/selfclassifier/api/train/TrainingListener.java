package io.github.selfclassifier.api.train;

import java.nio.file.Path;

/**
 * Receives a trainer's progress. Methods are called on the training thread, in order; a slow listener slows
 * training. All methods do nothing by default.
 */
public interface TrainingListener {

  /**
   * Called once before the first step this process runs.
   *
   * @param config the run's settings
   * @param startGlobalStep the step the run starts or resumes at
   * @param totalSteps the number of steps of the whole run
   */
  default void onTrainingStart(TrainingConfig config, long startGlobalStep, long totalSteps) {}

  /**
   * Called after every optimisation step.
   *
   * @param step the step's report
   */
  default void onStep(StepInfo step) {}

  /**
   * Called after the last step of every epoch (and after its checkpoint, if any).
   *
   * @param epoch the epoch's report
   */
  default void onEpochEnd(EpochInfo epoch) {}

  /**
   * Called after a checkpoint has been written completely.
   *
   * @param file the checkpoint file
   * @param globalStep the number of steps it holds
   */
  default void onCheckpoint(Path file, long globalStep) {}

  /**
   * Called once when the run ends normally.
   *
   * @param globalStep the number of steps taken
   */
  default void onTrainingEnd(long globalStep) {}
}
