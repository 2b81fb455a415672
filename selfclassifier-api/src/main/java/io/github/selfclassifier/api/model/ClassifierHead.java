package io.github.selfclassifier.api.model;

import java.util.List;

/**
 * What the classifier part of a Self-Classifier network is: H bias-free, weight-normalised linear
 * classifiers on the same L2-normalised embedding. Row c of head h's weight is {@code g_c * v_c /
 * ||v_c||}, so logit c is {@code g_c * cos(z, v_c)}.
 */
public interface ClassifierHead {

  /**
   * The number H of classifier heads.
   *
   * @return H, positive
   */
  default int numHeads() {
    return classesPerHead().size();
  }

  /**
   * The number of classes of each head, in head order.
   *
   * @return an unmodifiable list of H positive counts
   */
  List<Integer> classesPerHead();

  /**
   * The dimension d of the embedding the classifiers read.
   *
   * @return d, positive
   */
  int embeddingDim();

  /**
   * Whether the gains {@code g_c} are fixed at 1 (then a constant, not a parameter) instead of trained.
   *
   * @return true if the gains are fixed
   */
  boolean fixedGains();
}
