package io.github.selfclassifier.djl.inference;

import java.util.Objects;

/**
 * What the network says about one image: the predicted cluster (argmax of the chosen head's logits), every
 * head's class probabilities (softmax of its logits) and the embedding. Immutable: accessors return copies.
 */
public final class ClusterPrediction {
  private final int head;
  private final int[] clusters;
  private final float[][] probabilities;
  private final float[] embedding;

  private ClusterPrediction(int head, int[] clusters, float[][] probabilities, float[] embedding) {
    this.head = head;
    this.clusters = clusters;
    this.probabilities = probabilities;
    this.embedding = embedding;
  }

  /**
   * A prediction from the network's raw outputs for one image.
   *
   * @param embedding the embedding z (already L2-normalised by the network)
   * @param logits each head's logits
   * @param head the head whose argmax is {@link #cluster()}
   * @return the prediction; probabilities are a softmax computed in double precision
   * @throws IndexOutOfBoundsException if the head does not exist
   */
  public static ClusterPrediction fromOutputs(float[] embedding, float[][] logits, int head) {
    Objects.checkIndex(head, logits.length);
    int[] clusters = new int[logits.length];
    float[][] probabilities = new float[logits.length][];
    for (int h = 0; h < logits.length; h++) {
      float[] l = logits[h];
      int best = 0;
      for (int c = 1; c < l.length; c++) {
        if (l[c] > l[best]) {
          best = c;
        }
      }
      clusters[h] = best;
      double sum = 0;
      double[] e = new double[l.length];
      for (int c = 0; c < l.length; c++) {
        e[c] = Math.exp((double) l[c] - l[best]);
        sum += e[c];
      }
      float[] p = new float[l.length];
      for (int c = 0; c < l.length; c++) {
        p[c] = (float) (e[c] / sum);
      }
      probabilities[h] = p;
    }
    return new ClusterPrediction(head, clusters, probabilities, embedding.clone());
  }

  /**
   * The predicted cluster: the argmax of the chosen head (the first on ties).
   *
   * @return the cluster index, 0 to C_head - 1
   */
  public int cluster() {
    return clusters[head];
  }

  /**
   * The head that {@link #cluster()} and {@link #probability()} refer to.
   *
   * @return the head index
   */
  public int head() {
    return head;
  }

  /**
   * The probability of the predicted cluster under the chosen head (its largest probability).
   *
   * @return a value in (0, 1]
   */
  public float probability() {
    return probabilities[head][clusters[head]];
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
   * The argmax of one head.
   *
   * @param head the head, 0 to H-1
   * @return its cluster
   */
  public int clusterOfHead(int head) {
    return clusters[Objects.checkIndex(head, clusters.length)];
  }

  /**
   * The argmax of every head.
   *
   * @return one cluster per head (a copy)
   */
  public int[] clustersOfAllHeads() {
    return clusters.clone();
  }

  /**
   * One head's class probabilities (softmax of its logits; they sum to 1).
   *
   * @param head the head, 0 to H-1
   * @return C_head probabilities (a copy)
   */
  public float[] probabilities(int head) {
    return probabilities[Objects.checkIndex(head, probabilities.length)].clone();
  }

  /**
   * The L2-normalised embedding z the classifiers read (normalised by the network, eps 1e-7).
   *
   * @return d values (a copy)
   */
  public float[] embedding() {
    return embedding.clone();
  }

  @Override
  public String toString() {
    return "ClusterPrediction[cluster=" + cluster() + " of head " + head + ", probability=" + probability()
        + ", heads=" + clusters.length + ", d=" + embedding.length + "]";
  }
}
