package io.github.selfclassifier.djl.eval;

/** How features are scaled before a linear probe; the statistics always come from the training set. */
public enum FeatureScaling {
  /** The features as they are. */
  NONE,
  /** Each sample scaled to unit Euclidean norm (as the k-NN sees them). */
  L2_NORMALIZE,
  /**
   * Each dimension centred and divided by its standard deviation over the training set (population
   * standard deviation; a constant dimension is only centred), as scikit-learn's {@code StandardScaler}.
   */
  STANDARDIZE
}
