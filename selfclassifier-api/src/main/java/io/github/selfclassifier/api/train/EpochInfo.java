package io.github.selfclassifier.api.train;

/**
 * What a trainer reports at the end of an epoch.
 *
 * @param epoch the epoch, from 0
 * @param epochs the number of epochs of the run
 * @param globalStep the number of steps taken in the run after this epoch
 * @param steps the number of steps this process ran in the epoch (fewer than an epoch's when resumed
 *     mid-epoch)
 * @param meanLoss the mean loss over those steps
 * @param meanDistinctClusters the mean number of distinct head-0 predictions per batch
 * @param meanNeighborAccuracy the mean queue-neighbour label agreement over the steps where it was known, or
 *     NaN
 * @param learningRate the learning rate of the epoch's last step
 * @param durationNanos the wall time of the epoch in this process
 */
public record EpochInfo(
    int epoch,
    int epochs,
    long globalStep,
    long steps,
    double meanLoss,
    double meanDistinctClusters,
    double meanNeighborAccuracy,
    double learningRate,
    long durationNanos) {}
