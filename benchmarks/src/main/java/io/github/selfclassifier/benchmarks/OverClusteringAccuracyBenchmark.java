package io.github.selfclassifier.benchmarks;

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
 * Question: how long does the over-clustering accuracy take at ImageNet-train size: 1,281,167 samples,
 * 1,000 classes, 8,000 clusters (matching of every class to a distinct cluster, majority class for the 7,000
 * others)? Target: at most 1 s. The full report on the same input is measured alongside.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class OverClusteringAccuracyBenchmark {
  @Param({"1281167"})
  public int n;

  @Param({"1000"})
  public int classes;

  @Param({"8000"})
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

  /** ACC from raw labels. @return ACC */
  @Benchmark
  public double acc() {
    return ours.accuracy(truth, predicted);
  }

  /** All four scores on the same input. @return the scores */
  @Benchmark
  public ClusteringScores full() {
    return ours.scores(truth, predicted, MetricsOptions.defaults());
  }
}
