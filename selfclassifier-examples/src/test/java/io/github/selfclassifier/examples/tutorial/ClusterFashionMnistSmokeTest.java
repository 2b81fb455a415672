package io.github.selfclassifier.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fashion-MNIST smoke test: the tutorial's preset, on the real 70,000 images from Debian's
 * dataset-fashion-mnist (installed by .ci/run), trained for {@value #EPOCHS} epochs of its cosine schedule
 * without labels, must cluster clearly better than k-means on the raw pixels does on the same images
 * (ACC 0.476, NMI 0.512: {@code selfclassifier kmeans --data fashion-mnist --features pixels}, 10 restarts).
 * Measured: NMI 0.655, ACC 0.687 after the 2 epochs. The saved model then runs tutorials 4 and 5 as programs
 * on the real data (about a minute more; 242 s in all).
 */
class ClusterFashionMnistSmokeTest {
  /** Epochs of the shortened schedule: a few minutes of training on two cores. */
  static final int EPOCHS = 2;
  /** ACC of k-means on the raw pixels of all 70,000 images (the README's measurement). */
  static final double KMEANS_PIXELS_ACC = 0.476;
  /** NMI of the same k-means run. */
  static final double KMEANS_PIXELS_NMI = 0.512;
  /**
   * Lower bound of tutorial 5's k-NN top-1 accuracy on the frozen backbone features (measured: 0.861 after the
   * smoke test's 2 epochs). Chance is 0.1; features extracted with the wrong normalisation or out of order
   * with the labels fall far below.
   */
  static final double KNN_TOP1_AT_LEAST = 0.80;
  /** Lower bound of tutorial 5's linear-probe test accuracy (measured: 0.861, 500 L-BFGS iterations). */
  static final double LINEAR_PROBE_AT_LEAST = 0.80;

  private static final Pattern HEAD_LINE = Pattern.compile(
      "head (\\d) \\((\\d+) clusters\\): NMI ([0-9.]+) ARI [0-9.]+ ACC ([0-9.]+) superclass ACC ([0-9.]+)");

  @Test
  void trainsFashionMnistToClearlyBeatKMeansOnPixels(@TempDir Path dir) throws Exception {
    ByteImageSet test = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    ByteImageSet all = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, true).concat(test);
    TrainingConfig config =
        ClusterFashionMnist.config(EPOCHS, EngineSelector.PYTORCH, dir.resolve("checkpoints"));
    Path model = dir.resolve("model.scmodel");
    int[] clusters;
    int[] testClusters;
    try (SelfClassifierTrainer trainer =
        SelfClassifierTrainer.builder().setConfig(config).setData(all).build()) {
      trainer.fit();
      clusters = trainer.predictClusters(all, 0, 1024);
      testClusters = trainer.predictClusters(test, 0, 1024);
      trainer.saveModel(model);
    }
    ExactClusterMetrics metrics = new ExactClusterMetrics();
    ClusteringScores scores = metrics.scores(all.labels().orElseThrow(), clusters, MetricsOptions.defaults());
    System.out.println("Fashion-MNIST smoke test, " + EPOCHS + " epochs: " + scores);

    assertThat(scores.clusters()).as("no collapse: every one of head 0's 10 clusters is used").isEqualTo(10);
    assertThat(scores.acc()).as("ACC of head 0 on all 70,000 (%s)", scores)
        .isGreaterThan(KMEANS_PIXELS_ACC + 0.08);
    assertThat(scores.nmi()).as("NMI of head 0 on all 70,000 (%s)", scores)
        .isGreaterThan(KMEANS_PIXELS_NMI + 0.04);

    ClusteringScores testScores =
        metrics.scores(test.labels().orElseThrow(), testClusters, MetricsOptions.defaults());
    evaluateWithSuperclassesScoresTheSavedModelLikeTheTrainer(model, testScores);
    knnAndLinearProbeRunOnTheSavedModel(model, testScores);
  }

  /** Tutorial 4 as a program: one line per head; head 0 is the trainer's own test-set clustering. */
  private static void evaluateWithSuperclassesScoresTheSavedModelLikeTheTrainer(
      Path model, ClusteringScores trainerTest) throws Exception {
    List<String> heads = StandardOutput.of(EvaluateWithSuperclasses::main, model.toString()).lines()
        .filter(l -> l.startsWith("head ")).toList();

    assertThat(heads).as("heads of 10, 20, 40 and 80 classes").hasSize(4);
    for (int h = 0; h < heads.size(); h++) {
      Matcher m = HEAD_LINE.matcher(heads.get(h));
      assertThat(m.matches()).as(heads.get(h)).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(h);
      double acc = Double.parseDouble(m.group(4));
      assertThat(Double.parseDouble(m.group(5))).as("a matched class is always in its own superclass: %s", heads.get(h))
          .isGreaterThanOrEqualTo(acc);
      if (h == 0) {
        assertThat(Double.parseDouble(m.group(3))).as("NMI of the reloaded model vs the trainer's")
            .isCloseTo(trainerTest.nmi(), within(0.0006));
        assertThat(acc).as("ACC of the reloaded model vs the trainer's").isCloseTo(trainerTest.acc(), within(0.0006));
      }
    }
  }

  /**
   * Tutorial 5 as a program: the model's own test clusters agree with the trainer's, and k-NN and the linear
   * probe on the frozen features classify well above chance (0.1).
   */
  private static void knnAndLinearProbeRunOnTheSavedModel(Path model, ClusteringScores trainerTest)
      throws Exception {
    String summary = StandardOutput.of(KnnAndLinearProbe::main, model.toString());

    assertThat(number(summary, "model clusters: NMI ([0-9.]+)")).isCloseTo(trainerTest.nmi(), within(6e-5));
    assertThat(number(summary, "model clusters: NMI [0-9.]+, AMI [0-9.]+, ARI [0-9.]+, ACC ([0-9.]+)"))
        .isCloseTo(trainerTest.acc(), within(6e-5));
    double knnTop1 = number(summary, "k-NN \\(k=20, T=0.07\\): top-1 ([0-9.]+)");
    assertThat(knnTop1).as(summary).isGreaterThan(KNN_TOP1_AT_LEAST);
    assertThat(number(summary, "k-NN .*top-5 ([0-9.]+)")).isGreaterThanOrEqualTo(knnTop1);
    assertThat(number(summary, "linear probe: train top-1 [0-9.]+, test top-1 ([0-9.]+)")).as(summary)
        .isGreaterThan(LINEAR_PROBE_AT_LEAST);
    assertThat(number(summary, "k-means \\(k=10\\): NMI [0-9.]+, AMI [0-9.]+, ARI [0-9.]+, ACC ([0-9.]+)"))
        .as(summary).isBetween(0.1, 1.0);
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
