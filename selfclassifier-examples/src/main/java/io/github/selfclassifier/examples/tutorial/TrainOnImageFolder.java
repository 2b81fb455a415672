package io.github.selfclassifier.examples.tutorial;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderDataset;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import io.github.selfclassifier.djl.train.ConsoleProgressListener;
import io.github.selfclassifier.djl.train.JsonLinesMetricsListener;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tutorial 2: train on your own image folder. Any folder of JPEG/PNG/BMP images works: flat, nested, or one
 * sub-folder per class (then the class names are kept for evaluation, never for training). Images are resized
 * (shorter side) and centre-cropped to 64x64 RGB; unreadable files are skipped and listed.
 *
 * <p>The settings are the paper's (ResNet-18 instead of ResNet-50, so a CPU can train it), with the number of
 * clusters given on the command line. The run writes checkpoints to {@code OUT/checkpoints} (run the same
 * command again to resume), per-epoch metrics to {@code OUT/metrics.jsonl} and the model to {@code
 * OUT/model.scmodel} for tutorial 6.
 *
 * <pre>
 * java -cp selfclassifier.jar io.github.selfclassifier.examples.tutorial.TrainOnImageFolder IMAGES OUT [CLUSTERS] [EPOCHS]
 * </pre>
 */
public final class TrainOnImageFolder {
  private TrainOnImageFolder() {}

  /**
   * Loads the folder, trains and saves the model.
   *
   * @param args the image folder, the output folder, the number of clusters (default 10) and epochs
   *     (default 50)
   * @throws IOException if the folder cannot be read or an output cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: TrainOnImageFolder IMAGES OUT [CLUSTERS] [EPOCHS]");
      System.exit(2);
    }
    Path images = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int clusters = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 50;

    boolean labelled = hasClassFolders(images);
    ImageFolderDataset dataset = ImageFolder.load(images,
        ImageFolderOptions.builder().setSize(64).optChannels(3).optLabelled(labelled).build());
    System.out.println(dataset.report());
    dataset.report().skipped().forEach(s -> System.out.println("  skipped " + s.file() + ": " + s.reason()));
    ByteImageSet data = dataset.images();

    int batch = Math.min(256, Integer.highestOneBit(data.size()));
    TrainingConfig config = TrainingConfig.builder()
        .optEpochs(epochs)
        .optBatchSize(batch)
        .optWarmupEpochs(Math.max(1, epochs / 10))
        .optLearningRates(0.3 * batch / 4096, 4.8 * batch / 4096, 0.0048 * batch / 4096)
        .optQueueLength(0)
        .optCheckpointFolder(out.resolve("checkpoints"))
        .optModel(ModelConfig.builder()
            .optBackbone(BackboneKind.RESNET18)
            .optInputSize(64)
            .optMlpHiddenDim(1024)
            .optClassesPerHead(List.of(clusters, 2 * clusters, 4 * clusters))
            .build())
        .optAugmentation(AugmentationConfig.imagenet().toBuilder()
            .optGlobalCropSize(64).optLocalCropSize(32).optLocalCropCount(2).build())
        .build();

    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config)
        .setData(data)
        .addListener(new ConsoleProgressListener(20))
        .addListener(new JsonLinesMetricsListener(out.resolve("metrics.jsonl")))
        .build()) {
      trainer.fit();
      Path model = trainer.saveModel(out.resolve("model.scmodel"));
      System.out.println("model: " + model);
    }
  }

  /** True when the folder holds at least one sub-folder: read it as one class per sub-folder. */
  private static boolean hasClassFolders(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder: " + folder);
    }
    try (var entries = Files.list(folder)) {
      return entries.anyMatch(Files::isDirectory);
    }
  }
}
