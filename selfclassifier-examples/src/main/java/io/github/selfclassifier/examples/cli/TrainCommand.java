package io.github.selfclassifier.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingDivergedException;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.train.ConsoleProgressListener;
import io.github.selfclassifier.djl.train.JsonLinesMetricsListener;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.djl.train.TrainingConfigJson;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code selfclassifier train}: trains a Self-Classifier on an image set with {@link SelfClassifierTrainer} and
 * writes the run into one folder: checkpoints (the same command resumes from the newest), the per-epoch
 * metrics, the settings and the final model. The settings come from {@link TrainingPreset}.
 */
@Command(
    name = "train",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier train --data SOURCE --out DIR [--epochs N]",
      "        [--batch-size N] [--lr BASE] [--preset small|fashion-mnist|imagenet]",
      "        [--devices LIST] [--checkpoint-every N] [--engine NAME]",
      "        [more options]"
    },
    header = "Train a Self-Classifier on images, without their labels.",
    description = {
      "Trains the network to cluster the images (their labels, if any, are not used for training) and writes"
          + " into the --out folder:",
      "  checkpoints/   the newest 2 checkpoints; the same command resumes from them",
      "  metrics.jsonl  one JSON line per epoch: mean loss, clusters used, lr, time",
      "  config.json    the data source, the preset and every training setting",
      "  model.scmodel  the trained model, for 'evaluate' and 'predict'",
      "Progress lines with the time left go to standard error. When the images have labels, the end prints"
          + " NMI and ACC of head 0 on them.",
      "",
      "Presets: 'small' (a small CNN for 28x28 grayscale images; heads of 10, 20, 40 and 80 clusters, batch"
          + " 256, 100 epochs; the default below 64 px), 'fashion-mnist' (tuned on Fashion-MNIST for 30 minutes"
          + " on two CPU cores: a narrower CNN, 22 epochs; the default for --data fashion-mnist) and 'imagenet'"
          + " (the paper's ResNet-50; heads of 1000 to 8000 clusters, batch 4096, 800 epochs; the default from"
          + " 64 px: on a CPU lower --batch-size and --epochs). The learning rates scale with --batch-size; the"
          + " warm-up is at most a tenth of the epochs; the neighbour queue holds at most a quarter of the images.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar train --data fashion-mnist --out runs/fmnist \\",
      "      --epochs 20",
      "  java -jar selfclassifier.jar train --data photos/ --out runs/photos \\",
      "      --image-size 96 --batch-size 64 --epochs 50 --heads 20,40",
      "",
      "Exit status: 0 on success, 1 if the data, the output folder or the training fails, 2 on a usage error."
    })
public final class TrainCommand implements Callable<Integer> {
  /** The model file name in the output folder. */
  public static final String MODEL_FILE = "model.scmodel";
  /** The checkpoint folder name in the output folder. */
  public static final String CHECKPOINTS = "checkpoints";
  /** The metrics file name in the output folder. */
  public static final String METRICS_FILE = "metrics.jsonl";
  /** The settings file name in the output folder. */
  public static final String CONFIG_FILE = "config.json";

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for checkpoints, metrics, settings and the model (created if missing).")
  private Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the images (default: the preset's).")
  private Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Images per step (default: the preset's, 256 or 4096).")
  private Integer batchSize;

  @Option(
      names = "--lr",
      paramLabel = "BASE",
      description = "Learning rate after the warm-up (default: the preset's, scaled with the batch size).")
  private Double learningRate;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      converter = PresetConverter.class,
      description = "small, fashion-mnist or imagenet (default: fashion-mnist for --data fashion-mnist,"
          + " else small below 64 px and imagenet from 64 px).")
  private TrainingPreset.Preset preset;

  @Option(
      names = "--devices",
      paramLabel = "LIST",
      split = ",",
      description = "Devices to train on, e.g. cpu or gpu0,gpu1 (default: every GPU, else the CPU).")
  private List<String> devices;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "Steps between checkpoints; 0 for epoch ends only (default: the preset's, 500 or 1000).")
  private Long checkpointEvery;

  @Mixin private EngineOption engine;

  @ArgGroup(validate = false, heading = "%nAdvanced options:%n")
  private Advanced advanced = new Advanced();

  /** Settings most runs leave to the preset. */
  static final class Advanced {
    @Option(
        names = "--heads",
        paramLabel = "LIST",
        split = ",",
        description = "Clusters of each classifier head, e.g. 10,20 (default: the preset's); head 0 is the one"
            + " reported.")
    List<Integer> heads;

    @Option(names = "--width", paramLabel = "N", description = "Base width of the backbone (default: the"
        + " preset's, 32 for small, 64 for imagenet).")
    Integer width;

    @Option(names = "--local-crops", paramLabel = "N", description = "Small crops per image besides the two"
        + " large ones (default 6).")
    Integer localCrops;

    @Option(names = "--queue", paramLabel = "N", description = "Length of the nearest-neighbour queue, 0 for"
        + " none (default: the preset's, at most a quarter of the images).")
    Integer queue;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights, the order and the"
        + " crops (default 0).")
    Long seed;

    @Option(names = "--loader-threads", paramLabel = "N", description = "Threads that prepare the crops"
        + " (default: the preset's).")
    Integer loaderThreads;

    @Option(names = "--log-every", paramLabel = "N", description = "Steps between progress lines (default"
        + " 50).")
    Long logEvery;
  }

  /** Created by picocli. */
  public TrainCommand() {}

  @Override
  public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    checkDevices();
    LoadedImages loaded = data.load();
    console.println("Data: " + loaded.summary());
    int size = loaded.images().height();
    TrainingPreset.Preset chosen = preset != null ? preset
        : data.source().isFashionMnist() ? TrainingPreset.Preset.FASHION_MNIST
        : TrainingPreset.defaultFor(size);
    Path checkpoints = out.resolve(CHECKPOINTS);
    TrainingConfig config = TrainingPreset.configure(chosen, size, loaded.images().channels(),
        loaded.images().size(), checkpoints, new TrainingPreset.Overrides(epochs, batchSize, learningRate,
            advanced.heads, advanced.width, advanced.queue, advanced.localCrops, checkpointEvery, advanced.seed,
            devices, engine.name(), advanced.loaderThreads, advanced.logEvery));
    console.println("Settings: " + TrainingPreset.describe(chosen, config));
    boolean hadCheckpoints = hasCheckpoints(checkpoints);
    Path modelFile = out.resolve(MODEL_FILE);
    try (SelfClassifierTrainer trainer = buildTrainer(config, loaded, hadCheckpoints, checkpoints)) {
      writeConfig(chosen, loaded, config);
      long total = trainer.totalSteps();
      if (trainer.globalStep() >= total) {
        console.printf(Locale.ROOT, "Training already finished at step %d of %d (%s); saving the model again.%n",
            trainer.globalStep(), total, checkpoints);
      } else if (trainer.globalStep() > 0) {
        console.printf(Locale.ROOT, "Resuming from the checkpoint at step %d of %d (epoch %d of %d) in %s.%n",
            trainer.globalStep(), total, trainer.epoch() + 1, config.epochs(), checkpoints);
      } else {
        console.printf(Locale.ROOT, "Training %d steps (%d epochs of %d) on %s; progress on standard error,"
            + " checkpoints in %s.%n", total, config.epochs(), trainer.stepsPerEpoch(), engine.name(), checkpoints);
      }
      console.flush();
      try {
        trainer.fit();
      } catch (TrainingDivergedException e) {
        throw new CliException(e.getMessage() + "; try a lower --lr or a larger --batch-size (checkpoints: "
            + checkpoints + ")", e);
      }
      try {
        trainer.saveModel(modelFile);
      } catch (IOException e) {
        throw new CliException("cannot write the model " + modelFile + ": " + e.getMessage(), e);
      }
      if (loaded.isLabelled()) {
        int[] clusters = trainer.predictClusters(loaded.images(), 0, config.batchSize());
        ClusteringScores s = new ExactClusterMetrics().scores(loaded.labels(), clusters, MetricsOptions.defaults());
        console.printf(Locale.ROOT, "Head 0 on the %d training images: NMI %.4f  ACC %.4f  (%d classes, %d of %d"
            + " clusters used)%n", s.n(), s.nmi(), s.acc(), s.classes(), s.clusters(),
            config.model().classesPerHead().get(0));
      }
      console.printf(Locale.ROOT, "Model saved to %s (step %d).%n", modelFile, trainer.globalStep());
      console.flush();
    }
    return 0;
  }

  /** Device names: "cpu" or "gpuN" with N below the engine's GPU count, checked before any data is read. */
  private void checkDevices() {
    if (devices == null || devices.isEmpty()) {
      return;
    }
    int gpus = -1;
    for (String d : devices) {
      if (d.equals("cpu")) {
        continue;
      }
      if (!d.matches("gpu\\d{1,4}")) {
        throw new ParameterException(spec.commandLine(),
            "--devices: unknown device '" + d + "'; expected cpu or gpu0, gpu1, ...");
      }
      if (gpus < 0) {
        gpus = EngineSelector.select(engine.name()).getGpuCount();
      }
      int index = Integer.parseInt(d.substring(3));
      if (index >= gpus) {
        throw new CliException("--devices " + d + ": " + engine.name() + " sees " + gpus + " GPU"
            + (gpus == 1 ? "" : "s") + " on this machine" + (gpus == 0 ? "; use --devices cpu" : ""));
      }
    }
  }

  private SelfClassifierTrainer buildTrainer(TrainingConfig config, LoadedImages loaded, boolean hadCheckpoints,
      Path checkpoints) {
    try {
      return SelfClassifierTrainer.builder()
          .setConfig(config)
          .setData(loaded.images())
          .addListener(new ConsoleProgressListener(config.logEverySteps()))
          .addListener(new JsonLinesMetricsListener(out.resolve(METRICS_FILE)))
          .build();
    } catch (IllegalArgumentException e) {
      if (hadCheckpoints) {
        throw new CliException("cannot resume from the checkpoints in " + checkpoints + ": " + e.getMessage()
            + " (resuming needs the data and settings of the first run; to start over, use another --out)", e);
      }
      throw e;
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
  }

  private static boolean hasCheckpoints(Path folder) {
    try {
      return !TrainingCheckpoint.list(folder).isEmpty();
    } catch (IOException e) {
      throw new CliException("cannot list the checkpoints in " + folder + ": " + e.getMessage(), e);
    }
  }

  private void writeConfig(TrainingPreset.Preset chosen, LoadedImages loaded, TrainingConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("data", data.source().toString());
    o.addProperty("images", loaded.images().size());
    o.addProperty("imageShape", loaded.images().channels() + "x" + loaded.images().height() + "x"
        + loaded.images().width());
    o.addProperty("preset", TrainingPreset.cliName(chosen));
    o.add("trainingConfig", TrainingConfigJson.toJsonObject(config));
    Path file = out.resolve(CONFIG_FILE);
    try {
      Files.createDirectories(out);
      Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code --preset} case-insensitively, naming the presets in lower case. */
  static final class PresetConverter implements ITypeConverter<TrainingPreset.Preset> {
    @Override
    public TrainingPreset.Preset convert(String value) {
      for (TrainingPreset.Preset p : TrainingPreset.Preset.values()) {
        if (TrainingPreset.cliName(p).equalsIgnoreCase(value)) {
          return p;
        }
      }
      throw new TypeConversionException(
          "unknown preset '" + value + "': expected small, fashion-mnist or imagenet");
    }
  }
}
