package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.djl.augment.MultiCropAugmenter;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The data side of reproducibility: the epoch order and the views depend on (seed, epoch) only. */
class DataOrderTest {

  @Test
  void epochOrderIsAPermutationFixedBySeedAndEpoch() {
    EpochOrder order = new EpochOrder(1000, 128, 9);
    assertThat(order.stepsPerEpoch()).isEqualTo(7); // 1000 / 128, the last 104 samples dropped
    int[] p = order.permutation(3);
    assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
    assertThat(order.permutation(3)).isEqualTo(p);
    assertThat(new EpochOrder(1000, 128, 9).permutation(3)).isEqualTo(p);
    assertThat(order.permutation(4)).isNotEqualTo(p);
    assertThat(new EpochOrder(1000, 128, 10).permutation(3)).isNotEqualTo(p);
    assertThat(order.batch(p, 6)).isEqualTo(Arrays.copyOfRange(p, 768, 896));
  }

  @Test
  void viewsDoNotDependOnTheNumberOfLoaderThreads() {
    ByteImageSet images = SyntheticShapes.generate(20, 10, 28, 1, 3);
    AugmentationConfig aug = AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(2).build();
    EpochOrder order = new EpochOrder(images.size(), 32, 5);
    ViewBatch[] one = batches(images, aug, order, 1, 1);
    ViewBatch[] three = batches(images, aug, order, 3, 5);
    for (int s = 0; s < one.length; s++) {
      assertThat(three[s].indices()).isEqualTo(one[s].indices());
      assertThat(three[s].labels()).isEqualTo(one[s].labels());
      assertThat(three[s].globalViews()).isEqualTo(one[s].globalViews());
      assertThat(three[s].localViews()).isEqualTo(one[s].localViews());
    }
    // resuming mid-epoch hands out the same batch as an uninterrupted pass
    try (ViewBatchLoader loader = new ViewBatchLoader(images, new MultiCropAugmenter(aug), order, 5, 1,
        aug.globalCropSize(), aug.localCropSize(), 2, 2)) {
      loader.startEpoch(1, 4);
      assertThat(loader.next().globalViews()).isEqualTo(one[4].globalViews());
    }
    assertThat(one[0].globalViews()).isNotEqualTo(one[1].globalViews());
  }

  private static ViewBatch[] batches(
      ByteImageSet images, AugmentationConfig aug, EpochOrder order, int threads, int prefetch) {
    ViewBatch[] out = new ViewBatch[(int) order.stepsPerEpoch()];
    try (ViewBatchLoader loader = new ViewBatchLoader(images, new MultiCropAugmenter(aug), order, 5, 1,
        aug.globalCropSize(), aug.localCropSize(), threads, prefetch)) {
      loader.startEpoch(1, 0);
      for (int s = 0; s < out.length; s++) {
        out[s] = loader.next();
      }
    }
    return out;
  }
}
