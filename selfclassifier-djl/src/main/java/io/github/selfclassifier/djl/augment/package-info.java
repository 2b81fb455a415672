/**
 * Data augmentation in plain Java on float pixel arrays: {@link io.github.selfclassifier.djl.augment.FloatImage}
 * (CHW floats), the operations of the DINO multi-crop pipeline with torchvision/Pillow semantics, and
 * {@link io.github.selfclassifier.djl.augment.MultiCropAugmenter}, which assembles them from an
 * {@link io.github.selfclassifier.api.augment.AugmentationConfig}.
 *
 * <p>No native op is used: DJL 0.36's {@code RandomFlipLeftRight} never flips, the PyTorch engine implements
 * none of DJL's flip/jitter/hue image ops and MXNet's hue op can crash the JVM. The views' {@code float[]}
 * become NDArrays only when a batch is built.
 */
package io.github.selfclassifier.djl.augment;
