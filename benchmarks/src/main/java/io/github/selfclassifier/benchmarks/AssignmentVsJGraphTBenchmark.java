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
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AssignmentVsJGraphTBenchmark {
  /** The labels, shared by both methods. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"50000"})
    public int n;

    @Param({"1000"})
    public int classes;

    @Param({"1000"})
    public int clusters;

    int[] truth;
    int[] predicted;

    /** Generates the labels. */
    @Setup(Level.Trial)
    public void setUp() {
      ImageNetLikeLabels labels = ImageNetLikeLabels.generate(n, classes, clusters);
      truth = labels.truth;
      predicted = labels.predicted;
    }
  }

  /**
   * JGraphT's graph, only set up in JGraphT's fork: its million edge objects would otherwise sit in our fork's
   * heap and slow our measurement through the collector.
   */
  @State(Scope.Benchmark)
  public static class JGraphTInput {
    Peers.AssignmentGraph graph;

    /**
     * Builds the graph.
     *
     * @param in the labels
     */
    @Setup(Level.Trial)
    public void setUp(Input in) {
      graph = Peers.AssignmentGraph.of(in.truth, in.predicted, in.classes, in.clusters);
    }
  }

  private static final ExactClusterMetrics OURS = new ExactClusterMetrics();

  /**
   * Ours, from raw labels.
   *
   * @param in the labels
   * @return ACC
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double acc_ours(Input in) {
    return OURS.accuracy(in.truth, in.predicted);
  }

  /**
   * JGraphT 1.5.2 Kuhn-Munkres on the prebuilt graph.
   *
   * @param g the graph
   * @return ACC
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public double acc_jgrapht(JGraphTInput g) {
    return g.graph.accuracy();
  }
}
