package io.github.selfclassifier.benchmarks;

import io.github.selfclassifier.api.metrics.AverageMethod;
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
 * Question: why is Smile's AMI left out at 1,000 x 1,000, and how long would it take? Its time on small
 * ImageNet-like inputs (50 samples per class, clusters = classes), one cold call each (a call takes seconds),
 * next to ours; the README extrapolates the growth to 1,000 classes.
 */
@State(Scope.Benchmark)
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmileAmiCostBenchmark {
  @Param({"20", "40", "80"})
  public int classes;

  private int[] truth;
  private int[] predicted;
  private final ExactClusterMetrics ours = new ExactClusterMetrics();

  /** Generates the input. */
  @Setup(Level.Trial)
  public void setUp() {
    ImageNetLikeLabels labels = ImageNetLikeLabels.generate(50 * classes, classes, classes);
    truth = labels.truth;
    predicted = labels.predicted;
  }

  /** Ours. @return AMI */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 3, time = 1)
  public double ami_ours() {
    return ours.ami(truth, predicted, AverageMethod.ARITHMETIC);
  }

  /** Smile 3.1.1 {@code AdjustedMutualInformation.sum}. @return AMI */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public double ami_smile() {
    return Peers.smileAmi(truth, predicted);
  }
}
