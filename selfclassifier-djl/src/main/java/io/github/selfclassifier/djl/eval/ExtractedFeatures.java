package io.github.selfclassifier.djl.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link FeatureExtractor} pass over an image set produced, in plain Java: the requested feature
 * matrices (one row per image, in the set's order), the predicted cluster of every head, and the set's labels
 * when it has them. Immutable.
 */
public final class ExtractedFeatures {
  private final FloatMatrix backbone;
  private final FloatMatrix embedding;
  private final List<FloatMatrix> logits;
  private final int[][] clusters;
  private final int[] labels;

  ExtractedFeatures(
      FloatMatrix backbone, FloatMatrix embedding, List<FloatMatrix> logits, int[][] clusters, int[] labels) {
    this.backbone = backbone;
    this.embedding = embedding;
    this.logits = List.copyOf(logits);
    this.clusters = clusters;
    this.labels = labels;
  }

  /**
   * The number of images.
   *
   * @return n
   */
  public int size() {
    return clusters[0].length;
  }

  /**
   * The number of classifier heads.
   *
   * @return H
   */
  public int numHeads() {
    return clusters.length;
  }

  /**
   * The backbone features, if {@link ExtractedOutput#BACKBONE_FEATURES} was requested.
   *
   * @return n x F
   */
  public Optional<FloatMatrix> backboneFeatures() {
    return Optional.ofNullable(backbone);
  }

  /**
   * The L2-normalised embeddings, if {@link ExtractedOutput#EMBEDDING} was requested.
   *
   * @return n x d
   */
  public Optional<FloatMatrix> embeddings() {
    return Optional.ofNullable(embedding);
  }

  /**
   * One head's logits, if {@link ExtractedOutput#LOGITS} was requested.
   *
   * @param head the head, 0 to H-1
   * @return n x C_h
   */
  public Optional<FloatMatrix> logits(int head) {
    Objects.checkIndex(head, numHeads());
    return logits.isEmpty() ? Optional.empty() : Optional.of(logits.get(head));
  }

  /**
   * One head's predicted cluster of every image: the argmax of its logits.
   *
   * @param head the head, 0 to H-1
   * @return a copy, n values
   */
  public int[] clusters(int head) {
    return clusters[Objects.checkIndex(head, numHeads())].clone();
  }

  /**
   * The image set's labels.
   *
   * @return a copy, or empty for an unlabelled set
   */
  public Optional<int[]> labels() {
    return Optional.ofNullable(labels).map(int[]::clone);
  }

  @Override
  public String toString() {
    return "ExtractedFeatures[" + size() + " images, " + numHeads() + " heads"
        + (backbone == null ? "" : ", backbone " + backbone.cols())
        + (embedding == null ? "" : ", embedding " + embedding.cols())
        + (logits.isEmpty() ? "" : ", logits") + "]";
  }
}
