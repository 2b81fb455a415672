package io.github.selfclassifier.api.train;

/**
 * What a trainer reports after each optimisation step.
 *
 * @param epoch the epoch, from 0
 * @param stepInEpoch the step's index within the epoch, from 0
 * @param stepsPerEpoch the number of steps of an epoch
 * @param globalStep the step's index over the run, from 0
 * @param totalSteps the number of steps of the whole run
 * @param loss the step's loss
 * @param learningRate the learning rate the step used
 * @param distinctClusters the number of distinct head-0 predictions (argmax of view 0) in the batch
 * @param neighborAccuracy the fraction of the batch whose queue neighbour has the same label, or NaN when
 *     the queue is off or not yet full or the data has no labels
 * @param elapsedNanos the wall time of this run (this process) so far
 * @param etaNanos the estimated wall time until the end of the run
 */
public record StepInfo(
    int epoch,
    long stepInEpoch,
    long stepsPerEpoch,
    long globalStep,
    long totalSteps,
    double loss,
    double learningRate,
    int distinctClusters,
    double neighborAccuracy,
    long elapsedNanos,
    long etaNanos) {}
