package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model FILE} option shared by the commands that run a trained model: the output folder of {@code
 * train} (its {@code model.scmodel}, else its newest checkpoint), a {@code .scmodel} file, a training
 * checkpoint ({@code checkpoint-*.sccp}) or a checkpoint folder (its newest checkpoint). Add it with {@code @Mixin ModelOption model;} next to {@link EngineOption}, and open it with
 * {@code model.open(engine.name())} in a try-with-resources block.
 */
public final class ModelOption {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "The trained model: the --out folder of 'selfclassifier train' (its model.scmodel, else"
          + " its newest checkpoint), a .scmodel file, a checkpoint file or a checkpoint folder.")
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
   * What a model path names: in the output folder of {@code train}, its model file, else its checkpoint folder;
   * any other path as it is.
   *
   * @param path the path given
   * @return the model file, checkpoint file or checkpoint folder to load
   */
  static Path resolve(Path path) {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(TrainCommand.MODEL_FILE))) {
        return path.resolve(TrainCommand.MODEL_FILE);
      }
      if (Files.isDirectory(path.resolve(TrainCommand.CHECKPOINTS))) {
        return path.resolve(TrainCommand.CHECKPOINTS);
      }
    }
    return path;
  }

  /**
   * Loads a training output folder, model file, checkpoint file or checkpoint folder on an engine, with
   * one-line errors that name the path.
   *
   * @param path the training output folder, model file, checkpoint file or checkpoint folder
   * @param engineName "PyTorch" or "MXNet"
   * @return the model; close it
   * @throws CliException if the path is missing, not a model, damaged, or does not fit its config
   */
  public static SelfClassifierModel open(Path path, String engineName) {
    try {
      return SelfClassifierModelFile.load(resolve(path), engineName);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "cannot be read" : e.getReason();
      throw new CliException("cannot load --model " + path + ": " + reason, e);
    } catch (IOException | IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new CliException("cannot load --model " + path + ": " + message, e);
    }
  }
}
