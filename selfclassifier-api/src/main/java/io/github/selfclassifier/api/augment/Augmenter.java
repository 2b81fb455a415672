package io.github.selfclassifier.api.augment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Turns one image into the views a self-supervised step trains on: views 0 and 1 are the two global crops,
 * views 2 .. {@link #viewCount()} - 1 the local crops.
 *
 * <p>All randomness comes from the caller. An implementation draws only from the generator it is given and
 * keeps no mutable state, so it is safe to share between threads, and a given generator state always gives
 * the same views. Give each sample its own generator, e.g. through {@link #augment(Object, long)} with a seed
 * from {@link AugmentationSeeds#sampleSeed(long, long, long)}.
 *
 * @param <I> the image type
 * @param <V> the view type (an image or a tensor-ready array)
 */
public interface Augmenter<I, V> {

  /**
   * Draws the views of one image.
   *
   * @param image the source image; not modified
   * @param random the source of randomness for this image only
   * @return {@link #viewCount()} views, global crops first
   */
  List<V> augment(I image, RandomGenerator random);

  /**
   * Draws the views of one image from a per-sample seed, with a {@link SplittableRandom} seeded by it (this
   * choice of generator is part of the reproducibility contract).
   *
   * @param image the source image; not modified
   * @param sampleSeed the sample's seed, e.g. from {@link AugmentationSeeds#sampleSeed(long, long, long)}
   * @return {@link #viewCount()} views, global crops first
   */
  default List<V> augment(I image, long sampleSeed) {
    return augment(image, new SplittableRandom(sampleSeed));
  }

  /**
   * The number of views each call returns: 2 global crops plus the local crops.
   *
   * @return the view count, at least 2
   */
  int viewCount();
}
