package io.github.selfclassifier.api.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationSeedsTest {

  @Test
  void sameArgumentsGiveTheSameSeed() {
    assertThat(AugmentationSeeds.sampleSeed(42, 3, 17)).isEqualTo(AugmentationSeeds.sampleSeed(42, 3, 17));
  }

  @Test
  void seedsDifferAcrossRunsEpochsAndSamples() {
    Set<Long> seeds = new HashSet<>();
    for (long run = 0; run < 4; run++) {
      for (long epoch = 0; epoch < 25; epoch++) {
        for (long sample = 0; sample < 100; sample++) {
          seeds.add(AugmentationSeeds.sampleSeed(run, epoch, sample));
        }
      }
    }
    assertThat(seeds).hasSize(4 * 25 * 100);
    // swapping epoch and sample index must not collide
    assertThat(AugmentationSeeds.sampleSeed(0, 1, 2)).isNotEqualTo(AugmentationSeeds.sampleSeed(0, 2, 1));
  }
}
