package io.github.selfclassifier.api.augment;

/**
 * How a crop is resampled to the output size. Both filters are applied separably, as Pillow does: when
 * shrinking, the filter's support grows with the scale factor, so downsampling is antialiased.
 */
public enum Interpolation {
  /**
   * Bicubic convolution with Keys' parameter {@code a = -0.5} (Pillow's {@code BICUBIC}, which DINO and
   * Self-Classifier use through torchvision on PIL images); support 2 pixels. The default.
   */
  BICUBIC,
  /** Bilinear (triangle) filter, Pillow's {@code BILINEAR}; support 1 pixel. */
  BILINEAR
}
