package io.github.selfclassifier.djl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.SelfClassifierModels;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FeatureExtractorTest {
  private static final AugmentationConfig PREPROCESSING = AugmentationConfig.grayscale28();

  static Stream<String> engines() {
    return Stream.of("PyTorch", "MXNet");
  }

  private static SelfClassifierBlock smallModel() {
    return SelfClassifierModels.build(ModelConfig.builder()
        .optBackbone(BackboneKind.SMALL_CNN)
        .optBackboneWidth(8)
        .optInputChannels(1)
        .optInputSize(28)
        .optMlpHiddenDim(32)
        .optMlpLayers(2)
        .optEmbeddingDim(16)
        .optClassesPerHead(List.of(3, 5))
        .build());
  }

  /** Initialises the model and moves its BatchNorm running statistics away from (0, 1). */
  private static ParameterStore initialiseWithRunningStatistics(SelfClassifierBlock net, NDManager manager) {
    net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
    ParameterStore ps = new ParameterStore(manager, false);
    manager.getEngine().setRandomSeed(3);
    try (NDManager scratch = manager.newSubManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      for (int i = 0; i < 3; i++) {
        NDArray x = scratch.randomNormal(0.5f, 2f, new Shape(16, 1, 28, 28), DataType.FLOAT32);
        net.forward(ps, new NDList(x), true);
      }
    }
    return ps;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void batchedInferenceEqualsOneFullBatchForwardOnIndependentlyNormalisedImages(String engine) {
    ByteImageSet images = SyntheticShapes.generate(1, 7, 28, 1, 42); // 7 images, classes 0..6
    try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
      SelfClassifierBlock net = smallModel();
      ParameterStore ps = initialiseWithRunningStatistics(net, manager);
      int arraysBefore = manager.getManagedArrays().size();
      List<ExtractionProgress> progress = new ArrayList<>();
      ExtractedFeatures out = FeatureExtractor.builder()
          .setModel(net)
          .setManager(manager)
          .setPreprocessing(PREPROCESSING)
          .optBatchSize(3) // batches of 3, 3 and 1: a batch of 1 in training-mode BatchNorm would be all zero
          .optOutputs(EnumSet.allOf(ExtractedOutput.class))
          .optListener(progress::add)
          .build()
          .extract(images);
      // counted, not compared as collections: AssertJ's message would print native arrays
      int arraysAfter = manager.getManagedArrays().size();

      // reference: all 7 images normalised in double here, one forward in inference mode
      double mean = PREPROCESSING.normalizationMean()[0];
      double std = PREPROCESSING.normalizationStd()[0];
      float[] x = new float[7 * 28 * 28];
      for (int i = 0; i < 7; i++) {
        for (int y = 0; y < 28; y++) {
          for (int c = 0; c < 28; c++) {
            x[(i * 28 + y) * 28 + c] = (float) ((images.pixel(i, 0, y, c) / 255.0 - mean) / std);
          }
        }
      }
      try (NDManager m = manager.newSubManager()) {
        NDArray input = m.create(x, new Shape(7, 1, 28, 28));
        float[] features = net.backbone().forward(ps, new NDList(input), false).singletonOrThrow()
            .toFloatArray();
        NDList full = net.forward(ps, new NDList(input), false);
        assertClose(out.backboneFeatures().orElseThrow(), features, 7, 64);
        assertClose(out.embeddings().orElseThrow(), SelfClassifierBlock.embeddingOf(full).toFloatArray(), 7, 16);
        for (int h = 0; h < 2; h++) {
          float[] logits = SelfClassifierBlock.logitsOf(full, h).toFloatArray();
          int classes = h == 0 ? 3 : 5;
          assertClose(out.logits(h).orElseThrow(), logits, 7, classes);
          int[] expectedClusters = new int[7];
          for (int i = 0; i < 7; i++) {
            for (int c = 1; c < classes; c++) {
              if (logits[i * classes + c] > logits[i * classes + expectedClusters[i]]) {
                expectedClusters[i] = c;
              }
            }
          }
          assertThat(out.clusters(h)).as("head %d", h).containsExactly(expectedClusters);
        }
      }
      assertThat(out.size()).isEqualTo(7);
      assertThat(out.numHeads()).isEqualTo(2);
      assertThat(out.labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(images.labels().get()));
      assertThat(progress).extracting(ExtractionProgress::images).containsExactly(3, 6, 7);
      assertThat(progress).extracting(ExtractionProgress::batches).containsOnly(3);
      assertThat(progress.get(2).isDone()).isTrue();
      assertThat(progress.get(2).etaNanos()).isZero();
      assertThat(arraysAfter).as("no batch array outlives the extraction").isEqualTo(arraysBefore);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void keepsOnlyWhatWasAskedForAndRejectsImagesOfTheWrongShape(String engine) {
    try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
      SelfClassifierBlock net = smallModel();
      initialiseWithRunningStatistics(net, manager);
      FeatureExtractor clustersOnly = FeatureExtractor.builder().setModel(net).setManager(manager)
          .setPreprocessing(PREPROCESSING).optOutputs(EnumSet.noneOf(ExtractedOutput.class))
          .optListener(ExtractionProgressListener.silent()).build();
      ByteImageSet images = SyntheticShapes.generate(2, 3, 28, 1, 1);
      ExtractedFeatures out = clustersOnly.extract(images);
      assertThat(out.backboneFeatures()).isEmpty();
      assertThat(out.embeddings()).isEmpty();
      assertThat(out.logits(1)).isEmpty();
      ExtractedFeatures all = FeatureExtractor.builder().setModel(net).setManager(manager)
          .setPreprocessing(PREPROCESSING).optOutputs(EnumSet.allOf(ExtractedOutput.class)).optBatchSize(4)
          .build().extract(images);
      for (int h = 0; h < 2; h++) {
        assertThat(out.clusters(h)).hasSize(6).containsExactly(all.clusters(h));
      }
      assertThatThrownBy(() -> clustersOnly.extract(SyntheticShapes.generate(1, 2, 32, 1, 1)))
          .hasMessageContaining("expected 1x28x28 images, got 1x32x32");
    }
  }

  private static void assertClose(FloatMatrix actual, float[] expected, int rows, int cols) {
    assertThat(actual.rows()).isEqualTo(rows);
    assertThat(actual.cols()).isEqualTo(cols);
    float[] a = actual.toArray();
    for (int i = 0; i < a.length; i++) {
      assertThat((double) a[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5 + 1e-5 * Math.abs(expected[i])));
    }
  }
}
