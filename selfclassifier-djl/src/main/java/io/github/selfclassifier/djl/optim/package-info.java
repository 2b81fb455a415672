/**
 * Optimisers and learning-rate scheduling of Self-Classifier training on DJL: LARS ({@link
 * io.github.selfclassifier.djl.optim.LarsOptimizer}), SGD with momentum ({@link
 * io.github.selfclassifier.djl.optim.MomentumSgdOptimizer}) and AdamW ({@link
 * io.github.selfclassifier.djl.optim.AdamWOptimizer}), all driven by an {@link
 * io.github.selfclassifier.api.optim.OptimizerConfig}, a per-step learning rate ({@link
 * io.github.selfclassifier.djl.optim.ScheduleTracker}) and a rule telling biases and normalisation
 * parameters apart ({@link io.github.selfclassifier.djl.optim.BiasAndNormRule}). Each implements, in float32
 * on the engine, exactly the rule of {@link io.github.selfclassifier.api.optim.ReferenceOptimizer}.
 */
package io.github.selfclassifier.djl.optim;
