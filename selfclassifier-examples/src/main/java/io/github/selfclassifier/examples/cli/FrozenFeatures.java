package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.eval.ExtractedFeatures;
import io.github.selfclassifier.djl.eval.ExtractionProgressListener;
import io.github.selfclassifier.djl.eval.FeatureExtractor;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.inference.InputPreprocessing;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import java.util.EnumSet;

/**
 * The vectors the frozen-feature commands compare, one row per image in the image set's order: a trained
 * model's backbone features or embeddings from one {@link FeatureExtractor} pass in inference mode, or the raw
 * pixels.
 *
 * <p>The extraction logs its progress (images done, images per second, time left) through SLF4J at INFO
 * about every tenth of the set and after the last batch; the command line's logging configuration shows
 * these lines on standard error.
 */
public final class FrozenFeatures {
  private FrozenFeatures() {}

  /**
   * Runs a model over images and keeps one kind of its features.
   *
   * @param model the trained model
   * @param images images of the model's input size and channels
   * @param kind {@link FeatureKind#BACKBONE} or {@link FeatureKind#EMBEDDING}
   * @param batchSize images per forward pass
   * @return n x F backbone features or n x d embeddings
   * @throws IllegalArgumentException if the images do not fit the model, or {@code kind} is pixels
   */
  public static FloatMatrix ofModel(SelfClassifierModel model, ByteImageSet images, FeatureKind kind,
      int batchSize) {
    if (!kind.needsModel()) {
      throw new IllegalArgumentException("a model does not extract " + kind.description());
    }
    InputPreprocessing input = model.preprocessing();
    if (images.channels() != input.channels() || images.height() != input.size()
        || images.width() != input.size()) {
      throw new IllegalArgumentException("the model takes " + input.channels() + "x" + input.size() + "x"
          + input.size() + " images, not " + images.channels() + "x" + images.height() + "x" + images.width());
    }
    int batches = (images.size() + batchSize - 1) / batchSize;
    FeatureExtractor extractor = FeatureExtractor.builder()
        .setModel(model.block())
        .setManager(model.djlModel().getNDManager())
        .setNormalization(input.mean(), input.std())
        .optBatchSize(batchSize)
        .optOutputs(EnumSet.of(kind.extractedOutput()))
        .optListener(ExtractionProgressListener.logEvery(Math.max(1, batches / 10)))
        .build();
    ExtractedFeatures extracted = extractor.extract(images);
    return (kind == FeatureKind.BACKBONE ? extracted.backboneFeatures() : extracted.embeddings()).orElseThrow();
  }

  /**
   * The raw pixels: every image's values scaled to [0, 1] ({@code byte / 255}), channel after channel, row
   * after row ({@link ByteImageSet#copyImage}).
   *
   * @param images the images
   * @return n x (C x H x W)
   */
  public static FloatMatrix ofPixels(ByteImageSet images) {
    int n = images.size();
    int dim = images.channels() * images.height() * images.width();
    float[] values = new float[Math.multiplyExact(n, dim)];
    float[] one = new float[dim];
    for (int i = 0; i < n; i++) {
      images.copyImage(i, one);
      System.arraycopy(one, 0, values, i * dim, dim);
    }
    return FloatMatrix.of(n, dim, values);
  }
}
