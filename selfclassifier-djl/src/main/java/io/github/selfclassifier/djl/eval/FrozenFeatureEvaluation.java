package io.github.selfclassifier.djl.eval;

import io.github.selfclassifier.api.metrics.ClusterMetrics;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's evaluation on frozen features in one call: weighted k-NN and a linear probe from the training
 * to the test features, and k-means as the baseline, scored with {@link ClusterMetrics} (default {@link
 * ExactClusterMetrics}, the scikit-learn-exact NMI/AMI/ARI and the paper's ACC).
 *
 * <p>k-means clusters the training and test features together (it is unsupervised; on Fashion-MNIST this is
 * all 70,000 images, as published clustering results use) into as many clusters as there are classes in the
 * labels unless {@link Builder#optKMeans} says otherwise, and is scored against their labels. Defaults: all
 * three protocols, backbone features, the paper's k-NN settings, {@link LinearProbe}'s and {@link KMeans}'
 * defaults. Immutable and thread-safe.
 *
 * <pre>{@code
 * ExtractedFeatures train = extractor.extract(trainImages);
 * ExtractedFeatures test = extractor.extract(testImages);
 * FrozenFeatureEvaluationResult r = FrozenFeatureEvaluation.builder().build().evaluate(train, test);
 * System.out.println(r.summary());
 * }</pre>
 */
public final class FrozenFeatureEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(FrozenFeatureEvaluation.class);

  /** The protocols an evaluation can run. */
  public enum Protocol {
    /** Weighted k-nearest neighbours. */
    KNN,
    /** Multinomial logistic regression on the frozen features. */
    LINEAR_PROBE,
    /** k-means clustering, scored as a clustering. */
    KMEANS
  }

  private final Set<Protocol> protocols;
  private final ExtractedOutput features;
  private final WeightedKnnClassifier knn;
  private final LinearProbe linearProbe;
  private final KMeans kMeans;
  private final ClusterMetrics metrics;
  private final MetricsOptions metricsOptions;
  private final int head;

  private FrozenFeatureEvaluation(Builder b) {
    this.protocols = EnumSet.copyOf(b.protocols);
    this.features = b.features;
    this.knn = b.knn;
    this.linearProbe = b.linearProbe;
    this.kMeans = b.kMeans;
    this.metrics = b.metrics;
    this.metricsOptions = b.metricsOptions;
    this.head = b.head;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Evaluates extracted features: the configured kind of features of both sets, plus the scores of the
   * model's own predicted clusters (the configured head) on the test set.
   *
   * @param train features of the labelled training images
   * @param test features of the labelled test images
   * @return the result
   * @throws IllegalArgumentException if a set is unlabelled or lacks the configured features
   */
  public FrozenFeatureEvaluationResult evaluate(ExtractedFeatures train, ExtractedFeatures test) {
    FloatMatrix trainFeatures = select(train, "training");
    FloatMatrix testFeatures = select(test, "test");
    int[] trainLabels = labels(train, "training");
    int[] testLabels = labels(test, "test");
    FrozenFeatureEvaluationResult r = evaluate(trainFeatures, trainLabels, testFeatures, testLabels);
    Objects.checkIndex(head, test.numHeads());
    ClusteringScores model = metrics.scores(testLabels, test.clusters(head), metricsOptions);
    return new FrozenFeatureEvaluationResult(features, r.knn(), r.linearProbe(), r.kMeans(), Optional.of(model));
  }

  /**
   * Evaluates feature matrices.
   *
   * @param train training features, one row per sample
   * @param trainLabels their labels, non-negative class indices
   * @param test test features of the same dimension
   * @param testLabels their labels
   * @return the result (without model cluster scores)
   * @throws IllegalArgumentException if dimensions or lengths disagree or a label is negative
   */
  public FrozenFeatureEvaluationResult evaluate(
      FloatMatrix train, int[] trainLabels, FloatMatrix test, int[] testLabels) {
    Optional<KnnResult> knnResult = Optional.empty();
    Optional<LinearProbeResult> probeResult = Optional.empty();
    Optional<KMeansBaseline> kMeansResult = Optional.empty();
    if (protocols.contains(Protocol.KNN)) {
      knnResult = Optional.of(knn.evaluate(train, trainLabels, test, testLabels));
      LOG.info("k-NN top-1 {}, top-5 {}", knnResult.get().top1(), knnResult.get().top5());
    }
    if (protocols.contains(Protocol.LINEAR_PROBE)) {
      probeResult = Optional.of(linearProbe.evaluate(train, trainLabels, test, testLabels));
      LOG.info("linear probe test top-1 {}", probeResult.get().testTop1());
    }
    if (protocols.contains(Protocol.KMEANS)) {
      FloatMatrix all = concat(train, test);
      int[] labels = new int[trainLabels.length + testLabels.length];
      System.arraycopy(trainLabels, 0, labels, 0, trainLabels.length);
      System.arraycopy(testLabels, 0, labels, trainLabels.length, testLabels.length);
      KMeans clusterer = kMeans != null
          ? kMeans
          : KMeans.builder().setClusters((int) Arrays.stream(labels).distinct().count()).build();
      KMeansResult clustering = clusterer.fit(all);
      ClusteringScores scores = metrics.scores(labels, clustering.labels(), metricsOptions);
      kMeansResult = Optional.of(new KMeansBaseline(clustering, scores));
      LOG.info("k-means NMI {}, ACC {}", scores.nmi(), scores.acc());
    }
    return new FrozenFeatureEvaluationResult(features, knnResult, probeResult, kMeansResult, Optional.empty());
  }

  private FloatMatrix select(ExtractedFeatures extracted, String what) {
    Optional<FloatMatrix> m = features == ExtractedOutput.EMBEDDING
        ? extracted.embeddings()
        : extracted.backboneFeatures();
    return m.orElseThrow(() -> new IllegalArgumentException(
        "the " + what + " features were extracted without " + features + "; add it to optOutputs"));
  }

  private static int[] labels(ExtractedFeatures extracted, String what) {
    return extracted.labels().orElseThrow(
        () -> new IllegalArgumentException("the " + what + " images have no labels"));
  }

  private static FloatMatrix concat(FloatMatrix a, FloatMatrix b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException(
          "training features have " + a.cols() + " dimensions, test features " + b.cols());
    }
    float[] out = Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, out, a.data().length, b.data().length);
    return FloatMatrix.wrap(a.rows() + b.rows(), a.cols(), out);
  }

  /** Builds a {@link FrozenFeatureEvaluation}; every setting is optional. */
  public static final class Builder {
    private Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
    private ExtractedOutput features = ExtractedOutput.BACKBONE_FEATURES;
    private WeightedKnnClassifier knn = WeightedKnnClassifier.builder().build();
    private LinearProbe linearProbe = LinearProbe.builder().build();
    private KMeans kMeans;
    private ClusterMetrics metrics = new ExactClusterMetrics();
    private MetricsOptions metricsOptions = MetricsOptions.defaults();
    private int head;

    private Builder() {}

    /**
     * The protocols to run (default all).
     *
     * @param protocols at least one
     * @return this builder
     */
    public Builder optProtocols(Set<Protocol> protocols) {
      this.protocols = Set.copyOf(Objects.requireNonNull(protocols, "protocols"));
      return this;
    }

    /**
     * Which extracted features {@link #evaluate(ExtractedFeatures, ExtractedFeatures)} uses (default the
     * backbone's, as the paper).
     *
     * @param features {@link ExtractedOutput#BACKBONE_FEATURES} or {@link ExtractedOutput#EMBEDDING}
     * @return this builder
     */
    public Builder optFeatures(ExtractedOutput features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /**
     * The k-NN classifier (default k = 20, T = 0.07).
     *
     * @param knn the classifier
     * @return this builder
     */
    public Builder optKnn(WeightedKnnClassifier knn) {
      this.knn = Objects.requireNonNull(knn, "knn");
      return this;
    }

    /**
     * The linear probe (default {@link LinearProbe#builder()}'s).
     *
     * @param linearProbe the probe
     * @return this builder
     */
    public Builder optLinearProbe(LinearProbe linearProbe) {
      this.linearProbe = Objects.requireNonNull(linearProbe, "linearProbe");
      return this;
    }

    /**
     * The k-means settings (default: k = the number of distinct labels, other settings default).
     *
     * @param kMeans the clusterer
     * @return this builder
     */
    public Builder optKMeans(KMeans kMeans) {
      this.kMeans = Objects.requireNonNull(kMeans, "kMeans");
      return this;
    }

    /**
     * The clustering metrics (default {@link ExactClusterMetrics}) and their options (default averaging,
     * no superclasses).
     *
     * @param metrics the metrics
     * @param options their options
     * @return this builder
     */
    public Builder optMetrics(ClusterMetrics metrics, MetricsOptions options) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      this.metricsOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The head whose predicted clusters are scored (default 0, as the paper).
     *
     * @param head a head index
     * @return this builder
     */
    public Builder optHead(int head) {
      this.head = head;
      return this;
    }

    /**
     * Validates the settings.
     *
     * @return the evaluation
     * @throws IllegalArgumentException if no protocol is chosen, the features are logits, or the head is
     *     negative
     */
    public FrozenFeatureEvaluation build() {
      if (protocols.isEmpty()) {
        throw new IllegalArgumentException("choose at least one protocol");
      }
      if (features == ExtractedOutput.LOGITS) {
        throw new IllegalArgumentException("evaluate BACKBONE_FEATURES or EMBEDDING, not LOGITS");
      }
      if (head < 0) {
        throw new IllegalArgumentException("head must be non-negative, got " + head);
      }
      return new FrozenFeatureEvaluation(this);
    }
  }
}
