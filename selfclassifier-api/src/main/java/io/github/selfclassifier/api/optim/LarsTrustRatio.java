package io.github.selfclassifier.api.optim;

/**
 * The exact form of the LARS trust ratio. Both scale the decayed gradient {@code g + wd p} of a parameter
 * tensor {@code p} by a trust ratio computed from whole-tensor L2 norms, with trust coefficient
 * {@code eta}; they differ in the denominator and in what happens when a norm is zero.
 */
public enum LarsTrustRatio {
  /**
   * The form Self-Classifier (and SwAV) actually run: NVIDIA apex {@code LARC} with {@code clip=False}
   * wrapped around {@code torch.optim.SGD}. With {@code pn = ||p||}, {@code gn = ||g||}: if both are
   * non-zero, {@code update = (g + wd p) * eta pn / (gn + wd pn + eps)}; otherwise {@code update = g}
   * (neither trust ratio nor weight decay: LARC takes the weight decay away from SGD and only adds it back
   * in the non-zero branch). {@code eps} is LARC's 1e-8. This is the default.
   */
  APEX_LARC,
  /**
   * The form of the DINO / Barlow Twins / BYOL-style LARS: {@code d = g + wd p}; if {@code ||p||} and
   * {@code ||d||} are both non-zero, {@code update = d * eta ||p|| / ||d||}, otherwise {@code update = d}.
   * No epsilon. By the triangle inequality its trust ratio is never smaller than {@link #APEX_LARC}'s.
   */
  DECAYED_GRADIENT_NORM
}
