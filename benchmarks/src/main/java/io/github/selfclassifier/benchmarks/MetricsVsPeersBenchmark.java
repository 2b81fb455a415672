package io.github.selfclassifier.benchmarks;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.util.List;
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
 * Question: per metric, how does our time compare with the JVM peers' on the same ImageNet-validation-sized
 * input (50,000 samples, 1,000 classes of 50, 1,000 clusters), in the same run?
 *
 * <p>Every method starts from the raw labels, as a user calls it. Ours: {@code AverageTime} with warmup. The
 * slow peers (tens of seconds per call) are measured with {@code SingleShotTime}, 1 warmup and 2 measured
 * calls; Tribuo's NMI (milliseconds) with {@code AverageTime} like ours. Tribuo takes {@code List<Integer>}:
 * the boxing is done once in setup and not timed (in Tribuo's favour). Averaging: Smile's NMI is the
 * arithmetic one ({@code NMI.sum}), as ours here; Tribuo normalises by the smaller entropy; averaging does not
 * change our cost.
 *
 * <p>Not measured: Smile's AMI ({@code AdjustedMutualInformation}), which would take hours at this size; see
 * {@link SmileAmiCostBenchmark} for its growth on small inputs. JGraphT's assignment is in
 * {@link AssignmentVsJGraphTBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsVsPeersBenchmark {
  @Param({"50000"})
  public int n;

  @Param({"1000"})
  public int classes;

  @Param({"1000"})
  public int clusters;

  private int[] truth;
  private int[] predicted;
  private List<Integer> truthBoxed;
  private List<Integer> predictedBoxed;
  private final ExactClusterMetrics ours = new ExactClusterMetrics();

  /** Generates the shared input. */
  @Setup(Level.Trial)
  public void setUp() {
    ImageNetLikeLabels labels = ImageNetLikeLabels.generate(n, classes, clusters);
    truth = labels.truth;
    predicted = labels.predicted;
    truthBoxed = Peers.boxed(truth);
    predictedBoxed = Peers.boxed(predicted);
  }

  // ---- NMI

  /** Ours, arithmetic averaging. @return NMI */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double nmi_ours() {
    return ours.nmi(truth, predicted, AverageMethod.ARITHMETIC);
  }

  /** Smile 3.1.1 {@code NormalizedMutualInformation.sum}. @return NMI */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public double nmi_smile() {
    return Peers.smileNmi(truth, predicted);
  }

  /** Tribuo 4.3.2 {@code ClusteringMetrics.normalizedMI} (min-normalised). @return NMI */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double nmi_tribuo() {
    return Peers.tribuoNmi(truthBoxed, predictedBoxed);
  }

  // ---- AMI

  /** Ours, arithmetic averaging, exact EMI. @return AMI */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double ami_ours() {
    return ours.ami(truth, predicted, AverageMethod.ARITHMETIC);
  }

  /** Tribuo 4.3.2 {@code ClusteringMetrics.adjustedMI(List, List)} (min-normalised). @return AMI */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public double ami_tribuo() {
    return Peers.tribuoAmi(truthBoxed, predictedBoxed);
  }

  // ---- ARI

  /** Ours. @return ARI */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double ari_ours() {
    return ours.ari(truth, predicted);
  }

  /** Smile 3.1.1 {@code AdjustedRandIndex.of}. @return ARI */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public double ari_smile() {
    return Peers.smileAri(truth, predicted);
  }
}
