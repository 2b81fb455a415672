package io.github.selfclassifier.djl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrozenFeatureEvaluationTest {
  private static final EvalFixture FIXTURE = new EvalFixture("knn_fixture.txt");
  private static final FloatMatrix TRAIN = FIXTURE.floatMatrix("train");
  private static final int[] TRAIN_LABELS = FIXTURE.ints("train_labels");
  private static final FloatMatrix TEST = FIXTURE.floatMatrix("test");
  private static final int[] TEST_LABELS = FIXTURE.ints("test_labels");

  @Test
  void runsTheThreeProtocolsWithTheirSettingsOnTheRightData() {
    FrozenFeatureEvaluation evaluation = FrozenFeatureEvaluation.builder()
        .optKnn(WeightedKnnClassifier.builder().optK(7).build())
        .optKMeans(KMeans.builder().setClusters(8).optSeed(4).build())
        .build();
    FrozenFeatureEvaluationResult r = evaluation.evaluate(TRAIN, TRAIN_LABELS, TEST, TEST_LABELS);

    // k-NN: the numpy / DINO reference values of the fixture
    double[] expected = FIXTURE.values("test_top1_top5");
    assertThat(r.knn().orElseThrow().top1()).isEqualTo(expected[0]);
    assertThat(r.knn().orElseThrow().top5()).isEqualTo(expected[1]);
    // linear probe: the same as the probe alone
    LinearProbeResult probe = LinearProbe.builder().build().evaluate(TRAIN, TRAIN_LABELS, TEST, TEST_LABELS);
    assertThat(r.linearProbe().orElseThrow().testTop1()).isEqualTo(probe.testTop1());
    assertThat(r.linearProbe().orElseThrow().trainTop1()).isEqualTo(probe.trainTop1());
    // k-means: train and test together (360 samples), scored against their labels
    KMeansBaseline kMeans = r.kMeans().orElseThrow();
    assertThat(kMeans.clustering().labels()).hasSize(360);
    int[] all = new int[360];
    System.arraycopy(TRAIN_LABELS, 0, all, 0, 300);
    System.arraycopy(TEST_LABELS, 0, all, 300, 60);
    ClusteringScores expectedScores =
        new ExactClusterMetrics().scores(all, kMeans.clustering().labels(), MetricsOptions.defaults());
    assertThat(kMeans.scores()).isEqualTo(expectedScores);
    assertThat(r.modelClusters()).isEmpty();
    assertThat(r.summary()).contains("k-NN (k=7", "linear probe", "k-means (k=8)");
  }

  @Test
  void defaultKMeansUsesAsManyClustersAsClassesAndProtocolsCanBeChosen() {
    FrozenFeatureEvaluationResult r = FrozenFeatureEvaluation.builder()
        .optProtocols(EnumSet.of(FrozenFeatureEvaluation.Protocol.KMEANS))
        .build()
        .evaluate(TRAIN, TRAIN_LABELS, TEST, TEST_LABELS);
    assertThat(r.knn()).isEmpty();
    assertThat(r.linearProbe()).isEmpty();
    assertThat(r.kMeans().orElseThrow().clustering().clusters()).isEqualTo(8);
  }

  @Test
  void scoresTheModelsOwnClustersFromExtractedFeatures() {
    // the "model" predicts test label + 3 mod 8: a relabelling, so NMI and ACC are exactly 1
    int[][] clusters = new int[1][TEST_LABELS.length];
    for (int i = 0; i < TEST_LABELS.length; i++) {
      clusters[0][i] = (TEST_LABELS[i] + 3) % 8;
    }
    ExtractedFeatures train =
        new ExtractedFeatures(TRAIN, null, List.of(), new int[][] {TRAIN_LABELS.clone()}, TRAIN_LABELS);
    ExtractedFeatures test = new ExtractedFeatures(TEST, null, List.of(), clusters, TEST_LABELS);
    FrozenFeatureEvaluationResult r = FrozenFeatureEvaluation.builder()
        .optProtocols(EnumSet.of(FrozenFeatureEvaluation.Protocol.KNN))
        .optKnn(WeightedKnnClassifier.builder().optK(7).build())
        .build()
        .evaluate(train, test);
    assertThat(r.modelClusters().orElseThrow().nmi()).isCloseTo(1.0, within(1e-12));
    assertThat(r.modelClusters().orElseThrow().acc()).isEqualTo(1.0);
    assertThat(r.knn().orElseThrow().top1()).isEqualTo(FIXTURE.values("test_top1_top5")[0]);

    FrozenFeatureEvaluation onEmbeddings =
        FrozenFeatureEvaluation.builder().optFeatures(ExtractedOutput.EMBEDDING).build();
    assertThatThrownBy(() -> onEmbeddings.evaluate(train, test))
        .hasMessageContaining("training features were extracted without EMBEDDING");
    assertThatThrownBy(() -> FrozenFeatureEvaluation.builder().optFeatures(ExtractedOutput.LOGITS).build())
        .hasMessageContaining("not LOGITS");
  }
}
