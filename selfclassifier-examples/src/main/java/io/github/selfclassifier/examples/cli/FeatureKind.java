package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.eval.ExtractedOutput;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Which vectors the frozen-feature commands ({@code knn}, {@code linear-probe}, {@code kmeans}) compare, as
 * written after {@code --features}: a trained model's backbone features or embeddings, or (k-means only) the
 * raw pixels, the baseline that needs no model.
 */
public enum FeatureKind {
  /** The backbone's feature vector (dimension F), what the paper's k-NN and linear probe use. */
  BACKBONE,
  /** The L2-normalised embedding z (dimension d) that the classifier heads read. */
  EMBEDDING,
  /** The image's pixel values scaled to [0, 1], channel after channel (C x H x W values); no model. */
  PIXELS;

  /**
   * The name on the command line.
   *
   * @return {@code backbone}, {@code embedding} or {@code pixels}
   */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What a description calls these vectors.
   *
   * @return e.g. {@code "backbone features"}
   */
  public String description() {
    return switch (this) {
      case BACKBONE -> "backbone features";
      case EMBEDDING -> "embeddings";
      case PIXELS -> "raw pixels";
    };
  }

  /**
   * Whether a model computes these vectors.
   *
   * @return false for pixels
   */
  public boolean needsModel() {
    return this != PIXELS;
  }

  /**
   * The output a {@link io.github.selfclassifier.djl.eval.FeatureExtractor} keeps for these vectors.
   *
   * @return the extracted output
   * @throws IllegalStateException for pixels, which are not extracted
   */
  public ExtractedOutput extractedOutput() {
    return switch (this) {
      case BACKBONE -> ExtractedOutput.BACKBONE_FEATURES;
      case EMBEDDING -> ExtractedOutput.EMBEDDING;
      case PIXELS -> throw new IllegalStateException("pixels are not extracted by a model");
    };
  }

  private static FeatureKind parse(String value, boolean pixelsAllowed) {
    String v = value.strip();
    for (FeatureKind kind : values()) {
      if (kind.cliName().equalsIgnoreCase(v)) {
        if (kind == PIXELS && !pixelsAllowed) {
          throw new TypeConversionException(
              "'pixels' is for 'selfclassifier kmeans'; here choose backbone or embedding (a model's features)");
        }
        return kind;
      }
    }
    throw new TypeConversionException("unknown features '" + value + "': expected backbone or embedding"
        + (pixelsAllowed ? " (with --model) or pixels" : ""));
  }

  /** Picocli converter for commands that compare a model's features: backbone or embedding. */
  public static final class ModelFeaturesConverter implements ITypeConverter<FeatureKind> {
    /** Created by picocli. */
    public ModelFeaturesConverter() {}

    @Override
    public FeatureKind convert(String value) {
      return parse(value, false);
    }
  }

  /** Picocli converter for commands that also take raw pixels: backbone, embedding or pixels. */
  public static final class AnyFeaturesConverter implements ITypeConverter<FeatureKind> {
    /** Created by picocli. */
    public AnyFeaturesConverter() {}

    @Override
    public FeatureKind convert(String value) {
      return parse(value, true);
    }
  }
}
