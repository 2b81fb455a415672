/**
 * The Self-Classifier loss: its configuration ({@link io.github.selfclassifier.api.loss.LossConfig}), the
 * engine-neutral interface ({@link io.github.selfclassifier.api.loss.SelfClassifierLoss}), the rule that picks
 * the (target view, prediction view) pairs ({@link io.github.selfclassifier.api.loss.ViewPairs}) and a
 * double-precision reference with its exact gradient
 * ({@link io.github.selfclassifier.api.loss.ReferenceSelfClassifierLoss}) that engine implementations are
 * tested against.
 *
 * <p>For each head {@code h} with {@code C} classes, batch size {@code B} and views {@code v}:
 *
 * <pre>
 *   T_i = rows L1-normalised (max(norm, eps)) of softmax over the batch axis of S[h][i] / tau_col
 *   P_j = columns L1-normalised (max(norm, eps)) of softmax over the class axis of S[h][j] / tau_row
 *   L_j = log(B / C * P_j + eps)
 *   term(i, j) = - (1 / B) * sum over b, c of T_i[b, c] * L_j[b, c]      for every pair of ViewPairs
 *   loss = mean of term(i, j) over all heads and pairs
 * </pre>
 *
 * <p>Gradients flow through both the targets and the predictions: nothing is detached.
 */
package io.github.selfclassifier.api.loss;
