package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The training settings of {@code selfclassifier train}: a preset adapted to the images' size and channels,
 * then the user's overrides, with the rules that keep a changed setting consistent with the rest.
 *
 * <ul>
 *   <li>{@link Preset#SMALL}: {@link TrainingConfig#smallGrayscaleBuilder()} (small CNN, heads {10, 20, 40,
 *       80}, batch 256, 100 epochs, LARS at 0.3, queue 8,192), the default below 64 px. At another size or with
 *       colour, the model's input and the crops follow the images: local crops {@code 16/28} of the side (at
 *       least 8 px); colour images get the ImageNet normalisation and colour jitter.
 *   <li>{@link Preset#FASHION_MNIST}: {@link TrainingConfig#fashionMnistBuilder()} (small CNN of width 16,
 *       batch 256, 22 epochs, SGD at 0.5, column temperature 0.025, queue 16,384, stronger brightness and
 *       contrast jitter, wider blur), tuned on Fashion-MNIST for 30 minutes on two CPU cores; 28x28
 *       grayscale only, the default when the data is Fashion-MNIST.
 *   <li>{@link Preset#IMAGENET}: {@link TrainingConfig#paperDefaults()} (ResNet-50, heads {1000, 2000, 4000,
 *       8000}, batch 4096, 800 epochs, LARS at 4.8, queue 262,144), the default from 64 px; colour only. At
 *       another size than 224 the crops scale with it (local crops {@code 96/224} of the side).
 * </ul>
 *
 * Overrides and what follows from them: a batch size scales the preset's learning rates linearly (the paper's
 * rule: 4.8 at 4096 is 0.3 at 256) unless a base rate is given, which scales the warm-up start and the final
 * rate by the same factor; the warm-up is the preset's 10 epochs but at most a tenth of the epochs; the queue
 * holds at most a quarter of the images (the paper's queue holds a fifth of ImageNet; a queue longer than the
 * data would hold the same images twice) and is turned off when that is less than a batch.
 */
public final class TrainingPreset {
  /** The presets. */
  public enum Preset {
    /** Small images on a CPU. */
    SMALL,
    /** The Fashion-MNIST preset, 28x28 grayscale. */
    FASHION_MNIST,
    /** The paper's ImageNet settings. */
    IMAGENET
  }

  /** The smallest image side of the ImageNet preset: ResNet-50 downsamples by 32. */
  public static final int IMAGENET_MIN_SIZE = 64;

  private TrainingPreset() {}

  /**
   * The preset's name on the command line: {@code small}, {@code fashion-mnist} or {@code imagenet}.
   *
   * @param preset the preset
   * @return its name
   */
  public static String cliName(Preset preset) {
    return preset.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The preset used when none is named.
   *
   * @param size the image side
   * @return {@link Preset#IMAGENET} from {@value #IMAGENET_MIN_SIZE} px, else {@link Preset#SMALL}
   */
  public static Preset defaultFor(int size) {
    return size >= IMAGENET_MIN_SIZE ? Preset.IMAGENET : Preset.SMALL;
  }

  /**
   * What the user set; null or 0 where the preset decides.
   *
   * @param epochs passes over the data, or null
   * @param batchSize images per step, or null
   * @param baseLearningRate the rate after warm-up, or null
   * @param classesPerHead the heads' class counts, or null
   * @param backboneWidth the backbone's base width, or null
   * @param queueLength the nearest-neighbour queue length (0 turns it off), or null
   * @param localCrops the number of local crops, or null
   * @param checkpointEverySteps steps between checkpoints (0: epoch ends only), or null
   * @param seed the seed, or null
   * @param devices device names, empty for all GPUs else the CPU
   * @param engine the engine name
   * @param loaderThreads data-loading threads, or null
   * @param logEverySteps steps between progress lines, or null
   */
  public record Overrides(Integer epochs, Integer batchSize, Double baseLearningRate,
      List<Integer> classesPerHead, Integer backboneWidth, Integer queueLength, Integer localCrops,
      Long checkpointEverySteps, Long seed, List<String> devices, String engine, Integer loaderThreads,
      Long logEverySteps) {
    /** Copies the lists. */
    public Overrides {
      classesPerHead = classesPerHead == null ? null : List.copyOf(classesPerHead);
      devices = devices == null ? List.of() : List.copyOf(devices);
    }
  }

  /**
   * The preset for images of a size and channel count, before overrides.
   *
   * @param preset the preset
   * @param size the image side
   * @param channels 1 or 3
   * @return a builder holding the preset
   * @throws CliException if the preset cannot train on such images
   */
  public static TrainingConfig.Builder forImages(Preset preset, int size, int channels) {
    if (preset == Preset.IMAGENET) {
      if (size < IMAGENET_MIN_SIZE) {
        throw new CliException("--preset imagenet needs images of at least " + IMAGENET_MIN_SIZE + " px"
            + " (ResNet-50 downsamples by 32), not " + size + "; use --preset small or a larger --image-size");
      }
      if (channels != 3) {
        throw new CliException("--preset imagenet trains on colour images; use --channels 3 or --preset small");
      }
      TrainingConfig.Builder b = TrainingConfig.builder();
      if (size != 224) {
        b.optModel(ModelConfig.builder().optInputSize(size).build())
            .optAugmentation(AugmentationConfig.imagenet().toBuilder()
                .optGlobalCropSize(size)
                .optLocalCropSize(Math.max(8, Math.round(size * 96f / 224f)))
                .build());
      }
      return b;
    }
    if (preset == Preset.FASHION_MNIST) {
      if (size != 28 || channels != 1) {
        throw new CliException("--preset fashion-mnist trains on 28x28 grayscale images, not " + size + "x" + size
            + " with " + channels + " channels; use --preset small");
      }
      return TrainingConfig.fashionMnistBuilder();
    }
    TrainingConfig.Builder b = TrainingConfig.smallGrayscaleBuilder();
    if (size == 28 && channels == 1) {
      return b;
    }
    AugmentationConfig.Builder aug = AugmentationConfig.grayscale28().toBuilder()
        .optGlobalCropSize(size)
        .optLocalCropSize(Math.max(8, Math.round(size * 16f / 28f)));
    if (channels == 3) {
      AugmentationConfig imagenet = AugmentationConfig.imagenet();
      aug.optColorJitter(imagenet.brightness(), imagenet.contrast(), imagenet.saturation(), imagenet.hue())
          .optGrayscaleProbability(imagenet.grayscaleProbability())
          .optNormalization(imagenet.normalizationMean(), imagenet.normalizationStd());
    }
    return b.optModel(ModelConfig.smallGrayscaleBuilder().optInputChannels(channels).optInputSize(size).build())
        .optAugmentation(aug.build());
  }

  /**
   * The settings of a run: the preset for the images, then the overrides and their consequences.
   *
   * @param preset the preset
   * @param size the image side
   * @param channels 1 or 3
   * @param images the number of training images
   * @param checkpointFolder where checkpoints go
   * @param o the user's settings
   * @return the validated config
   * @throws CliException if the preset does not fit the images, the batch is larger than the data, or a
   *     setting is out of range (the message names the option)
   */
  public static TrainingConfig configure(Preset preset, int size, int channels, int images, Path checkpointFolder,
      Overrides o) {
    TrainingConfig p = forImages(preset, size, channels).build();
    TrainingConfig.Builder b = p.toBuilder();
    int epochs = o.epochs() != null ? o.epochs() : p.epochs();
    int batch = o.batchSize() != null ? o.batchSize() : p.batchSize();
    if (batch > images) {
      throw new CliException(String.format(Locale.ROOT, "the batch of %,d images is larger than the %,d training"
          + " images, so an epoch would have no full batch; use --batch-size %d or less", batch, images, images));
    }
    b.optEpochs(epochs).optBatchSize(batch).optWarmupEpochs(Math.min(p.warmupEpochs(), epochs / 10));
    double scale = o.baseLearningRate() != null
        ? o.baseLearningRate() / p.baseLearningRate()
        : (double) batch / p.batchSize();
    b.optLearningRates(p.startLearningRate() * scale, p.baseLearningRate() * scale,
        p.finalLearningRate() * scale);

    ModelConfig.Builder model = p.model().toBuilder();
    if (o.classesPerHead() != null) {
      model.optClassesPerHead(o.classesPerHead());
    }
    if (o.backboneWidth() != null) {
      model.optBackboneWidth(o.backboneWidth());
    }
    b.optModel(model.build());
    if (o.localCrops() != null) {
      b.optAugmentation(p.augmentation().toBuilder().optLocalCropCount(o.localCrops()).build());
    }
    int queue;
    if (o.queueLength() != null) {
      queue = o.queueLength();
    } else {
      queue = Math.min(p.queueLength(), images / 4);
      queue = queue < batch ? 0 : queue;
    }
    b.optQueueLength(queue);
    if (o.checkpointEverySteps() != null) {
      b.optCheckpointEverySteps(o.checkpointEverySteps());
    }
    if (o.seed() != null) {
      b.optSeed(o.seed());
    }
    if (o.loaderThreads() != null) {
      b.optLoaderThreads(o.loaderThreads());
    }
    if (o.logEverySteps() != null) {
      b.optLogEverySteps(o.logEverySteps());
    }
    b.optDevices(o.devices()).optEngine(o.engine()).optCheckpointFolder(checkpointFolder);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid training settings: " + e.getMessage(), e);
    }
  }

  /**
   * A one-line summary of the settings a user is most likely to change.
   *
   * @param preset the preset
   * @param c the config
   * @return e.g. {@code "preset small: SMALL_CNN (width 32), heads [10, 20, 40, 80], batch 256, 100 epochs, ..."}
   */
  public static String describe(Preset preset, TrainingConfig c) {
    ModelConfig m = c.model();
    AugmentationConfig a = c.augmentation();
    return String.format(Locale.ROOT, "preset %s: %s (width %d), heads %s, batch %d, %d epochs, lr %.4g"
            + " (%d warm-up epochs), %s, %d local crops of %d px, %s",
        cliName(preset), m.backbone(), m.backboneWidth(), m.classesPerHead(),
        c.batchSize(), c.epochs(), c.baseLearningRate(), c.warmupEpochs(),
        c.queueLength() == 0 ? "no neighbour queue" : "neighbour queue " + c.queueLength(),
        a.localCropCount(), a.localCropSize(), c.optimizer().kind());
  }
}
