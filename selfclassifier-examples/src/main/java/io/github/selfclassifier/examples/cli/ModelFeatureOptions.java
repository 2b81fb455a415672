package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that score a model's frozen features ({@code knn}, {@code linear-probe}): which
 * features and how many images per forward pass of the extraction.
 */
public final class ModelFeatureOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = "--features", paramLabel = "KIND", defaultValue = "backbone",
      converter = FeatureKind.ModelFeaturesConverter.class,
      description = "backbone (default, the paper's) or embedding (the normalised vector the heads read).")
  private FeatureKind kind;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Images per forward pass of the feature extraction (default 64).")
  private int batchSize;

  /** Created by picocli. */
  public ModelFeatureOptions() {}

  /** Rejects a batch size below 1 as a usage error of the command that mixes these options in. */
  void checkValues() {
    if (batchSize < 1) {
      throw new ParameterException(mixee.commandLine(), "--batch-size must be positive, got " + batchSize);
    }
  }

  /**
   * The chosen features.
   *
   * @return backbone or embedding
   */
  FeatureKind kind() {
    return kind;
  }

  /**
   * Extracts the chosen features of the images, in batches of {@code --batch-size}.
   *
   * @param model the model
   * @param images images of the model's input shape
   * @return one row per image
   */
  FloatMatrix extract(SelfClassifierModel model, ByteImageSet images) {
    return FrozenFeatures.ofModel(model, images, kind, batchSize);
  }
}
