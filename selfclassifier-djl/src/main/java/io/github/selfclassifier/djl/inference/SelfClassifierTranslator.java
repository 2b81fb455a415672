package io.github.selfclassifier.djl.inference;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The DJL {@link Translator} of a Self-Classifier network: a DJL {@link Image} in, a {@link
 * ClusterPrediction} out. Input: the model's {@link InputPreprocessing} (the image-folder loader's resize
 * and the training normalisation). Output: softmax of every head, the chosen head's argmax, the embedding.
 * Batches are stacked ({@link Batchifier#STACK}), so {@code predictor.batchPredict} runs one forward pass.
 */
public final class SelfClassifierTranslator implements Translator<Image, ClusterPrediction> {
  private final InputPreprocessing preprocessing;
  private final int head;

  /**
   * A translator.
   *
   * @param preprocessing the input preprocessing of the model
   * @param head the head whose argmax is the predicted cluster
   * @throws IllegalArgumentException if the head is negative
   */
  public SelfClassifierTranslator(InputPreprocessing preprocessing, int head) {
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    if (head < 0) {
      throw new IllegalArgumentException("head must not be negative: " + head);
    }
    this.head = head;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Image input) {
    float[] x = preprocessing.toInput(toBufferedImage(input, ctx));
    int s = preprocessing.size();
    return new NDList(ctx.getNDManager().create(x, new Shape(preprocessing.channels(), s, s)));
  }

  @Override
  public ClusterPrediction processOutput(TranslatorContext ctx, NDList list) {
    float[] embedding = list.get(0).toType(DataType.FLOAT32, false).toFloatArray();
    float[][] logits = new float[list.size() - 1][];
    for (int h = 0; h < logits.length; h++) {
      logits[h] = list.get(1 + h).toType(DataType.FLOAT32, false).toFloatArray();
    }
    if (head >= logits.length) {
      throw new IllegalArgumentException("head " + head + " asked for but the model has " + logits.length);
    }
    return ClusterPrediction.fromOutputs(embedding, logits, head);
  }

  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }

  /** The image as a BufferedImage: the wrapped one (DJL's default factory), else through its pixels. */
  static BufferedImage toBufferedImage(Image image, TranslatorContext ctx) {
    if (image.getWrappedImage() instanceof BufferedImage buffered) {
      return buffered;
    }
    int h = image.getHeight();
    int w = image.getWidth();
    NDArray hwc = image.toNDArray(ctx.getNDManager(), Image.Flag.COLOR);
    byte[] rgb = hwc.toType(DataType.UINT8, false).toByteArray();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] argb = new int[h * w];
    for (int i = 0; i < argb.length; i++) {
      argb[i] = 0xFF000000 | (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
    }
    out.setRGB(0, 0, w, h, argb, 0, w);
    return out;
  }
}
