package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The initialisation the Self-Classifier code uses for the MLP head's linear weights: timm/DINO's {@code
 * trunc_normal_(w, std=0.02)}, whose truncation bounds are the <em>absolute</em> values a = -2, b = 2.
 *
 * <p>For std 0.02 the bounds lie 100 standard deviations out, so the draw is, to any float precision, a plain
 * N(0, 0.02^2): we draw that and clip to [-2, 2] (a resample would differ with probability far below
 * 1e-300). This matches the reference; it is not DJL's {@code TruncatedNormalInitializer}, which cuts at 2
 * standard deviations (a narrower distribution, std about 0.88 * 0.02), and which MXNet does not implement.
 */
final class TimmTruncatedNormalInitializer implements Initializer {

  private final float std;
  private final float lower;
  private final float upper;

  TimmTruncatedNormalInitializer(float std, float lower, float upper) {
    this.std = std;
    this.lower = lower;
    this.upper = upper;
  }

  /** The reference's {@code trunc_normal_(std=0.02)}: bounds -2 and 2. */
  static TimmTruncatedNormalInitializer std002() {
    return new TimmTruncatedNormalInitializer(0.02f, -2f, 2f);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    try (NDArray normal = manager.randomNormal(0f, std, shape, dataType, manager.getDevice())) {
      return normal.clip(lower, upper);
    }
  }
}
