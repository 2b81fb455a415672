package io.github.selfclassifier.djl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.SelfClassifierModels;
import io.github.selfclassifier.djl.train.ConfigsWithEveryOption;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.djl.train.TrainingConfigJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model file across engines: a network saved on one engine predicts on the other exactly as the original
 * block's own inference-mode forward pass; bad files and names give clear errors.
 */
class SelfClassifierModelFileTest {
  static final ModelConfig CONFIG = ModelConfig.builder()
      .optBackbone(BackboneKind.SMALL_CNN)
      .optBackboneWidth(4)
      .optInputChannels(3)
      .optInputSize(16)
      .optMlpHiddenDim(16)
      .optMlpLayers(2)
      .optMlpBatchNorm(true)
      .optEmbeddingDim(8)
      .optClassesPerHead(List.of(5, 7))
      .build();
  static final InputPreprocessing INPUT = InputPreprocessing.of(16, Interpolation.BICUBIC,
      new double[] {0.5, 0.4, 0.3}, new double[] {0.25, 0.2, 0.3});

  @TempDir Path folder;

  static Stream<Arguments> enginePairs() {
    return Stream.of(Arguments.of("PyTorch", "MXNet"), Arguments.of("MXNet", "PyTorch"),
        Arguments.of("PyTorch", "PyTorch"), Arguments.of("MXNet", "MXNet"));
  }

  /** Images of several sizes and types, seeded. */
  static List<BufferedImage> images() {
    Random random = new Random(17);
    int[][] sizes = {{16, 16}, {20, 30}, {31, 17}, {16, 16}, {40, 40}, {9, 12}};
    List<BufferedImage> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      int type = i == 3 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
      BufferedImage image = new BufferedImage(sizes[i][0], sizes[i][1], type);
      for (int y = 0; y < sizes[i][1]; y++) {
        for (int x = 0; x < sizes[i][0]; x++) {
          // smooth structure plus noise, so the clusters differ from image to image
          int base = (int) (127 + 100 * Math.sin((x + 3 * i) / 3.0) * Math.cos(y / (2.0 + i)));
          int r = Math.max(0, Math.min(255, base + random.nextInt(40) - 20));
          int g = Math.max(0, Math.min(255, 255 - base + random.nextInt(40) - 20));
          int b = random.nextInt(256);
          image.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
        }
      }
      out.add(image);
    }
    return out;
  }

  /**
   * A seeded network whose BatchNorm statistics are set away from (0, 1), so inference mode is visible.
   */
  static SelfClassifierBlock seededBlock(NDManager manager, long seed) {
    manager.getEngine().setRandomSeed((int) seed);
    SelfClassifierBlock block = SelfClassifierModels.build(CONFIG);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
    Random random = new Random(seed);
    int statistics = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      String name = p.getKey().toLowerCase();
      NDArray a = p.getValue().getArray();
      float[] v = new float[Math.toIntExact(a.size())];
      if (name.contains("runningmean")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (random.nextGaussian() * 0.3);
        }
        a.set(FloatBuffer.wrap(v));
        statistics++;
      } else if (name.contains("runningvar")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.5 + random.nextDouble());
        }
        a.set(FloatBuffer.wrap(v));
        statistics++;
      }
    }
    // the backbone's 4 BatchNorms and the head's one, mean and variance each
    assertThat(statistics).isEqualTo(10);
    return block;
  }

  /** The block's own outputs on its engine, in inference mode: z and each head's softmax, as doubles. */
  static float[][][] referenceOutputs(SelfClassifierBlock block, NDManager manager, List<BufferedImage> images) {
    int per = 3 * 16 * 16;
    float[] x = new float[images.size() * per];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(INPUT.toInput(images.get(i)), 0, x, i * per, per);
    }
    try (NDManager m = manager.newSubManager()) {
      NDList out = block.forward(new ParameterStore(m, false),
          new NDList(m.create(x, new Shape(images.size(), 3, 16, 16))), false);
      float[][][] result = new float[1 + block.numHeads()][][];
      result[0] = rows(SelfClassifierBlock.embeddingOf(out), images.size());
      for (int h = 0; h < block.numHeads(); h++) {
        result[1 + h] = rows(SelfClassifierBlock.logitsOf(out, h).softmax(1), images.size());
      }
      return result;
    }
  }

  private static float[][] rows(NDArray a, int n) {
    float[] flat = a.toFloatArray();
    int cols = flat.length / n;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
    }
    return out;
  }

  @ParameterizedTest(name = "saved on {0}, loaded on {1}")
  @MethodSource("enginePairs")
  void modelSavedOnOneEnginePredictsOnAnyEngineAsTheBlockItself(String trainedOn, String loadedOn)
      throws Exception {
    List<BufferedImage> images = images();
    Path file = folder.resolve("model" + SelfClassifierModelFile.EXTENSION);
    float[][][] reference;
    try (NDManager manager = EngineSelector.select(trainedOn).newBaseManager()) {
      SelfClassifierBlock block = seededBlock(manager, 5);
      reference = referenceOutputs(block, manager, images);
      SelfClassifierModelFile.save(file, block, CONFIG, INPUT, "{\"seed\":5}", trainedOn, 42);
    }

    try (SelfClassifierModel model = SelfClassifierModelFile.load(file, loadedOn.toLowerCase())) {
      assertThat(model.engineName()).isEqualTo(loadedOn);
      assertThat(model.modelConfig()).isEqualTo(CONFIG);
      assertThat(model.preprocessing()).isEqualTo(INPUT);
      assertThat(model.trainingConfigJson()).contains("{\"seed\":5}");
      assertThat(model.trainedOnEngine()).isEqualTo(trainedOn);
      assertThat(model.globalStep()).isEqualTo(42);
      List<Image> djlImages = images.stream().map(i -> ImageFactory.getInstance().fromImage(i)).toList();
      List<ClusterPrediction> batch;
      List<ClusterPrediction> head1;
      try (Predictor<Image, ClusterPrediction> predictor = model.newPredictor();
          Predictor<Image, ClusterPrediction> predictor1 = model.newPredictor(1)) {
        batch = predictor.batchPredict(djlImages);
        head1 = predictor1.batchPredict(djlImages);
      }
      for (int i = 0; i < images.size(); i++) {
        ClusterPrediction p = batch.get(i);
        assertThat(p.embedding()).containsExactly(reference[0][i], within(1e-4f));
        for (int h = 0; h < 2; h++) {
          float[] probabilities = p.probabilities(h);
          assertThat(probabilities).containsExactly(reference[1 + h][i], within(1e-4f));
          double sum = 0;
          for (float v : probabilities) {
            sum += v;
          }
          assertThat(sum).isCloseTo(1.0, within(1e-5));
          assertThat(p.clusterOfHead(h)).isEqualTo(argmax(probabilities));
          assertThat(argmax(reference[1 + h][i])).isEqualTo(p.clusterOfHead(h));
        }
        assertThat(p.cluster()).isEqualTo(p.clusterOfHead(0));
        assertThat(p.probability()).isEqualTo(p.probabilities(0)[p.cluster()]);
        assertThat(head1.get(i).cluster()).isEqualTo(p.clusterOfHead(1));
        // one image alone gives its batch result (running statistics, not batch statistics)
        ClusterPrediction alone = model.predict(images.get(i));
        assertThat(alone.probabilities(0)).containsExactly(p.probabilities(0), within(1e-5f));
      }
    }
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void checkpointsAndModelFilesKeepTheModelConfigNormalisationAndTrainingConfig() throws Exception {
    for (TrainingConfig config : List.of(ConfigsWithEveryOption.withBuiltInBackbone(),
        TrainingConfig.smallGrayscale(), TrainingConfig.paperDefaults())) {
      Path checkpoint = new TrainingCheckpoint(TrainingCheckpoint.FORMAT_VERSION,
          TrainingConfigJson.toJson(config), 0, 3, 3,
          Map.of("w", new TrainingCheckpoint.NamedArray(new long[] {2}, new float[] {0.5f, -1f})), Map.of(),
          null).writeAtomically(folder.resolve("checkpoints"), 1);
      Path modelFile = SelfClassifierModelFile.convertCheckpoint(checkpoint, folder.resolve("converted.scmodel"));
      for (Path source : List.of(checkpoint, modelFile)) {
        SelfClassifierModelFile.Contents contents = SelfClassifierModelFile.read(source);
        assertThat(contents.config()).as("%s", source).isEqualTo(config.model());
        assertThat(contents.input()).isEqualTo(InputPreprocessing.fromAugmentation(config.augmentation()));
        assertThat(contents.input().mean()).containsExactly(config.augmentation().normalizationMean());
        assertThat(contents.input().std()).containsExactly(config.augmentation().normalizationStd());
        assertThat(TrainingConfigJson.fromJson(contents.trainingConfigJson())).isEqualTo(config);
        assertThat(contents.trainedOnEngine()).isEqualTo(config.engineName());
        assertThat(contents.globalStep()).isEqualTo(3);
        assertThat(contents.parameters().get("w").values()).containsExactly(0.5f, -1f);
      }
    }
  }

  @Test
  void modelFilesOfAnOlderFormatSayToReExport() throws Exception {
    Path checkpoint = new TrainingCheckpoint(TrainingCheckpoint.FORMAT_VERSION,
        TrainingConfigJson.toJson(TrainingConfig.smallGrayscale()), 0, 1, 1, Map.of(), Map.of(), null)
        .writeAtomically(folder.resolve("checkpoints"), 1);
    Path modelFile = SelfClassifierModelFile.convertCheckpoint(checkpoint, folder.resolve("old.scmodel"));
    byte[] bytes = Files.readAllBytes(modelFile);
    ByteBuffer.wrap(bytes, 6, 4).putInt(SelfClassifierModelFile.FORMAT_VERSION - 1);
    Files.write(modelFile, bytes);
    assertThatThrownBy(() -> SelfClassifierModelFile.load(modelFile, "PyTorch"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(modelFile.toString())
        .hasMessageContaining("written by an older version")
        .hasMessageContaining("retrain or re-export");
  }

  @Test
  void badFilesAndEngineNamesGiveErrorsNamingTheProblem() throws Exception {
    Path file = folder.resolve("model.scmodel");
    try (NDManager manager = EngineSelector.select("PyTorch").newBaseManager()) {
      SelfClassifierModelFile.save(file, seededBlock(manager, 1), CONFIG, INPUT, null, "PyTorch", 0);
    }
    Path missing = folder.resolve("missing.scmodel");
    assertThatThrownBy(() -> SelfClassifierModelFile.load(missing, "PyTorch"))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());

    Path noise = folder.resolve("noise.scmodel");
    byte[] bytes = new byte[300];
    new Random(1).nextBytes(bytes);
    Files.write(noise, bytes);
    assertThatThrownBy(() -> SelfClassifierModelFile.load(noise, "PyTorch"))
        .isInstanceOf(IOException.class).hasMessageContaining(noise.toString())
        .hasMessageContaining("not a Self-Classifier model file");

    Path truncated = folder.resolve("truncated.scmodel");
    byte[] full = Files.readAllBytes(file);
    Files.write(truncated, Arrays.copyOf(full, full.length - 100));
    assertThatThrownBy(() -> SelfClassifierModelFile.load(truncated, "PyTorch"))
        .isInstanceOf(IOException.class).hasMessageContaining(truncated.toString())
        .hasMessageContaining("truncated");

    Path emptyFolder = Files.createDirectories(folder.resolve("no-checkpoints"));
    assertThatThrownBy(() -> SelfClassifierModelFile.load(emptyFolder, "PyTorch"))
        .isInstanceOf(IOException.class).hasMessageContaining(emptyFolder.toString());

    assertThatThrownBy(() -> SelfClassifierModelFile.load(file, "Torch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown engine 'Torch'").hasMessageContaining("PyTorch");
  }
}
