/**
 * The Self-Classifier loss on DJL NDArrays: {@link io.github.selfclassifier.djl.loss.NdSelfClassifierLoss},
 * the engine implementation of {@link io.github.selfclassifier.api.loss.SelfClassifierLoss}, tested on PyTorch
 * and MXNet against {@link io.github.selfclassifier.api.loss.ReferenceSelfClassifierLoss}.
 */
package io.github.selfclassifier.djl.loss;
