package io.github.selfclassifier.djl.eval;

import io.github.selfclassifier.djl.ArrayUpload;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a trained {@link SelfClassifierBlock} over an image set once, batch by batch, in inference mode
 * ({@code training = false}: BatchNorm uses its running statistics), and returns in plain Java what the
 * evaluation needs: backbone features, the L2-normalised embedding z, every head's logits (each as
 * requested) and every head's predicted cluster (always).
 *
 * <p>Preprocessing, without augmentation: pixels scaled to [0, 1], then {@code (v - mean[c]) / std[c]} per
 * channel, computed in double and rounded to float. This is the preprocessing of
 * {@link io.github.selfclassifier.djl.train.SelfClassifierTrainer#predictClusters}, which runs through this
 * class. Images must have the model's channels and input size ({@link
 * Builder#setPreprocessing(AugmentationConfig)} checks them against the global crop size).
 *
 * <p>Each batch lives in a sub-manager of the given manager (so on its device) and an {@link NDScope}, both
 * closed after the batch; nothing native outlives {@link #extract}. Progress goes to an {@link ExtractionProgressListener}
 * (default: a log line every 50 batches). Not thread-safe (one extraction at a time per model).
 */
public final class FeatureExtractor {
  private final SelfClassifierBlock model;
  private final NDManager manager;
  private final ParameterStore parameterStore;
  private final double[] mean;
  private final double[] std;
  private final int expectedSize;
  private final int batchSize;
  private final Set<ExtractedOutput> outputs;
  private final ExtractionProgressListener listener;

  private FeatureExtractor(Builder b) {
    this.model = b.model;
    this.manager = b.manager;
    this.parameterStore = b.parameterStore != null ? b.parameterStore : new ParameterStore(b.manager, false);
    this.mean = b.mean;
    this.std = b.std;
    this.expectedSize = b.expectedSize;
    this.batchSize = b.batchSize;
    this.outputs = b.outputs.isEmpty() ? EnumSet.noneOf(ExtractedOutput.class) : EnumSet.copyOf(b.outputs);
    this.listener = b.listener;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Extracts the requested outputs of every image in one pass.
   *
   * @param images images with the model's channels and input size
   * @return the outputs, one row per image in the set's order, with the set's labels
   * @throws IllegalArgumentException if the images do not have the expected shape
   */
  public ExtractedFeatures extract(ByteImageSet images) {
    Objects.requireNonNull(images, "images");
    int channels = mean.length;
    if (images.channels() != channels
        || (expectedSize > 0 && (images.height() != expectedSize || images.width() != expectedSize))) {
      String side = expectedSize > 0 ? expectedSize + "x" + expectedSize : "HxW";
      throw new IllegalArgumentException("expected " + channels + "x" + side + " images, got "
          + images.channels() + "x" + images.height() + "x" + images.width());
    }
    int n = images.size();
    int height = images.height();
    int width = images.width();
    int per = channels * height * width;
    int plane = height * width;
    int heads = model.numHeads();
    boolean keepBackbone = outputs.contains(ExtractedOutput.BACKBONE_FEATURES);
    boolean keepEmbedding = outputs.contains(ExtractedOutput.EMBEDDING);
    boolean keepLogits = outputs.contains(ExtractedOutput.LOGITS);
    float[] backbone = null;
    float[] embedding = null;
    float[][] logits = keepLogits ? new float[heads][] : null;
    int featureDim = 0;
    int embeddingDim = 0;
    int[] classes = new int[heads];
    int[][] clusters = new int[heads][n];
    int batches = (n + batchSize - 1) / batchSize;
    float[] one = new float[per];
    long start = System.nanoTime();
    for (int batch = 0; batch < batches; batch++) {
      int from = batch * batchSize;
      int count = Math.min(batchSize, n - from);
      float[] x = new float[count * per];
      for (int i = 0; i < count; i++) {
        images.copyImage(from + i, one);
        for (int k = 0; k < per; k++) {
          int c = k / plane;
          x[i * per + k] = (float) ((one[k] - mean[c]) / std[c]);
        }
      }
      // the scope also frees what the blocks create from their parameters (e.g. weight-normalised weights),
      // which belongs to the parameters' manager and would otherwise pile up there batch after batch
      try (NDManager m = manager.newSubManager();
          NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray input = ArrayUpload.create(m, x, new Shape(count, channels, height, width));
        NDList features = model.backbone().forward(parameterStore, new NDList(input), false);
        NDList z = model.head().forward(parameterStore, features, false);
        NDList headLogits = model.classifiers().forward(parameterStore, z, false);
        if (keepBackbone) {
          featureDim = Math.toIntExact(features.singletonOrThrow().getShape().get(1));
          backbone = backbone != null ? backbone : new float[Math.multiplyExact(n, featureDim)];
          copyRows(features.singletonOrThrow(), backbone, from, featureDim);
        }
        if (keepEmbedding) {
          embeddingDim = Math.toIntExact(z.singletonOrThrow().getShape().get(1));
          embedding = embedding != null ? embedding : new float[Math.multiplyExact(n, embeddingDim)];
          copyRows(z.singletonOrThrow(), embedding, from, embeddingDim);
        }
        for (int h = 0; h < heads; h++) {
          NDArray l = headLogits.get(h);
          classes[h] = Math.toIntExact(l.getShape().get(1));
          if (keepLogits) {
            logits[h] = logits[h] != null ? logits[h] : new float[Math.multiplyExact(n, classes[h])];
            copyRows(l, logits[h], from, classes[h]);
          }
          long[] predicted = l.argMax(1).toLongArray();
          for (int i = 0; i < count; i++) {
            clusters[h][from + i] = (int) predicted[i];
          }
        }
      }
      listener.onBatch(new ExtractionProgress(batch + 1, batches, from + count, n, System.nanoTime() - start));
    }
    List<FloatMatrix> logitMatrices = new ArrayList<>();
    if (keepLogits) {
      for (int h = 0; h < heads; h++) {
        logitMatrices.add(FloatMatrix.wrap(n, classes[h], logits[h]));
      }
    }
    return new ExtractedFeatures(
        keepBackbone ? FloatMatrix.wrap(n, featureDim, backbone) : null,
        keepEmbedding ? FloatMatrix.wrap(n, embeddingDim, embedding) : null,
        logitMatrices,
        clusters,
        images.labels().orElse(null));
  }

  private static void copyRows(NDArray a, float[] out, int fromRow, int cols) {
    float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
    System.arraycopy(values, 0, out, fromRow * cols, values.length);
  }

  /** Builds a {@link FeatureExtractor}: model, manager and preprocessing are required. */
  public static final class Builder {
    private SelfClassifierBlock model;
    private NDManager manager;
    private ParameterStore parameterStore;
    private double[] mean;
    private double[] std;
    private int expectedSize;
    private int batchSize = 256;
    private Set<ExtractedOutput> outputs = EnumSet.of(ExtractedOutput.BACKBONE_FEATURES, ExtractedOutput.EMBEDDING);
    private ExtractionProgressListener listener = ExtractionProgressListener.logEvery(50);

    private Builder() {}

    /**
     * The trained network (required), initialised, with its parameters on the manager's device.
     *
     * @param model the network
     * @return this builder
     */
    public Builder setModel(SelfClassifierBlock model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * The manager whose device runs the model (required); each batch lives in a sub-manager of it.
     *
     * @param manager the manager
     * @return this builder
     */
    public Builder setManager(NDManager manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
      return this;
    }

    /**
     * The preprocessing of a training config (required, or {@link #setNormalization}): its normalisation
     * mean and std, and its channels and global crop size as the expected image shape.
     *
     * @param augmentation the augmentation config the model was trained with
     * @return this builder
     */
    public Builder setPreprocessing(AugmentationConfig augmentation) {
      Objects.requireNonNull(augmentation, "augmentation");
      this.mean = augmentation.normalizationMean();
      this.std = augmentation.normalizationStd();
      this.expectedSize = augmentation.globalCropSize();
      return this;
    }

    /**
     * Per-channel normalisation of pixels in [0, 1] (required, or {@link #setPreprocessing}); images of any
     * size with as many channels as values are accepted.
     *
     * @param mean one value per channel
     * @param std one positive value per channel
     * @return this builder
     */
    public Builder setNormalization(double[] mean, double[] std) {
      this.mean = Objects.requireNonNull(mean, "mean").clone();
      this.std = Objects.requireNonNull(std, "std").clone();
      this.expectedSize = 0;
      return this;
    }

    /**
     * The parameter store to read the model's parameters through (default: a new non-copying store on the
     * manager); pass the trainer's to share its device copies.
     *
     * @param parameterStore the store
     * @return this builder
     */
    public Builder optParameterStore(ParameterStore parameterStore) {
      this.parameterStore = Objects.requireNonNull(parameterStore, "parameterStore");
      return this;
    }

    /**
     * Images per forward pass (default 256).
     *
     * @param batchSize at least 1
     * @return this builder
     */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * What to keep besides the predicted clusters (default: backbone features and embeddings).
     *
     * @param outputs any subset, possibly empty (clusters only)
     * @return this builder
     */
    public Builder optOutputs(Set<ExtractedOutput> outputs) {
      this.outputs = EnumSet.noneOf(ExtractedOutput.class);
      this.outputs.addAll(Objects.requireNonNull(outputs, "outputs"));
      return this;
    }

    /**
     * The progress listener (default: {@link ExtractionProgressListener#logEvery}(50)).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder optListener(ExtractionProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Validates the settings.
     *
     * @return the extractor
     * @throws IllegalStateException if the model, manager or preprocessing is missing
     * @throws IllegalArgumentException if the batch size or the normalisation is invalid
     */
    public FeatureExtractor build() {
      if (model == null || manager == null || mean == null) {
        throw new IllegalStateException("setModel, setManager and setPreprocessing (or setNormalization) "
            + "are required; missing: " + (model == null ? "model " : "") + (manager == null ? "manager " : "")
            + (mean == null ? "preprocessing" : ""));
      }
      if (mean.length == 0 || mean.length != std.length) {
        throw new IllegalArgumentException(
            "normalisation needs one mean and one std per channel, got " + mean.length + " and " + std.length);
      }
      for (int c = 0; c < std.length; c++) {
        if (!(std[c] > 0)) {
          throw new IllegalArgumentException("std of channel " + c + " must be positive, got " + std[c]);
        }
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      return new FeatureExtractor(this);
    }
  }
}
