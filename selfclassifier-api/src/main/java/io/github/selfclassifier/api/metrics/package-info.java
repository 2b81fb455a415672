/**
 * Clustering evaluation: the {@link io.github.selfclassifier.api.metrics.ClusterMetrics} interface and its
 * immutable results. Labels are plain {@code int} values of any range; the scores follow scikit-learn's
 * definitions and the Self-Classifier paper's accuracy protocol.
 */
package io.github.selfclassifier.api.metrics;
