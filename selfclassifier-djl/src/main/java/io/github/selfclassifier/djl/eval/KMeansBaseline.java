package io.github.selfclassifier.djl.eval;

import io.github.selfclassifier.api.metrics.ClusteringScores;

/**
 * The k-means baseline of a {@link FrozenFeatureEvaluation}: the clustering and its scores against the true
 * labels of the same samples.
 *
 * @param clustering the k-means result (labels, centroids, inertia)
 * @param scores NMI, AMI, ARI and ACC of the k-means labels
 */
public record KMeansBaseline(KMeansResult clustering, ClusteringScores scores) {}
