package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.augment.AugmentationSeeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the dataset: a permutation drawn from the run seed and the epoch only,
 * so a resumed run sees exactly the batches an uninterrupted run would. The last incomplete batch is dropped.
 */
public final class EpochOrder {
  private final int datasetSize;
  private final int batchSize;
  private final long seed;

  /**
   * Creates the order of a dataset.
   *
   * @param datasetSize the number of samples, at least {@code batchSize}
   * @param batchSize the samples per batch, at least 1
   * @param seed the run seed
   * @throws IllegalArgumentException if the dataset holds less than one batch
   */
  public EpochOrder(int datasetSize, int batchSize, long seed) {
    if (batchSize < 1 || datasetSize < batchSize) {
      throw new IllegalArgumentException(
          "need a dataset of at least one batch: " + datasetSize + " samples, batch " + batchSize);
    }
    this.datasetSize = datasetSize;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /**
   * The number of full batches per epoch.
   *
   * @return {@code floor(datasetSize / batchSize)}
   */
  public long stepsPerEpoch() {
    return datasetSize / batchSize;
  }

  /**
   * The permutation of an epoch (Fisher-Yates with a {@link SplittableRandom} seeded by {@link
   * AugmentationSeeds#sampleSeed(long, long, long)} of (seed, epoch, -1)).
   *
   * @param epoch the epoch, from 0
   * @return the dataset indices in visiting order
   */
  public int[] permutation(int epoch) {
    int[] order = new int[datasetSize];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(AugmentationSeeds.sampleSeed(seed, epoch, -1));
    for (int i = datasetSize - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * The dataset indices of one batch.
   *
   * @param permutation the epoch's {@link #permutation(int)}
   * @param step the batch's index in the epoch, in [0, stepsPerEpoch)
   * @return {@code batchSize} indices
   */
  public int[] batch(int[] permutation, long step) {
    if (step < 0 || step >= stepsPerEpoch()) {
      throw new IndexOutOfBoundsException("step " + step + " of " + stepsPerEpoch());
    }
    int from = Math.toIntExact(step * batchSize);
    return Arrays.copyOfRange(permutation, from, from + batchSize);
  }
}
