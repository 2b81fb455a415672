/**
 * Data augmentation for self-supervised training: the {@link io.github.selfclassifier.api.augment.Augmenter}
 * interface (one image in, a list of views out) and the immutable
 * {@link io.github.selfclassifier.api.augment.AugmentationConfig} of the DINO-style multi-crop pipeline that
 * Self-Classifier trains with. Nothing here refers to an engine or an image library; implementations live in
 * the engine modules.
 *
 * <p>Reproducibility is explicit: the caller passes the randomness (a {@link java.util.random.RandomGenerator}
 * or a per-sample seed from {@link io.github.selfclassifier.api.augment.AugmentationSeeds}), so the views of a
 * given (run seed, epoch, sample index) are the same whatever thread or worker computes them.
 */
package io.github.selfclassifier.api.augment;
