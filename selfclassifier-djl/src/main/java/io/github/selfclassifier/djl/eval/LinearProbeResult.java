package io.github.selfclassifier.djl.eval;

/**
 * The outcome of a linear-probe evaluation.
 *
 * @param trainTop1 top-1 accuracy on the training samples, in [0, 1]
 * @param testTop1 top-1 accuracy on the test samples, in [0, 1]
 * @param model the trained probe
 */
public record LinearProbeResult(double trainTop1, double testTop1, LinearProbeModel model) {}
