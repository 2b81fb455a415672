/**
 * Evaluation on frozen features, the paper's protocol beside the clustering metrics: feature extraction from
 * a trained network in one inference pass ({@link io.github.selfclassifier.djl.eval.FeatureExtractor}), a
 * weighted k-nearest-neighbour classifier ({@link io.github.selfclassifier.djl.eval.WeightedKnnClassifier}),
 * a linear probe ({@link io.github.selfclassifier.djl.eval.LinearProbe}), k-means as the baseline ({@link
 * io.github.selfclassifier.djl.eval.KMeans}), and {@link
 * io.github.selfclassifier.djl.eval.FrozenFeatureEvaluation}, which runs them together.
 *
 * <p>Everything after the extraction is plain Java on {@link io.github.selfclassifier.djl.eval.FloatMatrix}
 * (no native memory): results can be kept, stored and evaluated without an engine.
 */
package io.github.selfclassifier.djl.eval;
