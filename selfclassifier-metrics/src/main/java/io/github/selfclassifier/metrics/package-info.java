/**
 * Exact clustering metrics in pure Java: a sparse contingency table built in linear time, mutual
 * information, NMI, AMI with the exact expected mutual information, ARI, and the Hungarian-matched clustering
 * accuracy of the Self-Classifier paper. Start with {@link io.github.selfclassifier.metrics.ExactClusterMetrics}.
 */
package io.github.selfclassifier.metrics;
