/**
 * The {@code selfclassifier} command-line tool ({@link io.github.selfclassifier.examples.cli.SelfClassifierCli})
 * and its commands. Input parsing lives in small classes without picocli types ({@link
 * io.github.selfclassifier.examples.cli.LabelFile}, {@link io.github.selfclassifier.examples.cli.SuperclassFile},
 * {@link io.github.selfclassifier.examples.cli.DataSource}) so that it can be tested alone and reused by later
 * commands; user errors are {@link io.github.selfclassifier.examples.cli.CliException}s, printed as one line.
 *
 * <p>Building blocks for a command that reads images or runs a model: the mixins {@link
 * io.github.selfclassifier.examples.cli.DataOptions} ({@code --data} and how to read it), {@link
 * io.github.selfclassifier.examples.cli.ModelOption} ({@code --model}) and {@link
 * io.github.selfclassifier.examples.cli.EngineOption} ({@code --engine}); {@link
 * io.github.selfclassifier.examples.cli.DataSource} with its converter for commands that read two image sets;
 * {@link io.github.selfclassifier.examples.cli.HeadClusters} (every head's clusters in one pass), {@link
 * io.github.selfclassifier.examples.cli.PredictionsCsv} (one row per image) and {@link
 * io.github.selfclassifier.examples.cli.HierarchySuperclasses} (ImageNet superclass levels).
 */
package io.github.selfclassifier.examples.cli;
