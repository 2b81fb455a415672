package io.github.selfclassifier.api.loss;

import java.util.List;

/**
 * The Self-Classifier loss (Amrani et al., ECCV 2022), for any tensor type {@code T}.
 *
 * <p>Input: {@code logitsByHeadAndView.get(h).get(v)} is the {@code B x C_h} matrix of logits of classifier
 * head {@code h} for view {@code v}: row {@code b} is sample {@code b} of the batch, column {@code c} is class
 * {@code c}. All heads have the same number {@code V >= 2} of views and all matrices the same batch size
 * {@code B}; the views of one head share {@code C_h}, different heads may differ. Views 0 and 1 are the global
 * crops, views 2 to {@code V - 1} local crops; the pairs that enter the loss are those of
 * {@link ViewPairs#isLossPair(int, int)} (no view with itself, no two local views). With several devices the
 * logits of all devices are gathered first, so {@code B} is the global batch.
 *
 * <p>Output: a scalar, the mean over heads and pairs of the cross-entropy terms defined in the package
 * documentation ({@code io.github.selfclassifier.api.loss}). It is differentiable with respect to every
 * logit; nothing is detached.
 *
 * @param <T> the tensor type: a B x C matrix in, a scalar out
 */
public interface SelfClassifierLoss<T> {

  /**
   * The temperatures and eps this loss uses.
   *
   * @return the configuration
   */
  LossConfig config();

  /**
   * Computes the loss.
   *
   * @param logitsByHeadAndView logits indexed {@code [head][view]}, each {@code B x C_h}
   * @return the scalar loss
   * @throws IllegalArgumentException if there is no head, fewer than 2 views, heads with different numbers of
   *     views, or matrices whose shapes do not agree as described above
   */
  T compute(List<? extends List<T>> logitsByHeadAndView);
}
