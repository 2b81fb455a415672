package io.github.selfclassifier.api.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.optim.WarmupCosineSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a training run: the loop (epochs, batch, seed, queue, checkpoints, engine, devices,
 * data loading, logging), the learning-rate schedule, and the component configs (model, loss, augmentation,
 * optimiser). Build with {@link #builder()} (the paper's values), {@link #smallGrayscaleBuilder()} or
 * {@link #fashionMnistBuilder()}; everything is validated in {@link Builder#build()}.
 *
 * <p>Views: 2 global views and {@link AugmentationConfig#localCropCount()} local views per image; the view
 * counts are the augmentation's, so they cannot disagree with it.
 *
 * <p>The paper's values ({@link #paperDefaults()}): 800 epochs, batch 4096, 10 warm-up epochs, learning
 * rate 0.3 to 4.8 then cosine to 0.0048, nearest-neighbour queue of 262,144, seed 0, ImageNet model,
 * augmentation, loss and LARS. Settings the paper does not have (checkpoint interval, engine, devices,
 * loader threads, logging) default to: checkpoint every 1,000 steps and at every epoch end (when a folder
 * is set), PyTorch, all GPUs else the CPU, 4 loader threads with 8 batches prefetched, a log line every 50
 * steps.
 */
public final class TrainingConfig {
  private static final int GLOBAL_VIEWS = 2;

  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final int queueLength;
  private final long checkpointEverySteps;
  private final Path checkpointFolder;
  private final String engineName;
  private final List<String> devices;
  private final int loaderThreads;
  private final int prefetchDepth;
  private final long logEverySteps;
  private final int warmupEpochs;
  private final double startLearningRate;
  private final double baseLearningRate;
  private final double finalLearningRate;
  private final ModelConfig model;
  private final LossConfig loss;
  private final AugmentationConfig augmentation;
  private final OptimizerConfig optimizer;

  private TrainingConfig(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.queueLength = b.queueLength;
    this.checkpointEverySteps = b.checkpointEverySteps;
    this.checkpointFolder = b.checkpointFolder;
    this.engineName = b.engineName;
    this.devices = List.copyOf(b.devices);
    this.loaderThreads = b.loaderThreads;
    this.prefetchDepth = b.prefetchDepth;
    this.logEverySteps = b.logEverySteps;
    this.warmupEpochs = b.warmupEpochs;
    this.startLearningRate = b.startLearningRate;
    this.baseLearningRate = b.baseLearningRate;
    this.finalLearningRate = b.finalLearningRate;
    this.model = b.model;
    this.loss = b.loss;
    this.augmentation = b.augmentation;
    this.optimizer = b.optimizer;
  }

  /**
   * The paper's settings (see the class comment).
   *
   * @return the paper's config
   */
  public static TrainingConfig paperDefaults() {
    return builder().build();
  }

  /**
   * A builder with the paper's settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A preset for 28x28 grayscale images such as Fashion-MNIST on a CPU; <em>not</em> from the paper. Choices:
   *
   * <ul>
   *   <li>{@link ModelConfig#smallGrayscale()} and {@link AugmentationConfig#grayscale28()};
   *   <li>batch 256 and 100 epochs: a CPU-sized run;
   *   <li>learning rates scaled linearly with the batch from the paper's (4096 to 256: 0.3 / 4.8 / 0.0048
   *       become 0.01875 / 0.3 / 0.0003), 10 warm-up epochs as the paper;
   *   <li>queue of 8,192 embeddings: the paper's queue holds about a fifth of ImageNet; 8,192 is an eighth of
   *       Fashion-MNIST's 70,000 images, so neighbours are found among recent samples;
   *   <li>checkpoint every 500 steps, 2 loader threads (a small CPU), log every 50 steps.
   * </ul>
   *
   * @return a new builder holding the preset
   */
  public static Builder smallGrayscaleBuilder() {
    return builder()
        .optEpochs(100)
        .optBatchSize(256)
        .optWarmupEpochs(10)
        .optLearningRates(0.01875, 0.3, 0.0003)
        .optQueueLength(8192)
        .optCheckpointEverySteps(500)
        .optLoaderThreads(2)
        .optPrefetchDepth(4)
        .optModel(ModelConfig.smallGrayscale())
        .optAugmentation(AugmentationConfig.grayscale28());
  }

  /**
   * A preset tuned on Fashion-MNIST for a 30-minute budget on two CPU cores; <em>not</em> from the paper.
   * Starts from {@link #smallGrayscaleBuilder()} and changes what the paper leaves free for small images
   * (measured on all 70,000 images; the tuning table is in the examples' README):
   *
   * <ul>
   *   <li>small CNN of width 16 (16-32-64-128 channels): at batch 256 with 2 global and 2 local crops a step
   *       takes 0.2-0.3 s on two cores, an epoch of 70,000 images 50-80 s, so the default 22 epochs fit
   *       in 30 minutes; width 32 (15 epochs in 27 minutes, only with jemalloc as the README describes)
   *       ended at the same NMI 0.693 / ACC 0.714;
   *   <li>column temperature 0.025, half the paper's: after 3 epochs NMI 0.62 / ACC 0.65 against 0.57 / 0.55
   *       with 0.05 (0.015 was no better);
   *   <li>nearest-neighbour queue of 16,384 embeddings: +0.02 NMI after 3 epochs against none;
   *   <li>momentum SGD at 0.5 (0.05 warm-up start, one warm-up epoch, cosine to 0.0005), weight decay 1e-5;
   *   <li>2 global and 2 local crops (16 px): 6 local crops doubled the step time for about the same scores
   *       per training minute;
   *   <li>brightness and contrast jitter of strength 0.8 instead of 0.4 (factors in [0.2, 1.8]): the
   *       clusters had split shirts, coats and pullovers by how dark they are; +0.025 NMI, +0.045 ACC after
   *       3 epochs;
   *   <li>Gaussian blur sigma from 0.1 to 2.0 (the paper's range) instead of {@link
   *       AugmentationConfig#grayscale28()}'s 1.0: +0.006 NMI after 3 epochs, +0.004 NMI at the end of the
   *       full run (NMI 0.692, ACC 0.714 on all 70,000 images after 19.5 training minutes);
   *   <li>otherwise {@link AugmentationConfig#grayscale28()} (the paper's crops and solarisation); a
   *       lighter augmentation (global crops from 0.5, blur and solarisation halved) lost 0.05 NMI.
   * </ul>
   *
   * @return a new builder holding the preset
   */
  public static Builder fashionMnistBuilder() {
    return smallGrayscaleBuilder()
        .optEpochs(22)
        .optWarmupEpochs(1)
        .optLearningRates(0.05, 0.5, 0.0005)
        .optQueueLength(16_384)
        .optCheckpointEverySteps(100)
        .optModel(ModelConfig.smallGrayscaleBuilder().optBackboneWidth(16).build())
        .optAugmentation(AugmentationConfig.grayscale28().toBuilder()
            .optLocalCropCount(2)
            .optColorJitter(0.8, 0.8, 0, 0)
            .optBlurSigma(0.1, 2.0)
            .build())
        .optLoss(LossConfig.builder().optColumnTemperature(0.025).build())
        .optOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.SGD).optWeightDecay(1e-5).build());
  }

  /**
   * The {@link #smallGrayscaleBuilder()} preset.
   *
   * @return the preset
   */
  public static TrainingConfig smallGrayscale() {
    return smallGrayscaleBuilder().build();
  }

  /**
   * A builder holding this config's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.seed = seed;
    b.queueLength = queueLength;
    b.checkpointEverySteps = checkpointEverySteps;
    b.checkpointFolder = checkpointFolder;
    b.engineName = engineName;
    b.devices = devices;
    b.loaderThreads = loaderThreads;
    b.prefetchDepth = prefetchDepth;
    b.logEverySteps = logEverySteps;
    b.warmupEpochs = warmupEpochs;
    b.startLearningRate = startLearningRate;
    b.baseLearningRate = baseLearningRate;
    b.finalLearningRate = finalLearningRate;
    b.model = model;
    b.loss = loss;
    b.augmentation = augmentation;
    b.optimizer = optimizer;
    return b;
  }

  /**
   * The number of passes over the data (paper: 800).
   *
   * @return the epochs
   */
  public int epochs() {
    return epochs;
  }

  /**
   * The number of images per step over all devices (paper: 4096); the last incomplete batch of an epoch is
   * dropped.
   *
   * @return the batch size
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The run's seed: it fixes the initial parameters, the sample order of every epoch and every view.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The number of global views per image.
   *
   * @return 2
   */
  public int globalViews() {
    return GLOBAL_VIEWS;
  }

  /**
   * The number of local views per image, the augmentation's {@link AugmentationConfig#localCropCount()}.
   *
   * @return the local views
   */
  public int localViews() {
    return augmentation.localCropCount();
  }

  /**
   * The number of views per image, global and local.
   *
   * @return {@code globalViews() + localViews()}
   */
  public int viewCount() {
    return GLOBAL_VIEWS + localViews();
  }

  /**
   * The length of the nearest-neighbour queue (paper: 262,144 for ImageNet), 0 when the nearest-neighbour
   * augmentation is off.
   *
   * @return the queue length
   */
  public int queueLength() {
    return queueLength;
  }

  /**
   * The interval in steps between checkpoints, 0 for checkpoints at epoch ends only. Checkpoints are written
   * only when {@link #checkpointFolder()} is set.
   *
   * @return the interval
   */
  public long checkpointEverySteps() {
    return checkpointEverySteps;
  }

  /**
   * The folder checkpoints are written to and resumed from.
   *
   * @return the folder, or empty for no checkpoints
   */
  public Optional<Path> checkpointFolder() {
    return Optional.ofNullable(checkpointFolder);
  }

  /**
   * The DJL engine's name.
   *
   * @return "PyTorch" (default) or "MXNet"
   */
  public String engineName() {
    return engineName;
  }

  /**
   * The devices to train on, as DJL names them ("cpu", "gpu0", ...); empty means all GPUs, else the CPU.
   *
   * @return the device names
   */
  public List<String> devices() {
    return devices;
  }

  /**
   * The number of background threads that decode and augment images.
   *
   * @return at least 1
   */
  public int loaderThreads() {
    return loaderThreads;
  }

  /**
   * The number of batches prepared ahead of the training step.
   *
   * @return at least 1
   */
  public int prefetchDepth() {
    return prefetchDepth;
  }

  /**
   * The interval in steps between progress lines of the console listener.
   *
   * @return at least 1
   */
  public long logEverySteps() {
    return logEverySteps;
  }

  /**
   * The number of warm-up epochs of the learning rate (paper: 10).
   *
   * @return the warm-up epochs
   */
  public int warmupEpochs() {
    return warmupEpochs;
  }

  /**
   * The learning rate of the first warm-up step (paper: 0.3).
   *
   * @return the start value
   */
  public double startLearningRate() {
    return startLearningRate;
  }

  /**
   * The learning rate at the end of the warm-up (paper: 4.8).
   *
   * @return the base value
   */
  public double baseLearningRate() {
    return baseLearningRate;
  }

  /**
   * The learning rate the cosine decays towards (paper: 0.0048).
   *
   * @return the final value
   */
  public double finalLearningRate() {
    return finalLearningRate;
  }

  /**
   * The learning-rate schedule for a given number of steps per epoch.
   *
   * @param stepsPerEpoch the steps of one epoch, at least 1
   * @return warm-up over {@link #warmupEpochs()} then cosine decay until the end of the run
   */
  public WarmupCosineSchedule schedule(long stepsPerEpoch) {
    return WarmupCosineSchedule.builder()
        .setEpochs(epochs, warmupEpochs, stepsPerEpoch)
        .optStartValue(startLearningRate)
        .optBaseValue(baseLearningRate)
        .optFinalValue(finalLearningRate)
        .build();
  }

  /**
   * The network's settings.
   *
   * @return the model config
   */
  public ModelConfig model() {
    return model;
  }

  /**
   * The loss settings.
   *
   * @return the loss config
   */
  public LossConfig loss() {
    return loss;
  }

  /**
   * The augmentation settings, which also give the view counts and sizes.
   *
   * @return the augmentation config
   */
  public AugmentationConfig augmentation() {
    return augmentation;
  }

  /**
   * The optimiser settings.
   *
   * @return the optimiser config
   */
  public OptimizerConfig optimizer() {
    return optimizer;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TrainingConfig c)) {
      return false;
    }
    return epochs == c.epochs && batchSize == c.batchSize && seed == c.seed && queueLength == c.queueLength
        && checkpointEverySteps == c.checkpointEverySteps
        && Objects.equals(checkpointFolder, c.checkpointFolder) && engineName.equals(c.engineName)
        && devices.equals(c.devices) && loaderThreads == c.loaderThreads && prefetchDepth == c.prefetchDepth
        && logEverySteps == c.logEverySteps && warmupEpochs == c.warmupEpochs
        && Double.compare(startLearningRate, c.startLearningRate) == 0
        && Double.compare(baseLearningRate, c.baseLearningRate) == 0
        && Double.compare(finalLearningRate, c.finalLearningRate) == 0 && model.equals(c.model)
        && loss.equals(c.loss) && augmentation.equals(c.augmentation) && optimizer.equals(c.optimizer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochs, batchSize, seed, queueLength, checkpointEverySteps, checkpointFolder,
        engineName, devices, loaderThreads, prefetchDepth, logEverySteps, warmupEpochs, startLearningRate,
        baseLearningRate, finalLearningRate, model, loss, augmentation, optimizer);
  }

  @Override
  public String toString() {
    return "TrainingConfig[epochs=" + epochs + ", batchSize=" + batchSize + ", seed=" + seed
        + ", views=" + GLOBAL_VIEWS + "+" + localViews() + ", queueLength=" + queueLength
        + ", checkpointEverySteps=" + checkpointEverySteps + ", checkpointFolder=" + checkpointFolder
        + ", engine=" + engineName + ", devices=" + devices + ", loaderThreads=" + loaderThreads
        + ", prefetchDepth=" + prefetchDepth + ", logEverySteps=" + logEverySteps + ", warmupEpochs="
        + warmupEpochs + ", lr=" + startLearningRate + "/" + baseLearningRate + "/" + finalLearningRate
        + ", model=" + model + ", loss=" + loss + ", augmentation=" + augmentation + ", optimizer="
        + optimizer + "]";
  }

  /** Builder of {@link TrainingConfig}, starting from the paper's values; validates in {@link #build()}. */
  public static final class Builder {
    private int epochs = 800;
    private int batchSize = 4096;
    private long seed;
    private int queueLength = 262_144;
    private long checkpointEverySteps = 1000;
    private Path checkpointFolder;
    private String engineName = "PyTorch";
    private List<String> devices = List.of();
    private int loaderThreads = 4;
    private int prefetchDepth = 8;
    private long logEverySteps = 50;
    private int warmupEpochs = 10;
    private double startLearningRate = 0.3;
    private double baseLearningRate = 4.8;
    private double finalLearningRate = 0.0048;
    private ModelConfig model = ModelConfig.paperDefaults();
    private LossConfig loss = LossConfig.defaults();
    private AugmentationConfig augmentation = AugmentationConfig.imagenet();
    private OptimizerConfig optimizer = OptimizerConfig.paperDefaults();

    private Builder() {}

    /**
     * Sets the number of epochs (default 800).
     *
     * @param epochs at least 1
     * @return this builder
     */
    public Builder optEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /**
     * Sets the global batch size (default 4096).
     *
     * @param batchSize at least 2 (the loss normalises over the batch)
     * @return this builder
     */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the run's seed (default 0).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the nearest-neighbour queue length (default 262,144), 0 to turn the augmentation off.
     *
     * @param queueLength 0, or at least the batch size
     * @return this builder
     */
    public Builder optQueueLength(int queueLength) {
      this.queueLength = queueLength;
      return this;
    }

    /**
     * Sets the interval between checkpoints in steps (default 1,000), 0 for epoch ends only.
     *
     * @param steps at least 0
     * @return this builder
     */
    public Builder optCheckpointEverySteps(long steps) {
      this.checkpointEverySteps = steps;
      return this;
    }

    /**
     * Sets the folder for checkpoints (default none: no checkpoints, no resume).
     *
     * @param folder the folder, created if missing; null for none
     * @return this builder
     */
    public Builder optCheckpointFolder(Path folder) {
      this.checkpointFolder = folder;
      return this;
    }

    /**
     * Sets the engine (default "PyTorch").
     *
     * @param engineName "PyTorch" or "MXNet"
     * @return this builder
     */
    public Builder optEngine(String engineName) {
      this.engineName = engineName;
      return this;
    }

    /**
     * Sets the devices (default empty: all GPUs, else the CPU).
     *
     * @param devices DJL device names such as "cpu" or "gpu0"
     * @return this builder
     */
    public Builder optDevices(List<String> devices) {
      this.devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
      return this;
    }

    /**
     * Sets the number of data-loading threads (default 4).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder optLoaderThreads(int threads) {
      this.loaderThreads = threads;
      return this;
    }

    /**
     * Sets the number of batches prepared ahead (default 8).
     *
     * @param depth at least 1
     * @return this builder
     */
    public Builder optPrefetchDepth(int depth) {
      this.prefetchDepth = depth;
      return this;
    }

    /**
     * Sets the interval between progress lines (default 50 steps).
     *
     * @param steps at least 1
     * @return this builder
     */
    public Builder optLogEverySteps(long steps) {
      this.logEverySteps = steps;
      return this;
    }

    /**
     * Sets the warm-up epochs of the learning rate (default 10).
     *
     * @param warmupEpochs in [0, epochs]
     * @return this builder
     */
    public Builder optWarmupEpochs(int warmupEpochs) {
      this.warmupEpochs = warmupEpochs;
      return this;
    }

    /**
     * Sets the learning rates of the warm-up cosine schedule (default 0.3, 4.8, 0.0048).
     *
     * @param start the rate of the first step
     * @param base the rate at the end of the warm-up
     * @param end the rate the cosine decays towards
     * @return this builder
     */
    public Builder optLearningRates(double start, double base, double end) {
      this.startLearningRate = start;
      this.baseLearningRate = base;
      this.finalLearningRate = end;
      return this;
    }

    /**
     * Sets the model (default {@link ModelConfig#paperDefaults()}).
     *
     * @param model the model config
     * @return this builder
     */
    public Builder optModel(ModelConfig model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the loss (default {@link LossConfig#defaults()}).
     *
     * @param loss the loss config
     * @return this builder
     */
    public Builder optLoss(LossConfig loss) {
      this.loss = Objects.requireNonNull(loss, "loss");
      return this;
    }

    /**
     * Sets the augmentation (default {@link AugmentationConfig#imagenet()}).
     *
     * @param augmentation the augmentation config
     * @return this builder
     */
    public Builder optAugmentation(AugmentationConfig augmentation) {
      this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
      return this;
    }

    /**
     * Sets the optimiser (default {@link OptimizerConfig#paperDefaults()}).
     *
     * @param optimizer the optimiser config
     * @return this builder
     */
    public Builder optOptimizer(OptimizerConfig optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /**
     * Validates and builds the config.
     *
     * @return the immutable config
     * @throws IllegalArgumentException if a value is out of range or the components disagree
     */
    public TrainingConfig build() {
      require(epochs >= 1, "epochs must be at least 1, got " + epochs);
      require(batchSize >= 2, "batchSize must be at least 2, got " + batchSize);
      require(queueLength == 0 || queueLength >= batchSize,
          "queueLength must be 0 (off) or at least the batch size " + batchSize + ", got " + queueLength);
      require(checkpointEverySteps >= 0, "checkpointEverySteps must be >= 0, got " + checkpointEverySteps);
      require(engineName != null && !engineName.isBlank(), "engine name must be set");
      for (String d : devices) {
        require(d != null && !d.isBlank(), "device names must not be blank: " + devices);
      }
      require(loaderThreads >= 1, "loaderThreads must be at least 1, got " + loaderThreads);
      require(prefetchDepth >= 1, "prefetchDepth must be at least 1, got " + prefetchDepth);
      require(logEverySteps >= 1, "logEverySteps must be at least 1, got " + logEverySteps);
      require(warmupEpochs >= 0 && warmupEpochs <= epochs,
          "warmupEpochs must be in [0, epochs=" + epochs + "], got " + warmupEpochs);
      requireRate("startLearningRate", startLearningRate);
      requireRate("baseLearningRate", baseLearningRate);
      requireRate("finalLearningRate", finalLearningRate);
      require(model.inputChannels() == augmentation.channels(),
          "the model reads " + model.inputChannels() + " channels but the augmentation makes "
              + augmentation.channels());
      return new TrainingConfig(this);
    }

    private static void requireRate(String name, double value) {
      require(value >= 0 && Double.isFinite(value), name + " must be finite and >= 0, got " + value);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
