package io.github.selfclassifier.api.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown by a trainer's {@code fit()} when it stopped between two steps before the end of the run: its thread
 * was interrupted, the JVM began to shut down (SIGTERM, Ctrl-C), or a stop was requested. Every completed step
 * is applied; the step in flight when the request came was finished first. If a checkpoint folder is
 * configured, a checkpoint of this position was written (see {@link #checkpoint()}), so a trainer built on
 * that folder resumes exactly here.
 */
public final class TrainingStoppedException extends RuntimeException {
  /** Serial form version. */
  private static final long serialVersionUID = 1L;

  /** Why training stopped. */
  public enum Reason {
    /** The training thread was interrupted ({@link Thread#interrupt()}); its interrupt flag is left set. */
    INTERRUPTED,
    /** The JVM began to shut down (e.g. SIGTERM or Ctrl-C) while training. */
    SHUTDOWN,
    /** A stop was requested through the trainer. */
    REQUESTED
  }

  /** Why training stopped. */
  private final Reason reason;
  /** The epoch to continue in. */
  private final int epoch;
  /** The next step of that epoch. */
  private final long stepInEpoch;
  /** The number of steps taken. */
  private final long globalStep;
  /** The checkpoint written at the stop, as a string (paths are not serialisable), or null. */
  private final String checkpoint;

  /**
   * Creates the exception.
   *
   * @param reason why training stopped
   * @param epoch the epoch to continue in, from 0
   * @param stepInEpoch the next step of that epoch, from 0
   * @param globalStep the number of steps taken over the whole run
   * @param checkpoint the checkpoint written at the stop, or null if none is configured
   */
  public TrainingStoppedException(Reason reason, int epoch, long stepInEpoch, long globalStep, Path checkpoint) {
    super("training stopped (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ") after " + globalStep
        + " steps, at epoch " + epoch + " step " + stepInEpoch + " of the epoch; "
        + (checkpoint == null ? "no checkpoint folder is configured, nothing was written"
            : "checkpoint " + checkpoint + " resumes here"));
    this.reason = reason;
    this.epoch = epoch;
    this.stepInEpoch = stepInEpoch;
    this.globalStep = globalStep;
    this.checkpoint = checkpoint == null ? null : checkpoint.toString();
  }

  /**
   * Why training stopped.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The epoch to continue in.
   *
   * @return the epoch, from 0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The next step of {@link #epoch()}.
   *
   * @return the step in the epoch, from 0
   */
  public long stepInEpoch() {
    return stepInEpoch;
  }

  /**
   * The number of steps taken over the whole run (including those before a resume).
   *
   * @return the global step
   */
  public long globalStep() {
    return globalStep;
  }

  /**
   * The checkpoint written at the stop.
   *
   * @return its file, or empty if no checkpoint folder is configured
   */
  public Optional<Path> checkpoint() {
    return Optional.ofNullable(checkpoint).map(Path::of);
  }
}
