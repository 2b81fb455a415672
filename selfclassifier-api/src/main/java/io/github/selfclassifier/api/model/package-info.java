/**
 * Engine-neutral description of the Self-Classifier network: backbone, then an MLP head that gives an
 * L2-normalised embedding, then several weight-normalised linear classifiers.
 *
 * <p>{@link io.github.selfclassifier.api.model.ModelConfig} says what to build; {@link
 * io.github.selfclassifier.api.model.Backbone} and {@link io.github.selfclassifier.api.model.ClassifierHead}
 * describe what was built. An engine module (for example selfclassifier-djl) implements them; nothing here
 * refers to a tensor type.
 */
package io.github.selfclassifier.api.model;
