package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.inference.InputPreprocessing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that learn from one labelled image set and score on another ({@code knn},
 * {@code linear-probe}): {@code --train-data SOURCE}, {@code --test-data SOURCE}, {@code --strict} and {@code
 * --max-images}. Both sets are read at a trained model's input size and channels and must have labels. Add it
 * with {@code @Mixin TrainTestDataOptions data;}.
 *
 * <p>Labels are class indices, which each source numbers by its own class names (folder names in name order);
 * {@link #testLabels} renumbers the test set's by class name into the training set's numbering, so a test
 * folder may hold fewer classes than the training folder, but no class the training set lacks.
 */
public final class TrainTestDataOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--train-data",
      required = true,
      paramLabel = "SOURCE",
      converter = DataSource.Converter.class,
      description = {
        "The labelled images to learn from: a folder with one sub-folder per class, fashion-mnist,"
            + " fashion-mnist-train, fashion-mnist-test or shapes; a fashion-mnist name followed by :DIR"
            + " reads the IDX files in DIR."
      })
  private DataSource train;

  @Option(
      names = "--test-data",
      paramLabel = "SOURCE",
      converter = DataSource.Converter.class,
      description = "The labelled images to score, spelled as --train-data; their classes must be among the"
          + " training classes (matched by name).")
  private DataSource test;

  @Option(
      names = "--strict",
      description = "Fail on the first unreadable image instead of skipping it with a warning.")
  private boolean strict;

  @Option(
      names = "--max-images",
      paramLabel = "N",
      description = "Use a fixed random subset of at most N images of each set, e.g. for a quick trial"
          + " (default: all).")
  private int maxImages;

  /** Created by picocli. */
  public TrainTestDataOptions() {}

  /**
   * The training source as given.
   *
   * @return the source
   */
  public DataSource train() {
    return train;
  }

  /**
   * The test source as given.
   *
   * @return the source, or null when {@code --test-data} was left out
   */
  public DataSource test() {
    return test;
  }

  /**
   * The subset size.
   *
   * @return {@code --max-images}, 0 for all images
   */
  public int maxImages() {
    return maxImages;
  }

  /**
   * Checks the values that need no files: a negative {@code --max-images} is a usage error.
   *
   * @throws ParameterException for an invalid value (exit code 2)
   */
  public void checkValues() {
    if (maxImages < 0) {
      throw new ParameterException(mixee.commandLine(), "--max-images must be positive, got " + maxImages);
    }
  }

  /**
   * Loads the training images as a model takes them.
   *
   * @param input the model's preprocessing
   * @param command the command name, for the error message
   * @return the labelled images
   * @throws CliException if the images cannot be read, do not fit the model or have no labels (exit code 1)
   */
  public LoadedImages loadTrain(InputPreprocessing input, String command) {
    return load(train, "--train-data", input, command);
  }

  /**
   * Loads the test images as a model takes them.
   *
   * @param input the model's preprocessing
   * @param command the command name, for the error message
   * @return the labelled images
   * @throws IllegalStateException if {@code --test-data} was left out
   * @throws CliException if the images cannot be read, do not fit the model or have no labels (exit code 1)
   */
  public LoadedImages loadTest(InputPreprocessing input, String command) {
    if (test == null) {
      throw new IllegalStateException("no --test-data");
    }
    return load(test, "--test-data", input, command);
  }

  private LoadedImages load(DataSource source, String option, InputPreprocessing input, String command) {
    LoadedImages loaded = source.load(new DataSource.DataLoadOptions(input.size(), input.channels(), false,
        strict, maxImages, input.interpolation(), true));
    if (!loaded.isLabelled()) {
      throw new CliException(command + " needs the true classes, but " + option + " " + source
          + " has no labels (give a folder with one sub-folder per class, fashion-mnist or shapes)");
    }
    return loaded;
  }

  /**
   * The test set's labels in the training set's numbering, matched by class name.
   *
   * @param trainImages the loaded training images
   * @param testImages the loaded test images
   * @return one training-class index per test image
   * @throws CliException naming the first test class that the training set lacks
   */
  public int[] testLabels(LoadedImages trainImages, LoadedImages testImages) {
    List<String> trainClasses = trainImages.classNames();
    List<String> testClasses = testImages.classNames();
    int[] labels = testImages.labels();
    if (trainClasses.equals(testClasses)) {
      return labels;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < trainClasses.size(); c++) {
      index.put(trainClasses.get(c), c);
    }
    int[] renumbered = new int[testClasses.size()];
    for (int c = 0; c < testClasses.size(); c++) {
      Integer t = index.get(testClasses.get(c));
      if (t == null) {
        throw new CliException("class '" + testClasses.get(c) + "' of --test-data " + test
            + " is not a class of --train-data " + train + " (" + trainClasses.size() + " classes, e.g. '"
            + trainClasses.get(0) + "'); both sets need the same class names");
      }
      renumbered[c] = t;
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = renumbered[labels[i]];
    }
    return out;
  }
}
