package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model FILE} option shared by the commands that run a trained model: a {@code .scmodel} file
 * written by {@code train}, a training checkpoint ({@code checkpoint-*.sccp}) or a checkpoint folder (its newest
 * checkpoint). Add it with {@code @Mixin ModelOption model;} next to {@link EngineOption}, and open it with
 * {@code model.open(engine.name())} in a try-with-resources block.
 */
public final class ModelOption {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "The trained model: OUT/model.scmodel of 'selfclassifier train', a checkpoint file or a"
          + " checkpoint folder (its newest checkpoint, e.g. of a run still going).")
  private Path path;

  /** Created by picocli. */
  public ModelOption() {}

  /**
   * The path as given.
   *
   * @return the model file or checkpoint folder
   */
  public Path path() {
    return path;
  }

  /**
   * Loads the model on an engine.
   *
   * @param engineName the engine, as {@link EngineOption#name()} returns it
   * @return the model; close it
   * @throws CliException if the file is missing, not a model, damaged, or does not fit its config
   */
  public SelfClassifierModel open(String engineName) {
    return open(path, engineName);
  }

  /**
   * Loads a model file, checkpoint file or checkpoint folder on an engine, with one-line errors that name the
   * path.
   *
   * @param path the model file, checkpoint file or checkpoint folder
   * @param engineName "PyTorch" or "MXNet"
   * @return the model; close it
   * @throws CliException if the path is missing, not a model, damaged, or does not fit its config
   */
  public static SelfClassifierModel open(Path path, String engineName) {
    try {
      return SelfClassifierModelFile.load(path, engineName);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "cannot be read" : e.getReason();
      throw new CliException("cannot load --model " + path + ": " + reason, e);
    } catch (IOException | IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new CliException("cannot load --model " + path + ": " + message, e);
    }
  }
}
