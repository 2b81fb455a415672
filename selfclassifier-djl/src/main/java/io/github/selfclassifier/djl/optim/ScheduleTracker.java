package io.github.selfclassifier.djl.optim;

import ai.djl.training.tracker.Tracker;
import io.github.selfclassifier.api.optim.LearningRateSchedule;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DJL {@link Tracker} that gives the learning rate of a {@link LearningRateSchedule} at the current
 * optimisation step, which the trainer sets.
 *
 * <p>DJL asks a tracker for a value with a {@code numUpdate} that its optimisers count per parameter call:
 * {@code Optimizer.update} runs once per parameter and per device, so with two devices the count of a
 * parameter grows by two per step, and a parameter without gradient in a step does not count at all. This
 * tracker ignores {@code numUpdate}: the step is what the trainer says it is. The trainer calls {@link
 * #setStep(long)} with the step's index (from 0, also after resuming from a checkpoint) before it updates the
 * parameters of that step, or {@link #advance()} after each update; every parameter and device of the step
 * then gets the same learning rate. Thread-safe.
 */
public final class ScheduleTracker implements Tracker {
  private final LearningRateSchedule schedule;
  private final AtomicLong step = new AtomicLong();

  /**
   * Creates a tracker at step 0.
   *
   * @param schedule the learning rate per step
   */
  public ScheduleTracker(LearningRateSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /**
   * The schedule this tracker follows.
   *
   * @return the schedule
   */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /**
   * Sets the current optimisation step.
   *
   * @param step the index of the step about to be taken, from 0
   * @throws IllegalArgumentException if {@code step} is negative
   */
  public void setStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be non-negative, got " + step);
    }
    this.step.set(step);
  }

  /**
   * The current optimisation step.
   *
   * @return the step
   */
  public long step() {
    return step.get();
  }

  /**
   * Moves to the next step.
   *
   * @return the new current step
   */
  public long advance() {
    return step.incrementAndGet();
  }

  /**
   * The learning rate of the current step, in double precision.
   *
   * @return {@code schedule.at(step())}
   */
  public double currentValue() {
    return schedule.at(step.get());
  }

  /**
   * The learning rate of the current step; {@code numUpdate} is ignored (see the class comment).
   *
   * @param numUpdate DJL's update count, ignored
   * @return the current learning rate as a float
   */
  @Override
  public float getNewValue(int numUpdate) {
    return (float) currentValue();
  }

  /**
   * The learning rate of the current step, the same for every parameter; both arguments are ignored.
   *
   * @param parameterId the parameter, ignored
   * @param numUpdate DJL's update count, ignored
   * @return the current learning rate as a float
   */
  @Override
  public float getNewValue(String parameterId, int numUpdate) {
    return (float) currentValue();
  }
}
