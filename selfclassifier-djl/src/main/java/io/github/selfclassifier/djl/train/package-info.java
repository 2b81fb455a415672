/**
 * The training loop that owns the step: {@link io.github.selfclassifier.djl.train.SelfClassifierTrainer}
 * (views from background threads, forward in training mode, nearest-neighbour augmentation, the batch-wide
 * loss, backward, scheduled update), its data order ({@link io.github.selfclassifier.djl.train.EpochOrder}),
 * listeners that report progress, and checkpoints with resume.
 */
package io.github.selfclassifier.djl.train;
