package io.github.selfclassifier.api.metrics;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The scores of one clustering against the true labels.
 *
 * @param n number of samples
 * @param classes number of distinct true labels
 * @param clusters number of distinct predicted labels
 * @param averageMethod the averaging used for {@code nmi} and {@code ami}
 * @param nmi normalised mutual information, in [0, 1]: {@code MI / average(H(truth), H(pred))}; 1 when both
 *     sides have a single label (scikit-learn's convention), 0 when the mutual information is 0
 * @param ami mutual information adjusted for chance with the exact expected mutual information under the
 *     hypergeometric model (Vinh, Epps and Bailey, 2010): {@code (MI - EMI) / (average(H(truth), H(pred)) -
 *     EMI)}; 1 for identical partitions, about 0 for random ones, may be negative
 * @param ari adjusted Rand index (Hubert and Arabie, 1985), in [-0.5, 1]; 1 for identical partitions
 * @param acc clustering accuracy: the fraction of samples whose cluster is assigned to their true class, where
 *     clusters are matched one to one to classes by a maximum-weight matching of the count matrix and, when
 *     there are more clusters than classes, each unmatched cluster is assigned its most frequent true class
 * @param superclassAcc the same assignment, with assigned and true class both mapped to their superclass;
 *     present only when a {@link SuperclassMapping} was given
 */
public record ClusteringScores(
    int n,
    int classes,
    int clusters,
    AverageMethod averageMethod,
    double nmi,
    double ami,
    double ari,
    double acc,
    OptionalDouble superclassAcc) {

  /** Validates the counts and requires non-null members. */
  public ClusteringScores {
    Objects.requireNonNull(averageMethod, "averageMethod");
    Objects.requireNonNull(superclassAcc, "superclassAcc");
    if (n < 1 || classes < 1 || clusters < 1) {
      throw new IllegalArgumentException(
          "n, classes and clusters must be positive: " + n + ", " + classes + ", " + clusters);
    }
  }
}
