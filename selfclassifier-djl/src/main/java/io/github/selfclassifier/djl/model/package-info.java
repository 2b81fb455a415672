/**
 * The Self-Classifier network as DJL blocks that run on the PyTorch and MXNet engines.
 *
 * <p>{@link io.github.selfclassifier.djl.model.SelfClassifierModels#build} turns a {@link
 * io.github.selfclassifier.api.model.ModelConfig} into a {@link
 * io.github.selfclassifier.djl.model.SelfClassifierBlock}: a backbone ({@link
 * io.github.selfclassifier.djl.model.ResNetBackbone}, {@link
 * io.github.selfclassifier.djl.model.SmallConvNetBackbone} or {@link
 * io.github.selfclassifier.djl.model.TorchScriptBackbone}), the MLP head {@link
 * io.github.selfclassifier.djl.model.ProjectionHead} and the classifiers {@link
 * io.github.selfclassifier.djl.model.WeightNormClassifiers}. Parameter paths follow PyTorch's names ({@link
 * io.github.selfclassifier.djl.model.TorchStateDictNames}).
 */
package io.github.selfclassifier.djl.model;
