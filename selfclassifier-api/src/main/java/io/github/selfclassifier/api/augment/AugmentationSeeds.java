package io.github.selfclassifier.api.augment;

/**
 * Derives the seed of one sample's augmentation from the run seed, the epoch and the sample's index in the
 * dataset, so that views do not depend on which thread, worker or batch order computed them, and a resumed
 * run draws the same views as an uninterrupted one.
 *
 * <p>The mixing is SplitMix64's finaliser applied in a chain; it is part of the reproducibility contract and
 * will not change.
 */
public final class AugmentationSeeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private AugmentationSeeds() {}

  /**
   * The seed of sample {@code sampleIndex} in epoch {@code epoch} of a run seeded with {@code runSeed}.
   * Distinct arguments give well-mixed, practically distinct seeds.
   *
   * @param runSeed the seed of the whole run
   * @param epoch the epoch, from 0
   * @param sampleIndex the sample's index in the dataset (not in the batch)
   * @return the sample's seed, for {@link Augmenter#augment(Object, long)}
   */
  public static long sampleSeed(long runSeed, long epoch, long sampleIndex) {
    long h = mix(runSeed + GOLDEN_GAMMA);
    h = mix(h ^ (epoch * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    return mix(h ^ (sampleIndex * GOLDEN_GAMMA + 0x2545F4914F6CDD1DL));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
