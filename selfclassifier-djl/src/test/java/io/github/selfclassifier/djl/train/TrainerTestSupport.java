package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.TrainingConfig;
import java.util.List;
import java.util.stream.Stream;

/** Shared settings of the trainer tests: a small CNN on 28x28 grayscale synthetic shapes. */
final class TrainerTestSupport {

  private TrainerTestSupport() {}

  /** The engines every engine-dependent test runs on. */
  static Stream<String> engines() {
    return Stream.of("PyTorch", "MXNet");
  }

  /** The images of the resume tests: 80 per class, 10 classes, 28x28 grayscale. */
  static io.github.selfclassifier.djl.data.ByteImageSet resumeImages() {
    return io.github.selfclassifier.djl.data.SyntheticShapes.generate(80, 10, 28, 1, 5);
  }

  /** The config of the resume tests: 4 epochs of 6 steps, queue on, a checkpoint every 2 steps. */
  static TrainingConfig resumeConfig(String engine, java.nio.file.Path folder) {
    return smallConfig(engine)
        .optEpochs(4)
        .optBatchSize(128)
        .optQueueLength(256)
        .optCheckpointEverySteps(2)
        .optCheckpointFolder(folder)
        .build();
  }

  /** A small, fast config: width-8 CNN, heads {10, 20}, 2 local crops of 16 px, momentum SGD. */
  static TrainingConfig.Builder smallConfig(String engine) {
    return TrainingConfig.builder()
        .optEngine(engine)
        .optDevices(List.of("cpu"))
        .optEpochs(30)
        .optBatchSize(256)
        .optSeed(7)
        .optQueueLength(0)
        .optWarmupEpochs(2)
        .optLearningRates(0.1, 1.0, 0.05)
        .optLoaderThreads(2)
        .optPrefetchDepth(4)
        .optLogEverySteps(25)
        .optModel(ModelConfig.smallGrayscaleBuilder()
            .optBackboneWidth(8)
            .optMlpHiddenDim(128)
            .optEmbeddingDim(32)
            .optClassesPerHead(List.of(10, 20))
            .build())
        .optAugmentation(AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(2).build())
        .optOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.SGD).optWeightDecay(1e-5).build());
  }
}
