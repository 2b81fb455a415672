package io.github.selfclassifier.djl.train;

import java.nio.file.Path;

/**
 * Child process of the resume test: trains {@link TrainerTestSupport#resumeConfig} with checkpoints until it
 * is killed (or finishes). Arguments: engine name, checkpoint folder.
 */
public final class ResumeChildMain {

  private ResumeChildMain() {}

  /**
   * Trains.
   *
   * @param args engine, checkpoint folder
   */
  public static void main(String[] args) {
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(TrainerTestSupport.resumeConfig(args[0], Path.of(args[1])))
        .setData(TrainerTestSupport.resumeImages())
        .build()) {
      trainer.fit();
    }
  }
}
