package io.github.selfclassifier.djl.eval;

/**
 * What a {@link FeatureExtractor} keeps besides the predicted clusters of every head (always kept: one int
 * per image and head).
 */
public enum ExtractedOutput {
  /** The backbone's feature vector (dimension F): what the paper's k-NN and linear probe use. */
  BACKBONE_FEATURES,
  /** The L2-normalised embedding z (dimension d). */
  EMBEDDING,
  /** Every head's logits (C_h per head; large for many classes: 50,000 images x 15,000 classes is 3 GB). */
  LOGITS
}
