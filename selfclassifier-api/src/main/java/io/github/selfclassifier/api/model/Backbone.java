package io.github.selfclassifier.api.model;

/**
 * What a backbone network is, independent of the engine that runs it: it maps an image batch of shape
 * {@code (batch, channels, height, width)} to a feature matrix of shape {@code (batch, featureDim())}.
 *
 * <p>The input size is the size the backbone was configured for; the ResNets and the small CNN end in a
 * global average pool, so they also accept other sizes (multi-crop feeds them smaller local crops).
 */
public interface Backbone {

  /**
   * A short human-readable name, such as {@code "resnet50"}.
   *
   * @return the name
   */
  String name();

  /**
   * The dimension F of the feature vector of one image.
   *
   * @return F, positive
   */
  int featureDim();

  /**
   * The number of image channels expected (3 for RGB, 1 for grayscale).
   *
   * @return the channels, positive
   */
  int inputChannels();

  /**
   * The nominal image height.
   *
   * @return the height in pixels, positive
   */
  int inputHeight();

  /**
   * The nominal image width.
   *
   * @return the width in pixels, positive
   */
  int inputWidth();
}
