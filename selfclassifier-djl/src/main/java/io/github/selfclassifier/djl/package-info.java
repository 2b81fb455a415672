/**
 * Self-Classifier on Deep Java Library. {@link io.github.selfclassifier.djl.EngineSelector} chooses the engine
 * (PyTorch by default, MXNet on request) explicitly, instead of DJL's own default.
 */
package io.github.selfclassifier.djl;
