package io.github.selfclassifier.benchmarks;

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
 * Question: how does our Hungarian accuracy compare with the JVM's off-the-shelf assignment solver, JGraphT's
 * Kuhn-Munkres, on the same 1,000 x 1,000 count matrix (50,000 samples), in the same run?
 *
 * <p>Ours is timed from the raw labels (table, matching, hits). JGraphT is timed on a graph built in setup
 * (count matrix and complete bipartite graph with weights {@code maxCount - count}, not timed, in its
 * favour): only {@code KuhnMunkresMinimalWeightBipartitePerfectMatching.getMatching()} and the read-off of the
 * matched counts. JGraphT needs a square matrix, so clusters must equal classes.
 */
@State(Scope.Benchmark)
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AssignmentVsJGraphTBenchmark {
  @Param({"50000"})
  public int n;

  @Param({"1000"})
  public int classes;

  @Param({"1000"})
  public int clusters;

  private int[] truth;
  private int[] predicted;
  private Peers.AssignmentGraph graph;
  private final ExactClusterMetrics ours = new ExactClusterMetrics();

  /** Generates the input and JGraphT's graph. */
  @Setup(Level.Trial)
  public void setUp() {
    ImageNetLikeLabels labels = ImageNetLikeLabels.generate(n, classes, clusters);
    truth = labels.truth;
    predicted = labels.predicted;
    graph = Peers.AssignmentGraph.of(truth, predicted, classes, clusters);
  }

  /** Ours, from raw labels. @return ACC */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double acc_ours() {
    return ours.accuracy(truth, predicted);
  }

  /** JGraphT 1.5.2 Kuhn-Munkres on the prebuilt graph. @return ACC */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public double acc_jgrapht() {
    return graph.accuracy();
  }
}
