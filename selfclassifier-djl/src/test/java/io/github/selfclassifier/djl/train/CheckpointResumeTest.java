package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingDivergedException;
import io.github.selfclassifier.djl.data.ByteImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checkpoints survive kill -9, resume exactly, and a diverged run keeps its last good checkpoint. */
class CheckpointResumeTest {
  private static final long KILL_AT_STEP = 9;

  @TempDir Path temp;

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void runKilledMidEpochAndResumedEndsWithTheUninterruptedParameters(String engine) throws Exception {
    Path killedFolder = temp.resolve("killed");
    Files.createDirectories(killedFolder);
    Process child = startChild(engine, killedFolder);
    long newest = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try {
      while (System.nanoTime() < deadline && child.isAlive()) {
        List<Path> files = TrainingCheckpoint.list(killedFolder);
        newest = files.isEmpty() ? -1 : stepOf(files.get(files.size() - 1));
        if (newest >= KILL_AT_STEP) {
          break;
        }
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(newest).as("child reached a checkpoint at step >= %d", KILL_AT_STEP)
        .isGreaterThanOrEqualTo(KILL_AT_STEP);
    // two kept, plus one more when the kill lands between renaming a new checkpoint and pruning the oldest
    assertThat(TrainingCheckpoint.list(killedFolder)).hasSizeLessThanOrEqualTo(3);

    ByteImageSet images = TrainerTestSupport.resumeImages();
    Map<String, float[]> resumed;
    long resumedFrom;
    long totalSteps;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, killedFolder)).setData(images).build()) {
      resumedFrom = trainer.globalStep();
      totalSteps = trainer.totalSteps();
      trainer.fit();
      resumed = trainer.parameterValues();
    }
    Map<String, float[]> uninterrupted;
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(engine, temp.resolve("straight"))).setData(images).build()) {
      assertThat(trainer.globalStep()).isZero();
      trainer.fit();
      uninterrupted = trainer.parameterValues();
    }
    double maxDiff = maxAbsDiff(resumed, uninterrupted);
    System.out.printf("%s: killed at checkpoint %d, resumed from step %d of %d, max abs diff %.3g%n", engine,
        newest, resumedFrom, totalSteps, maxDiff);
    assertThat(resumedFrom).isGreaterThanOrEqualTo(KILL_AT_STEP).isLessThan(totalSteps);
    assertThat(resumed.keySet()).isEqualTo(uninterrupted.keySet());
    assertThat(maxDiff).isLessThan(1e-5);
  }

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void divergedRunStopsNamingTheStepAndKeepsTheLastGoodCheckpoint(String engine) throws Exception {
    Path folder = temp.resolve("diverged");
    TrainingConfig config = TrainerTestSupport.smallConfig(engine)
        .optEpochs(4)
        .optQueueLength(0)
        .optCheckpointEverySteps(1)
        .optCheckpointFolder(folder)
        .optWarmupEpochs(0)
        .optLearningRates(1e30, 1e30, 1e30)
        .build();
    ByteImageSet images = TrainerTestSupport.resumeImages();
    TrainingDivergedException diverged;
    try (SelfClassifierTrainer trainer =
        SelfClassifierTrainer.builder().setConfig(config).setData(images).build()) {
      diverged = org.junit.jupiter.api.Assertions.assertThrows(TrainingDivergedException.class, trainer::fit);
      assertThat(trainer.globalStep()).isEqualTo(diverged.globalStep());
    }
    System.out.printf("%s: %s%n", engine, diverged.getMessage());
    assertThat(diverged.getMessage()).contains("step " + diverged.globalStep()).contains("epoch");
    assertThat(Double.isFinite(diverged.loss())).isFalse();
    assertThat(diverged.globalStep()).isPositive();
    List<Path> files = TrainingCheckpoint.list(folder);
    assertThat(files).isNotEmpty();
    TrainingCheckpoint last = TrainingCheckpoint.read(files.get(files.size() - 1));
    assertThat(last.globalStep()).isEqualTo(diverged.globalStep());
    try (SelfClassifierTrainer resumed =
        SelfClassifierTrainer.builder().setConfig(config).setData(images).build()) {
      assertThat(resumed.globalStep()).isEqualTo(diverged.globalStep());
      assertThat(resumed.epoch()).isEqualTo(diverged.epoch());
      assertThatThrownBy(resumed::fit).isInstanceOf(TrainingDivergedException.class);
    }
  }

  private Process startChild(String engine, Path folder) throws Exception {
    return startJavaChild(temp, temp.resolve("child-" + engine + ".log"), ResumeChildMain.class, engine,
        folder.toString());
  }

  /**
   * Starts a child JVM with this test's class path running {@code main} with the given arguments, in {@code
   * workDir} (where a crash report would land), its output and errors written to {@code log}.
   */
  static Process startJavaChild(Path workDir, Path log, Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dai.djl.offline=true");
    command.add("-Doffline=true");
    command.add("-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The global step in a checkpoint file's name. */
  static long stepOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring("checkpoint-".length(), name.indexOf('.')));
  }

  /** The largest absolute difference between two parameter maps with the same names and sizes. */
  static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
    double max = 0;
    for (Map.Entry<String, float[]> e : a.entrySet()) {
      float[] x = e.getValue();
      float[] y = b.get(e.getKey());
      assertThat(y).as(e.getKey()).hasSameSizeAs(x);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
