/**
 * Optimisation settings of Self-Classifier training, free of engine types: the optimiser configuration
 * ({@link io.github.selfclassifier.api.optim.OptimizerConfig}), the per-step learning-rate schedule
 * ({@link io.github.selfclassifier.api.optim.LearningRateSchedule},
 * {@link io.github.selfclassifier.api.optim.WarmupCosineSchedule}) and a plain-Java double-precision
 * reference of the update rules ({@link io.github.selfclassifier.api.optim.ReferenceOptimizer}), which is
 * the executable specification the engine implementations are tested against.
 */
package io.github.selfclassifier.api.optim;
