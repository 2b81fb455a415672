package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.inference.InputPreprocessing;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --data SOURCE} option and the options of how to read it ({@code --unlabelled}, {@code
 * --image-size}, {@code --channels}, {@code --strict}, {@code --max-images}), shared by the commands that read
 * one image set. Add it with {@code @Mixin DataOptions data;} and call {@link #load()} (size and channels from
 * the options or the source's defaults) or {@link #loadFor(InputPreprocessing)} (size and channels of a
 * trained model). Commands that read two sets declare their own {@link DataSource} options with {@link
 * DataSource.Converter} and load them with {@link DataSource#load}.
 */
public final class DataOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "SOURCE",
      converter = DataSource.Converter.class,
      description = {
        "The images: a folder (labelled when it has one sub-folder per class; images at any depth inside"
            + " a class folder), fashion-mnist (train+test, 70,000 images), fashion-mnist-train (60,000),"
            + " fashion-mnist-test (10,000) (append :DIR for another folder of the IDX files than"
            + " /usr/share/datasets/fashion-mnist), or shapes (3,000 generated images of 10"
            + " shapes, no download)."
      })
  private DataSource source;

  @Option(
      names = "--unlabelled",
      description = "Read the folder without labels: every image at any depth, sub-folders are not classes.")
  private boolean unlabelled;

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      description = "Side of the square images, after resizing the shorter side and centre-cropping"
          + " (default 224 for folders, 28 for fashion-mnist and shapes).")
  private int imageSize;

  @Option(
      names = "--channels",
      paramLabel = "N",
      description = "3 for colour, 1 for grayscale (default 3 for folders, 1 for fashion-mnist and shapes).")
  private int channels;

  @Option(
      names = "--strict",
      description = "Fail on the first unreadable image instead of skipping it with a warning.")
  private boolean strict;

  @Option(
      names = "--max-images",
      paramLabel = "N",
      description = "Use a fixed random subset of N images, e.g. for a quick trial (default: all).")
  private int maxImages;

  /** Created by picocli. */
  public DataOptions() {}

  /**
   * The source as given.
   *
   * @return the source
   */
  public DataSource source() {
    return source;
  }

  /**
   * Loads the images at the size and channels given on the command line, or the source's defaults.
   *
   * @return the images
   * @throws ParameterException for an invalid size, channel count or subset size (exit code 2)
   * @throws CliException if the images cannot be read (exit code 1)
   */
  public LoadedImages load() {
    checkValues();
    return source.load(new DataSource.DataLoadOptions(
        imageSize, channels, unlabelled, strict, maxImages, null, false));
  }

  /**
   * Loads the images as a trained model takes them: its input size, channels and resize filter. A size or
   * channel count on the command line must agree with the model's.
   *
   * @param input the model's preprocessing
   * @return the images
   * @throws ParameterException for an invalid value (exit code 2)
   * @throws CliException if the images cannot be read or the command line disagrees with the model (exit code
   *     1)
   */
  public LoadedImages loadFor(InputPreprocessing input) {
    checkValues();
    if ((imageSize != 0 && imageSize != input.size()) || (channels != 0 && channels != input.channels())) {
      throw new CliException("the model takes " + input.channels() + "x" + input.size() + "x" + input.size()
          + " images; leave out --image-size and --channels, or give those values");
    }
    return source.load(new DataSource.DataLoadOptions(input.size(), input.channels(), unlabelled, strict,
        maxImages, input.interpolation(), true));
  }

  private void checkValues() {
    if (imageSize < 0 || (imageSize > 0 && imageSize < 8)) {
      throw new ParameterException(mixee.commandLine(), "--image-size must be at least 8, got " + imageSize);
    }
    if (channels != 0 && channels != 1 && channels != 3) {
      throw new ParameterException(mixee.commandLine(), "--channels must be 1 or 3, got " + channels);
    }
    if (maxImages < 0) {
      throw new ParameterException(mixee.commandLine(), "--max-images must be positive, got " + maxImages);
    }
    if (unlabelled && source.kind() != DataSource.Kind.FOLDER) {
      throw new ParameterException(mixee.commandLine(), "--unlabelled applies to image folders, not " + source);
    }
  }
}
