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
 * Question: how does our full report ({@code scores}: NMI, AMI, ARI, ACC) scale with the number of samples and
 * the number of classes? Clusters = classes; labels from {@link ImageNetLikeLabels} (at n = 10,000 with 10,000
 * classes every class has one sample and only about 6,800 distinct clusters occur).
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsScalingBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int n;

  @Param({"10", "100", "1000", "10000"})
  public int classes;

  private int[] truth;
  private int[] predicted;
  private final ExactClusterMetrics ours = new ExactClusterMetrics();

  /** Generates the input. */
  @Setup(Level.Trial)
  public void setUp() {
    ImageNetLikeLabels labels = ImageNetLikeLabels.generate(n, classes, classes);
    truth = labels.truth;
    predicted = labels.predicted;
  }

  /** The full report. @return all four scores */
  @Benchmark
  public ClusteringScores full() {
    return ours.scores(truth, predicted, MetricsOptions.defaults());
  }
}
