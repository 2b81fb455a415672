package io.github.selfclassifier.benchmarks;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: single-threaded, from raw {@code int[]} labels, how long do our full report ({@code scores}: NMI,
 * AMI, ARI and ACC from one contingency table) and each metric alone take at ImageNet-validation size (50,000
 * samples, 1,000 classes of 50) with 1,000 and 2,000 clusters? Targets: full report at most 25 ms (1,000
 * clusters) and 60 ms (2,000 clusters). {@code scripts/compare_with_sklearn.sh} runs this class and sets
 * scikit-learn's times on the same labels next to these.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 1) // C2 settles after 4 to 5 s on the 2-core test machine
@Measurement(iterations = 5, time = 1)
public class FullReportBenchmark {
  @Param({"50000"})
  public int n;

  @Param({"1000"})
  public int classes;

  @Param({"1000", "2000"})
  public int clusters;

  private int[] truth;
  private int[] predicted;
  private final ExactClusterMetrics ours = new ExactClusterMetrics();

  /** Generates the input. */
  @Setup(Level.Trial)
  public void setUp() {
    ImageNetLikeLabels labels = ImageNetLikeLabels.generate(n, classes, clusters);
    truth = labels.truth;
    predicted = labels.predicted;
  }

  /** The full report. @return all four scores */
  @Benchmark
  public ClusteringScores full() {
    return ours.scores(truth, predicted, MetricsOptions.defaults());
  }

  /** NMI alone. @return NMI */
  @Benchmark
  public double nmi() {
    return ours.nmi(truth, predicted, AverageMethod.ARITHMETIC);
  }

  /** AMI alone. @return AMI */
  @Benchmark
  public double ami() {
    return ours.ami(truth, predicted, AverageMethod.ARITHMETIC);
  }

  /** ARI alone. @return ARI */
  @Benchmark
  public double ari() {
    return ours.ari(truth, predicted);
  }

  /** ACC alone. @return ACC */
  @Benchmark
  public double acc() {
    return ours.accuracy(truth, predicted);
  }
}
