/**
 * The {@code selfclassifier} command-line tool ({@link io.github.selfclassifier.examples.cli.SelfClassifierCli})
 * and its commands. Input parsing lives in small classes without picocli types ({@link
 * io.github.selfclassifier.examples.cli.LabelFile}, {@link io.github.selfclassifier.examples.cli.SuperclassFile})
 * so that it can be tested alone and reused by later commands; user errors are {@link
 * io.github.selfclassifier.examples.cli.CliException}s, printed as one line.
 */
package io.github.selfclassifier.examples.cli;
