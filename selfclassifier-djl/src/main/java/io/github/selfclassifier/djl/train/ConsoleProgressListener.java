package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.train.EpochInfo;
import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line (through SLF4J, at INFO) every N steps and at every epoch end: epoch, step, percent,
 * ETA, loss, learning rate, number of distinct head-0 clusters in the batch, and nearest-neighbour label
 * agreement when known.
 */
public final class ConsoleProgressListener implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgressListener.class);

  private final long everySteps;

  /**
   * Creates the listener.
   *
   * @param everySteps the interval between step lines, at least 1
   */
  public ConsoleProgressListener(long everySteps) {
    if (everySteps < 1) {
      throw new IllegalArgumentException("everySteps must be at least 1, got " + everySteps);
    }
    this.everySteps = everySteps;
  }

  @Override
  public void onTrainingStart(TrainingConfig config, long startGlobalStep, long totalSteps) {
    LOG.info("training {} steps from step {} on {}", totalSteps, startGlobalStep, config.engineName());
  }

  @Override
  public void onStep(StepInfo s) {
    if ((s.globalStep() + 1) % everySteps != 0 && s.globalStep() + 1 != s.totalSteps()) {
      return;
    }
    LOG.info(formatStep(s));
  }

  /**
   * The progress line of a step.
   *
   * @param s the step
   * @return the line
   */
  public static String formatStep(StepInfo s) {
    String nn = Double.isNaN(s.neighborAccuracy())
        ? ""
        : String.format(Locale.ROOT, " nn-acc %.3f", s.neighborAccuracy());
    return String.format(Locale.ROOT, "epoch %d step %d/%d (%.1f%%) eta %s loss %.5f lr %.5g clusters %d%s",
        s.epoch(), s.stepInEpoch() + 1, s.stepsPerEpoch(), 100.0 * (s.globalStep() + 1) / s.totalSteps(),
        formatDuration(s.etaNanos()), s.loss(), s.learningRate(), s.distinctClusters(), nn);
  }

  @Override
  public void onEpochEnd(EpochInfo e) {
    LOG.info(String.format(Locale.ROOT,
        "epoch %d/%d done in %s: mean loss %.5f, mean clusters %.1f, mean nn-acc %.3f", e.epoch() + 1,
        e.epochs(), formatDuration(e.durationNanos()), e.meanLoss(), e.meanDistinctClusters(),
        e.meanNeighborAccuracy()));
  }

  @Override
  public void onCheckpoint(Path file, long globalStep) {
    LOG.info("checkpoint at step {}: {}", globalStep, file);
  }

  private static String formatDuration(long nanos) {
    Duration d = Duration.ofNanos(Math.max(0, nanos));
    return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
