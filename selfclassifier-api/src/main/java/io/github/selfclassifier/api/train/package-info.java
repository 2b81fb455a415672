/**
 * Engine-free parts of training: the run's settings ({@link
 * io.github.selfclassifier.api.train.TrainingConfig}), what a trainer reports to its listeners ({@link
 * io.github.selfclassifier.api.train.StepInfo}, {@link io.github.selfclassifier.api.train.EpochInfo}, {@link
 * io.github.selfclassifier.api.train.TrainingListener}) and the failure of a diverged run ({@link
 * io.github.selfclassifier.api.train.TrainingDivergedException}).
 */
package io.github.selfclassifier.api.train;
