package io.github.selfclassifier.api.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable description of a Self-Classifier network: backbone, MLP head, embedding and classifier heads.
 *
 * <p>The network is {@code backbone -> feature (dim F) -> MLP head -> L2-normalised embedding z (dim d) -> H
 * weight-normalised classifiers}. The MLP head with n layers is {@code Linear(F, hidden), [BatchNorm],
 * LeakyReLU}, repeated n - 1 times, then {@code Linear(hidden, d)}; with n = 1 it is a single {@code
 * Linear(F, d)}.
 *
 * <p>Defaults ({@link #paperDefaults()}, also what {@link #builder()} starts from) are the paper's ImageNet
 * setting (Amrani et al., ECCV 2022): ResNet-50 on 3x224x224 images, hidden 4096, 2 layers, BatchNorm on,
 * d = 128, four heads of {1000, 2000, 4000, 8000} classes, trainable classifier gains, normalisation eps
 * 1e-7. {@link #smallGrayscale()} is <em>not</em> from the paper: a preset for 28x28 grayscale images such as
 * Fashion-MNIST, sized for a CPU.
 *
 * <p>All validation happens in {@link Builder#build()}.
 */
public final class ModelConfig {

  /** The paper's classes per head: {1000, 2000, 4000, 8000}. */
  public static final List<Integer> PAPER_CLASSES_PER_HEAD = List.of(1000, 2000, 4000, 8000);

  /** The small-image preset's classes per head: {10, 20, 40, 80} (ground truth 10, plus over-clustering). */
  public static final List<Integer> SMALL_CLASSES_PER_HEAD = List.of(10, 20, 40, 80);

  private final BackboneKind backbone;
  private final int backboneWidth;
  private final boolean backboneTrainable;
  private final Path torchScriptPath;
  private final int torchScriptFeatureDim;
  private final int inputChannels;
  private final int inputSize;
  private final int mlpHiddenDim;
  private final int mlpLayers;
  private final boolean mlpBatchNorm;
  private final int embeddingDim;
  private final List<Integer> classesPerHead;
  private final boolean fixedClassifierGains;
  private final double normEps;

  private ModelConfig(Builder b, int width) {
    this.backbone = b.backbone;
    this.backboneWidth = width;
    this.backboneTrainable = b.backboneTrainable;
    this.torchScriptPath = b.torchScriptPath;
    this.torchScriptFeatureDim = b.torchScriptFeatureDim;
    this.inputChannels = b.inputChannels;
    this.inputSize = b.inputSize;
    this.mlpHiddenDim = b.mlpHiddenDim;
    this.mlpLayers = b.mlpLayers;
    this.mlpBatchNorm = b.mlpBatchNorm;
    this.embeddingDim = b.embeddingDim;
    this.classesPerHead = List.copyOf(b.classesPerHead);
    this.fixedClassifierGains = b.fixedClassifierGains;
    this.normEps = b.normEps;
  }

  /**
   * The paper's ImageNet configuration (see the class comment).
   *
   * @return the paper defaults
   */
  public static ModelConfig paperDefaults() {
    return builder().build();
  }

  /**
   * A preset for 28x28 grayscale images (Fashion-MNIST, MNIST), not from the paper: {@link
   * BackboneKind#SMALL_CNN} of width 32 (F = 256) on 1x28x28 inputs, MLP hidden 512 with 2 layers and
   * BatchNorm, d = 128, heads {10, 20, 40, 80}, trainable gains, eps 1e-7. Sized so a training step runs in
   * milliseconds on a CPU; the head sizes keep the paper's pattern of one head at the true class count plus
   * over-clustering heads.
   *
   * @return the small-image preset
   */
  public static ModelConfig smallGrayscale() {
    return smallGrayscaleBuilder().build();
  }

  /**
   * A builder holding the {@link #smallGrayscale()} preset, to adjust it.
   *
   * @return a new builder with the small-image values
   */
  public static Builder smallGrayscaleBuilder() {
    return builder()
        .optBackbone(BackboneKind.SMALL_CNN)
        .optBackboneWidth(32)
        .optInputChannels(1)
        .optInputSize(28)
        .optMlpHiddenDim(512)
        .optMlpLayers(2)
        .optMlpBatchNorm(true)
        .optEmbeddingDim(128)
        .optClassesPerHead(SMALL_CLASSES_PER_HEAD);
  }

  /**
   * Starts a builder holding the paper defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.backbone = backbone;
    b.backboneWidth = backbone == BackboneKind.TORCHSCRIPT ? 0 : backboneWidth;
    b.backboneTrainable = backboneTrainable;
    b.torchScriptPath = torchScriptPath;
    b.torchScriptFeatureDim = torchScriptFeatureDim;
    b.inputChannels = inputChannels;
    b.inputSize = inputSize;
    b.mlpHiddenDim = mlpHiddenDim;
    b.mlpLayers = mlpLayers;
    b.mlpBatchNorm = mlpBatchNorm;
    b.embeddingDim = embeddingDim;
    b.classesPerHead = new ArrayList<>(classesPerHead);
    b.fixedClassifierGains = fixedClassifierGains;
    b.normEps = normEps;
    return b;
  }

  /**
   * The backbone network (paper: {@link BackboneKind#RESNET50}).
   *
   * @return the backbone kind
   */
  public BackboneKind backbone() {
    return backbone;
  }

  /**
   * The base width of a built-in backbone: channels of its first stage (torchvision ResNets: 64; small CNN:
   * 32). 0 for {@link BackboneKind#TORCHSCRIPT}.
   *
   * @return the width
   */
  public int backboneWidth() {
    return backboneWidth;
  }

  /**
   * Whether the backbone is trained (default true). A frozen backbone has no trainable parameters and runs
   * in inference mode (BatchNorm uses its running statistics) even during training.
   *
   * @return true if the backbone is trained
   */
  public boolean backboneTrainable() {
    return backboneTrainable;
  }

  /**
   * The TorchScript file of a {@link BackboneKind#TORCHSCRIPT} backbone.
   *
   * @return the path, present exactly when the backbone is TorchScript
   */
  public Optional<Path> torchScriptPath() {
    return Optional.ofNullable(torchScriptPath);
  }

  /**
   * The feature dimension F the backbone gives: derived from the kind and width for built-in backbones, as
   * configured for TorchScript.
   *
   * @return F, positive
   */
  public int backboneFeatureDim() {
    return backbone == BackboneKind.TORCHSCRIPT
        ? torchScriptFeatureDim
        : backbone.featureDim(backboneWidth);
  }

  /**
   * Image channels (paper: 3).
   *
   * @return the channels
   */
  public int inputChannels() {
    return inputChannels;
  }

  /**
   * Nominal side of the square input images (paper: 224; the global crops' size).
   *
   * @return the size in pixels
   */
  public int inputSize() {
    return inputSize;
  }

  /**
   * Hidden width of the MLP head (paper: 4096).
   *
   * @return the hidden width
   */
  public int mlpHiddenDim() {
    return mlpHiddenDim;
  }

  /**
   * Number of linear layers of the MLP head (paper: 2); 1 means a single {@code Linear(F, d)}.
   *
   * @return the layer count, at least 1
   */
  public int mlpLayers() {
    return mlpLayers;
  }

  /**
   * Whether the MLP head has BatchNorm after each hidden linear layer (paper: true).
   *
   * @return true for BatchNorm
   */
  public boolean mlpBatchNorm() {
    return mlpBatchNorm;
  }

  /**
   * Dimension d of the embedding (paper: 128).
   *
   * @return d
   */
  public int embeddingDim() {
    return embeddingDim;
  }

  /**
   * Classes of each classifier head, in head order (paper: {1000, 2000, 4000, 8000}). Head 0 is the one
   * used for predictions by default.
   *
   * @return an unmodifiable list, one entry per head
   */
  public List<Integer> classesPerHead() {
    return classesPerHead;
  }

  /**
   * Whether the classifier gains are fixed at 1 instead of trained (paper: false). The reference code's
   * {@code fixed_cls} switch freezes the directions {@code v} as well; with this library, freeze those by
   * freezing the classifier block's parameters.
   *
   * @return true if the gains are fixed
   */
  public boolean fixedClassifierGains() {
    return fixedClassifierGains;
  }

  /**
   * The eps of the embedding's L2 normalisation {@code x / max(||x||, eps)} (paper: 1e-7).
   *
   * @return eps, positive
   */
  public double normEps() {
    return normEps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelConfig other
        && backbone == other.backbone
        && backboneWidth == other.backboneWidth
        && backboneTrainable == other.backboneTrainable
        && Objects.equals(torchScriptPath, other.torchScriptPath)
        && torchScriptFeatureDim == other.torchScriptFeatureDim
        && inputChannels == other.inputChannels
        && inputSize == other.inputSize
        && mlpHiddenDim == other.mlpHiddenDim
        && mlpLayers == other.mlpLayers
        && mlpBatchNorm == other.mlpBatchNorm
        && embeddingDim == other.embeddingDim
        && classesPerHead.equals(other.classesPerHead)
        && fixedClassifierGains == other.fixedClassifierGains
        && Double.compare(normEps, other.normEps) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        backbone,
        backboneWidth,
        backboneTrainable,
        torchScriptPath,
        torchScriptFeatureDim,
        inputChannels,
        inputSize,
        mlpHiddenDim,
        mlpLayers,
        mlpBatchNorm,
        embeddingDim,
        classesPerHead,
        fixedClassifierGains,
        normEps);
  }

  @Override
  public String toString() {
    return "ModelConfig[backbone="
        + backbone
        + (backbone == BackboneKind.TORCHSCRIPT
            ? ", torchScriptPath=" + torchScriptPath
            : ", backboneWidth=" + backboneWidth)
        + ", featureDim="
        + backboneFeatureDim()
        + ", backboneTrainable="
        + backboneTrainable
        + ", input="
        + inputChannels
        + "x"
        + inputSize
        + "x"
        + inputSize
        + ", mlpHiddenDim="
        + mlpHiddenDim
        + ", mlpLayers="
        + mlpLayers
        + ", mlpBatchNorm="
        + mlpBatchNorm
        + ", embeddingDim="
        + embeddingDim
        + ", classesPerHead="
        + classesPerHead
        + ", fixedClassifierGains="
        + fixedClassifierGains
        + ", normEps="
        + normEps
        + "]";
  }

  /** Builder of {@link ModelConfig}; starts from the paper defaults and validates in {@link #build()}. */
  public static final class Builder {
    private BackboneKind backbone = BackboneKind.RESNET50;
    private int backboneWidth; // 0: the kind's default
    private boolean backboneTrainable = true;
    private Path torchScriptPath;
    private int torchScriptFeatureDim;
    private int inputChannels = 3;
    private int inputSize = 224;
    private int mlpHiddenDim = 4096;
    private int mlpLayers = 2;
    private boolean mlpBatchNorm = true;
    private int embeddingDim = 128;
    private List<Integer> classesPerHead = new ArrayList<>(PAPER_CLASSES_PER_HEAD);
    private boolean fixedClassifierGains;
    private double normEps = 1e-7;

    private Builder() {}

    /**
     * Sets the backbone network (default {@link BackboneKind#RESNET50}). For {@link
     * BackboneKind#TORCHSCRIPT} use {@link #optTorchScript(Path, int)} instead.
     *
     * @param backbone the kind
     * @return this builder
     */
    public Builder optBackbone(BackboneKind backbone) {
      this.backbone = Objects.requireNonNull(backbone, "backbone");
      return this;
    }

    /**
     * Uses a TorchScript module as the backbone (PyTorch engine only).
     *
     * @param path the TorchScript file
     * @param featureDim the dimension of the module's output per image
     * @return this builder
     */
    public Builder optTorchScript(Path path, int featureDim) {
      this.backbone = BackboneKind.TORCHSCRIPT;
      this.torchScriptPath = Objects.requireNonNull(path, "path");
      this.torchScriptFeatureDim = featureDim;
      return this;
    }

    /**
     * Sets the base width of a built-in backbone (default: {@link BackboneKind#defaultWidth()}).
     *
     * <p>On CPUs prefer multiples of 16: measured on an AVX-512 machine, the small CNN's training step at
     * width 24 took 3.4 to 6.5 times as long as at width 16 (in Python PyTorch as well), and in DJL width 8
     * was no faster than 16 (benchmarks/TRAINING.md).
     *
     * @param width channels of the first stage, positive; 0 restores the kind's default
     * @return this builder
     */
    public Builder optBackboneWidth(int width) {
      this.backboneWidth = width;
      return this;
    }

    /**
     * Sets whether the backbone is trained (default true).
     *
     * @param trainable false to freeze the backbone
     * @return this builder
     */
    public Builder optBackboneTrainable(boolean trainable) {
      this.backboneTrainable = trainable;
      return this;
    }

    /**
     * Sets the image channels (default 3).
     *
     * @param channels positive
     * @return this builder
     */
    public Builder optInputChannels(int channels) {
      this.inputChannels = channels;
      return this;
    }

    /**
     * Sets the nominal side of the square input images (default 224).
     *
     * @param size positive; at least 8 for {@link BackboneKind#SMALL_CNN}
     * @return this builder
     */
    public Builder optInputSize(int size) {
      this.inputSize = size;
      return this;
    }

    /**
     * Sets the hidden width of the MLP head (default 4096).
     *
     * @param hiddenDim positive
     * @return this builder
     */
    public Builder optMlpHiddenDim(int hiddenDim) {
      this.mlpHiddenDim = hiddenDim;
      return this;
    }

    /**
     * Sets the number of linear layers of the MLP head (default 2).
     *
     * @param layers at least 1
     * @return this builder
     */
    public Builder optMlpLayers(int layers) {
      this.mlpLayers = layers;
      return this;
    }

    /**
     * Sets whether the MLP head uses BatchNorm (default true).
     *
     * @param batchNorm true for BatchNorm after each hidden linear layer
     * @return this builder
     */
    public Builder optMlpBatchNorm(boolean batchNorm) {
      this.mlpBatchNorm = batchNorm;
      return this;
    }

    /**
     * Sets the embedding dimension d (default 128).
     *
     * @param dim positive
     * @return this builder
     */
    public Builder optEmbeddingDim(int dim) {
      this.embeddingDim = dim;
      return this;
    }

    /**
     * Sets the classes of each head (default {1000, 2000, 4000, 8000}).
     *
     * @param classes one positive count per head, at least one head
     * @return this builder
     */
    public Builder optClassesPerHead(List<Integer> classes) {
      this.classesPerHead = new ArrayList<>(Objects.requireNonNull(classes, "classes"));
      return this;
    }

    /**
     * Sets whether the classifier gains are fixed at 1 (default false: trained).
     *
     * @param fixed true to fix the gains
     * @return this builder
     */
    public Builder optFixedClassifierGains(boolean fixed) {
      this.fixedClassifierGains = fixed;
      return this;
    }

    /**
     * Sets the eps of the embedding's L2 normalisation (default 1e-7).
     *
     * @param eps positive and finite
     * @return this builder
     */
    public Builder optNormEps(double eps) {
      this.normEps = eps;
      return this;
    }

    /**
     * Validates the values and builds the configuration.
     *
     * @return the immutable configuration
     * @throws IllegalArgumentException if a value is out of range or the TorchScript settings do not match
     *     the backbone kind
     */
    public ModelConfig build() {
      int width = backboneWidth;
      if (backbone == BackboneKind.TORCHSCRIPT) {
        require(torchScriptPath != null, "a TORCHSCRIPT backbone needs optTorchScript(path, featureDim)");
        require(torchScriptFeatureDim > 0, "torchScriptFeatureDim must be positive: " + torchScriptFeatureDim);
        require(width == 0, "backboneWidth does not apply to a TORCHSCRIPT backbone: " + width);
      } else {
        require(
            torchScriptPath == null,
            "a TorchScript path is set but the backbone is " + backbone + "; use optTorchScript");
        if (width == 0) {
          width = backbone.defaultWidth();
        }
        require(width > 0, "backboneWidth must be positive: " + width);
      }
      require(inputChannels > 0, "inputChannels must be positive: " + inputChannels);
      require(inputSize > 0, "inputSize must be positive: " + inputSize);
      require(
          backbone != BackboneKind.SMALL_CNN || inputSize >= 8,
          "SMALL_CNN pools three times by 2 and needs inputSize >= 8: " + inputSize);
      require(mlpLayers >= 1, "mlpLayers must be at least 1: " + mlpLayers);
      require(mlpHiddenDim > 0, "mlpHiddenDim must be positive: " + mlpHiddenDim);
      require(embeddingDim > 0, "embeddingDim must be positive: " + embeddingDim);
      require(!classesPerHead.isEmpty(), "at least one classifier head is needed");
      for (Integer c : classesPerHead) {
        require(c != null && c > 0, "classes per head must be positive: " + classesPerHead);
      }
      require(normEps > 0 && Double.isFinite(normEps), "normEps must be positive and finite: " + normEps);
      return new ModelConfig(this, width);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
