package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test fixture shared by the command-line tests that need a trained model: the folder of 80 generated shape
 * images of {@link TestImageFolders} (10 classes, one corrupt file) and a tiny network trained on it for one
 * epoch by the {@code train} command, so that training takes seconds (width 8: at width 4 with batches of 16
 * the library's training was seen to turn NaN in some runs). Trained on PyTorch.
 *
 * @param images the image folder
 * @param imageFiles its readable image files
 * @param run the training output folder
 * @param training the training run's output
 */
record TinyTrainedModel(Path images, List<Path> imageFiles, Path run, CliRun training) {
  /** The training options that make the run tiny. */
  static final String[] TINY = {
    "--epochs", "1", "--batch-size", "16", "--checkpoint-every", "2", "--width", "8", "--heads", "10,20",
    "--local-crops", "2", "--loader-threads", "1", "--devices", "cpu"
  };
  /** 80 images in batches of 16. */
  static final int STEPS_PER_EPOCH = 5;

  /**
   * Writes the images into {@code dir/images} and trains into {@code dir/run}.
   *
   * @param dir an empty folder
   * @return the fixture
   */
  static TinyTrainedModel train(Path dir) throws IOException {
    Path images = dir.resolve("images");
    List<Path> files = TestImageFolders.writeShapes(images);
    Path run = dir.resolve("run");
    CliRun training = CliRun.of(trainArgs(images, run, TINY));
    assertThat(training.exitCode()).as(training.err()).isZero();
    return new TinyTrainedModel(images, files, run, training);
  }

  /**
   * The arguments of {@code train} on an image folder at 28x28 grayscale.
   *
   * @param images the image folder
   * @param out the output folder
   * @param extra further options
   * @return the command line
   */
  static String[] trainArgs(Path images, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", images.toString(), "--out", out.toString(),
        "--image-size", "28", "--channels", "1"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /**
   * The trained model file.
   *
   * @return {@code run/model.scmodel}
   */
  Path modelFile() {
    return run.resolve(TrainCommand.MODEL_FILE);
  }
}
