package io.github.selfclassifier.djl.eval;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link FrozenFeatureEvaluation} measured; a part that was not run is empty. Immutable.
 *
 * @param features which features were evaluated
 * @param knn the weighted k-NN result (train to test)
 * @param linearProbe the linear probe result (trained on train, scored on both)
 * @param kMeans the k-means baseline and its scores
 * @param modelClusters the scores of the model's own predicted clusters on the test set, when evaluated from
 *     {@link ExtractedFeatures}
 */
public record FrozenFeatureEvaluationResult(
    ExtractedOutput features,
    Optional<KnnResult> knn,
    Optional<LinearProbeResult> linearProbe,
    Optional<KMeansBaseline> kMeans,
    Optional<ClusteringScores> modelClusters) {

  /**
   * One line per measured part, for logs and reports.
   *
   * @return e.g. {@code "k-NN (k=20, T=0.07): top-1 0.8512, top-5 0.9921"} and so on
   */
  public String summary() {
    StringBuilder sb = new StringBuilder("frozen " + features + ":");
    knn.ifPresent(r -> sb.append(String.format(Locale.ROOT, "%n  k-NN (k=%d, T=%s): top-1 %.4f, top-5 %.4f",
        r.k(), r.temperature(), r.top1(), r.top5())));
    linearProbe.ifPresent(r -> sb.append(String.format(Locale.ROOT,
        "%n  linear probe: train top-1 %.4f, test top-1 %.4f (%d L-BFGS iterations%s)", r.trainTop1(),
        r.testTop1(), r.model().iterations(), r.model().converged() ? "" : ", not converged")));
    kMeans.ifPresent(k -> sb.append(String.format(Locale.ROOT,
        "%n  k-means (k=%d): NMI %.4f, AMI %.4f, ARI %.4f, ACC %.4f", k.clustering().clusters(),
        k.scores().nmi(), k.scores().ami(), k.scores().ari(), k.scores().acc())));
    modelClusters.ifPresent(s -> sb.append(String.format(Locale.ROOT,
        "%n  model clusters: NMI %.4f, AMI %.4f, ARI %.4f, ACC %.4f", s.nmi(), s.ami(), s.ari(), s.acc())));
    return sb.toString();
  }
}
