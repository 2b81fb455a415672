package io.github.selfclassifier.api.optim;

/** The update rule of an optimiser. */
public enum OptimizerKind {
  /**
   * Stochastic gradient descent with (heavy-ball) momentum and L2 weight decay added to the gradient, as
   * {@code torch.optim.SGD}: {@code d = g + wd p; mu = m mu + d; p -= lr mu}.
   */
  SGD,
  /**
   * SGD with momentum wrapped in LARS (layer-wise adaptive rate scaling, You et al. 2017): the decayed
   * gradient of each parameter tensor is scaled by a trust ratio before the momentum step. The paper's
   * optimiser; see {@link LarsTrustRatio} for the exact forms.
   */
  LARS,
  /**
   * Adam with decoupled weight decay (Loshchilov and Hutter 2019), as {@code torch.optim.AdamW}: the
   * parameter is first shrunk by {@code (1 - lr wd)}, then moved by the bias-corrected Adam step.
   */
  ADAMW
}
