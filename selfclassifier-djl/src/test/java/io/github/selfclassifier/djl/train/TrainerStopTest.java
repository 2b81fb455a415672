package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.api.train.TrainingStoppedException;
import io.github.selfclassifier.djl.data.ByteImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fit() stops cleanly between steps when its thread is interrupted or the JVM is asked to exit (SIGTERM), with
 * a checkpoint of the position it stopped at, from which a run resumes (to the uninterrupted run's parameters).
 * Uses the resume tests' run ({@link TrainerTestSupport#resumeConfig}: 24 steps, a checkpoint every 2).
 */
class TrainerStopTest {
  private static final long INTERRUPT_AFTER_STEP = 3;
  private static final long TERMINATE_AFTER_CHECKPOINT = 4;
  private static final Pattern STOPPED = Pattern.compile("training stopped \\(shutdown\\) after (\\d+) steps");

  @TempDir Path temp;

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void interruptStopsBetweenStepsWithACheckpointAndTheRunResumesToTheUninterruptedParameters(String engine)
      throws Exception {
    Path folder = temp.resolve("interrupted");
    ByteImageSet images = TrainerTestSupport.resumeImages();
    CountDownLatch reached = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagLeftSet = new AtomicBoolean();
    long stoppedAt;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, folder))
        .setData(images)
        .addListener(new TrainingListener() {
          @Override
          public void onStep(StepInfo step) {
            if (step.globalStep() == INTERRUPT_AFTER_STEP) {
              reached.countDown();
            }
          }
        })
        .build()) {
      Thread training = new Thread(() -> {
        try {
          trainer.fit();
        } catch (Throwable e) {
          thrown.set(e);
          flagLeftSet.set(Thread.currentThread().isInterrupted());
        }
      }, "training");
      training.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!reached.await(50, TimeUnit.MILLISECONDS) && training.isAlive() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(reached.getCount()).as("reached step %d; fit() ended with %s", INTERRUPT_AFTER_STEP, thrown.get())
          .isZero();
      training.interrupt();
      training.join(TimeUnit.SECONDS.toMillis(120));
      assertThat(training.isAlive()).as("fit() returned after the interrupt").isFalse();
      assertThat(thrown.get()).isInstanceOf(TrainingStoppedException.class);
      TrainingStoppedException stopped = (TrainingStoppedException) thrown.get();
      stoppedAt = stopped.globalStep();
      System.out.printf("%s: %s%n", engine, stopped.getMessage());
      assertThat(stopped.reason()).isEqualTo(TrainingStoppedException.Reason.INTERRUPTED);
      assertThat(flagLeftSet).as("interrupt flag left set").isTrue();
      assertThat(stoppedAt).isEqualTo(trainer.globalStep()).isGreaterThan(INTERRUPT_AFTER_STEP)
          .isLessThan(trainer.totalSteps());
      Path expected = folder.resolve(TrainingCheckpoint.fileName(stoppedAt));
      assertThat(stopped.checkpoint()).contains(expected);
      assertThat(TrainingCheckpoint.read(expected).globalStep()).isEqualTo(stoppedAt);
      assertThat(TrainingCheckpoint.list(folder)).last().isEqualTo(expected);
    }

    Map<String, float[]> resumed;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, folder)).setData(images).build()) {
      assertThat(trainer.globalStep()).isEqualTo(stoppedAt);
      trainer.fit();
      resumed = trainer.parameterValues();
    }
    Map<String, float[]> uninterrupted;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, temp.resolve("straight"))).setData(images).build()) {
      trainer.fit();
      uninterrupted = trainer.parameterValues();
    }
    double maxDiff = CheckpointResumeTest.maxAbsDiff(resumed, uninterrupted);
    System.out.printf("%s: interrupted after step %d, resumed, max abs diff %.3g%n", engine, stoppedAt, maxDiff);
    assertThat(maxDiff).isLessThan(1e-5);
  }

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void sigtermFinishesTheStepWritesACheckpointAndExitsWithoutACrash(String engine) throws Exception {
    Path workDir = Files.createDirectories(temp.resolve("child"));
    Path folder = temp.resolve("terminated");
    Path log = temp.resolve("child-" + engine + ".log");
    Process child = CheckpointResumeTest.startJavaChild(workDir, log, ResumeChildMain.class, engine,
        folder.toString());
    long seen = -1;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline && child.isAlive() && seen < TERMINATE_AFTER_CHECKPOINT) {
        List<Path> files = Files.isDirectory(folder) ? TrainingCheckpoint.list(folder) : List.of();
        seen = files.isEmpty() ? -1 : CheckpointResumeTest.stepOf(files.get(files.size() - 1));
        Thread.sleep(20);
      }
      assertThat(child.isAlive()).as("child still training at checkpoint %d", seen).isTrue();
      child.destroy(); // SIGTERM
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exited after SIGTERM").isTrue();
    } finally {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    try (Stream<Path> files = Files.list(workDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("crash reports").noneMatch(n -> n.startsWith("hs_err"));
    }
    assertThat(output).doesNotContain("A fatal error has been detected");
    assertThat(child.exitValue()).as("exit code of a JVM ended by SIGTERM").isEqualTo(143);
    Matcher m = STOPPED.matcher(output);
    assertThat(m.find()).as("the child logged its stop:%n%s", output).isTrue();
    long stoppedAt = Long.parseLong(m.group(1));
    assertThat(stoppedAt).isGreaterThanOrEqualTo(seen);
    Path checkpoint = folder.resolve(TrainingCheckpoint.fileName(stoppedAt));
    assertThat(TrainingCheckpoint.list(folder)).last().isEqualTo(checkpoint);
    System.out.printf("%s: SIGTERM after checkpoint %d, stopped after step %d%n", engine, seen, stoppedAt);

    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, folder))
        .setData(TrainerTestSupport.resumeImages())
        .build()) {
      assertThat(trainer.globalStep()).isEqualTo(stoppedAt);
      trainer.fit();
      assertThat(trainer.globalStep()).isEqualTo(trainer.totalSteps());
      assertThat(trainer.parameterValues().values()).allSatisfy(values -> {
        for (float v : values) {
          assertThat(Float.isFinite(v)).isTrue();
        }
      });
    }
  }
}
