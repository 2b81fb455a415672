package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.api.train.EpochInfo;
import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trains on synthetic shapes and checks the clustering learns the classes without collapsing. */
class SelfClassifierTrainerEndToEndTest {

  @TempDir Path temp;

  /**
   * Both engines. MXNet was off while its run was not reproducible: DJL 0.36's MXNet engine could copy freed
   * memory into arrays made from Java values when a garbage collection hit the copy (see {@code
   * ArrayUpload}), which corrupted batch pixels (running means of 1e14, a single cluster in inference mode)
   * and queue indices. The run is deterministic per engine now (same numbers every run); the two engines
   * start from different random initialisations, so their numbers differ.
   */
  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void learnsTheShapeClassesWithoutCollapse(String engine) throws Exception {
    Path metrics = temp.resolve("metrics.jsonl");
    ByteImageSet shapes = SyntheticShapes.generate(256, 10, 28, 1, 11);
    TrainingConfig config = TrainerTestSupport.smallConfig(engine).optQueueLength(1024).build();
    List<StepInfo> steps = new ArrayList<>();
    List<EpochInfo> epochs = new ArrayList<>();
    long start = System.nanoTime();
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config)
        .setData(shapes)
        .addListener(new ConsoleProgressListener(config.logEverySteps()))
        .addListener(new JsonLinesMetricsListener(metrics))
        .addListener(new TrainingListener() {
          @Override
          public void onStep(StepInfo step) {
            steps.add(step);
          }

          @Override
          public void onEpochEnd(EpochInfo epoch) {
            epochs.add(epoch);
          }
        })
        .build()) {
      int[] before = trainer.predictClusters(shapes, 0, 256);
      trainer.fit();
      int[] predicted = trainer.predictClusters(shapes, 0, 256);
      int[] truth = shapes.labels().orElseThrow();
      double accBefore = new ExactClusterMetrics().accuracy(truth, before);
      double acc = new ExactClusterMetrics().accuracy(truth, predicted);
      long used = Arrays.stream(predicted).distinct().count();
      System.out.printf("%s: ACC %.3f (before %.3f), %d clusters used, %d steps, %.1f s%n", engine, acc,
          accBefore, used, trainer.globalStep(), (System.nanoTime() - start) / 1e9);
      assertThat(trainer.globalStep()).isEqualTo(config.epochs() * 10L);
      assertThat(steps).hasSize(config.epochs() * 10);
      assertThat(epochs).hasSize(config.epochs());
      assertThat(epochs.get(epochs.size() - 1).meanLoss()).isLessThan(epochs.get(0).meanLoss());
      assertThat(acc).isGreaterThan(0.5);
      assertThat(used).isGreaterThanOrEqualTo(8);
      assertThat(steps.get(steps.size() - 1).neighborAccuracy()).isBetween(0.0, 1.0);
      List<String> lines = Files.readAllLines(metrics);
      assertThat(lines).hasSize(config.epochs());
      JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
      assertThat(last.get("epoch").getAsInt()).isEqualTo(config.epochs() - 1);
      assertThat(last.get("meanLoss").getAsDouble())
          .isCloseTo(epochs.get(epochs.size() - 1).meanLoss(), org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
