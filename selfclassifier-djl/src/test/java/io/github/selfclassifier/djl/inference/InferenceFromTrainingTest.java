package io.github.selfclassifier.djl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.djl.train.TrainingConfigJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * From a short training run to predictions: the saved model, the checkpoint file and the checkpoint folder
 * predict the same, agree with the trainer's own predictions, and folder prediction writes the same rows as
 * one-by-one prediction.
 */
class InferenceFromTrainingTest {
  @TempDir Path folder;

  private static TrainingConfig config(String engine, Path checkpoints) {
    return TrainingConfig.builder()
        .optEngine(engine)
        .optDevices(List.of("cpu"))
        .optEpochs(1)
        .optBatchSize(32)
        .optSeed(11)
        .optQueueLength(0)
        .optWarmupEpochs(0)
        .optLearningRates(0.1, 0.1, 0.05)
        .optLoaderThreads(1)
        .optPrefetchDepth(2)
        .optCheckpointFolder(checkpoints)
        .optModel(ModelConfig.smallGrayscaleBuilder().optBackboneWidth(4).optMlpHiddenDim(32)
            .optEmbeddingDim(16).optClassesPerHead(List.of(10, 20)).build())
        .optAugmentation(AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(0).build())
        .optOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.SGD).build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void savedModelCheckpointAndTrainerAgreeAndFolderRowsMatch(String engine) throws Exception {
    ByteImageSet data = SyntheticShapes.generate(8, 10, 28, 1, 3);
    Path checkpoints = folder.resolve("checkpoints");
    Path modelFile = folder.resolve("model.scmodel");
    int[] trainerClusters;
    float[][] reference;
    long steps;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config(engine, checkpoints)).setData(data).build()) {
      trainer.fit();
      steps = trainer.globalStep();
      trainer.saveModel(modelFile);
      trainerClusters = trainer.predictClusters(data, 0, 16);
      reference = trainerForward(trainer, data);
    }
    assertThat(steps).isEqualTo(2);

    // the data set as image files: 28x28 grayscale PNGs, nested, plus a corrupt file
    Path images = folder.resolve("images");
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          image.getRaster().setSample(x, y, 0, data.pixel(i, 0, y, x));
        }
      }
      Path file = images.resolve(String.format("part%d/img%03d.png", i % 3, i));
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
      files.add(file);
    }
    Files.write(images.resolve("part1/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});

    Path checkpointFile = TrainingCheckpoint.list(checkpoints).get(TrainingCheckpoint.list(checkpoints).size() - 1);
    try (SelfClassifierModel saved = SelfClassifierModelFile.load(modelFile, engine);
        SelfClassifierModel fromFile = SelfClassifierModelFile.load(checkpointFile, engine);
        SelfClassifierModel fromFolder = SelfClassifierModelFile.load(checkpoints, engine)) {
      assertThat(saved.globalStep()).isEqualTo(steps);
      assertThat(fromFolder.globalStep()).isEqualTo(steps);
      assertThat(saved.trainingConfigJson()).get().asString().contains("\"engine\":\"" + engine + "\"");
      // the run's config survives the model file and the checkpoint exactly
      TrainingConfig run = config(engine, checkpoints);
      assertThat(TrainingConfigJson.fromJson(saved.trainingConfigJson().orElseThrow())).isEqualTo(run);
      assertThat(TrainingCheckpoint.read(checkpointFile).trainingConfig()).isEqualTo(run);
      assertThat(saved.modelConfig()).isEqualTo(run.model());
      assertThat(saved.preprocessing()).isEqualTo(InputPreprocessing.fromAugmentation(run.augmentation()));
      assertThat(fromFile.modelConfig()).isEqualTo(saved.modelConfig());
      assertThat(fromFile.preprocessing()).isEqualTo(saved.preprocessing());

      List<ClusterPrediction> batch = saved.predictImages(data, 0, 16);
      int d = saved.modelConfig().embeddingDim();
      for (int i = 0; i < data.size(); i++) {
        assertThat(batch.get(i).cluster()).as("image %d", i).isEqualTo(trainerClusters[i]);
        assertThat(batch.get(i).embedding()).containsExactly(
            java.util.Arrays.copyOfRange(reference[0], i * d, (i + 1) * d), within(1e-5f));
        assertThat(batch.get(i).probabilities(0)).containsExactly(
            java.util.Arrays.copyOfRange(reference[1], i * 10, (i + 1) * 10), within(1e-5f));
      }
      for (Path file : files.subList(0, 12)) {
        ClusterPrediction a = saved.predict(file);
        assertThat(fromFile.predict(file).probabilities(0)).containsExactly(a.probabilities(0));
        assertThat(fromFolder.predict(file).embedding()).containsExactly(a.embedding());
      }

      Path csv = folder.resolve("out/predictions.csv");
      Path json = folder.resolve("out/predictions.json");
      FolderPredictionSummary summary = saved.predictFolder(images, csv, json,
          FolderPredictionOptions.builder().optBatchSize(7).optHead(1).optDecodeThreads(2).build());
      assertThat(summary.predicted()).isEqualTo(data.size());
      assertThat(summary.skipped()).extracting(s -> s.file().getFileName().toString())
          .containsExactly("broken.png");

      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo("path,cluster,probability");
      assertThat(lines).hasSize(data.size() + 1);
      JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
      JsonArray rows = root.getAsJsonArray("predictions");
      assertThat(rows.size()).isEqualTo(data.size());
      assertThat(root.get("head").getAsInt()).isEqualTo(1);
      assertThat(root.getAsJsonArray("skipped").get(0).getAsJsonObject().get("path").getAsString())
          .isEqualTo("part1/broken.png");
      String previous = "";
      for (int r = 0; r < rows.size(); r++) {
        String[] cells = lines.get(r + 1).split(",");
        JsonObject row = rows.get(r).getAsJsonObject();
        String path = cells[0];
        assertThat(row.get("path").getAsString()).isEqualTo(path);
        // ImageFolder's order: folder, then name
        assertThat(path).isGreaterThan(previous);
        previous = path;
        ClusterPrediction one = saved.predict(images.resolve(path), 1);
        assertThat(Integer.parseInt(cells[1])).isEqualTo(one.cluster());
        assertThat(Float.parseFloat(cells[2])).isCloseTo(one.probability(), within(1e-5f));
        assertThat(row.get("cluster").getAsInt()).isEqualTo(one.cluster());
        assertThat(row.get("probability").getAsFloat()).isCloseTo(one.probability(), within(1e-5f));
        JsonArray heads = row.getAsJsonArray("headClusters");
        assertThat(heads.size()).isEqualTo(2);
        assertThat(heads.get(0).getAsInt()).isEqualTo(one.clusterOfHead(0));
        assertThat(heads.get(1).getAsInt()).isEqualTo(one.clusterOfHead(1));
      }
    }
  }

  /**
   * The trained block's own inference-mode outputs (embeddings, head 0's softmax) on the training engine,
   * with the input normalised here as predictClusters does: (byte / 255 - mean) / std.
   */
  private static float[][] trainerForward(SelfClassifierTrainer trainer, ByteImageSet data) {
    AugmentationConfig aug = trainer.config().augmentation();
    int per = 28 * 28;
    float[] x = new float[data.size() * per];
    float[] one = new float[per];
    for (int i = 0; i < data.size(); i++) {
      data.copyImage(i, one);
      for (int k = 0; k < per; k++) {
        x[i * per + k] = (float) ((one[k] - aug.normalizationMean()[0]) / aug.normalizationStd()[0]);
      }
    }
    try (NDManager m = NDManager.newBaseManager(trainer.device(), trainer.config().engineName())) {
      NDList out = trainer.model().forward(new ParameterStore(m, false),
          new NDList(m.create(x, new Shape(data.size(), 1, 28, 28))), false);
      return new float[][] {SelfClassifierBlock.embeddingOf(out).toFloatArray(),
          SelfClassifierBlock.logitsOf(out, 0).softmax(1).toFloatArray()};
    }
  }
}
