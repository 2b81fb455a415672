package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.djl.train.ConsoleProgressListener;
import io.github.selfclassifier.examples.tutorial.QuickStart;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code selfclassifier quickstart}: the {@link QuickStart} tutorial from the command line. Generates 3,000
 * images of 10 shapes (no download), trains a small Self-Classifier on them without labels for a few
 * minutes, clusters them and prints NMI, AMI, ARI and ACC against the shapes.
 */
@Command(
    name = "quickstart",
    usageHelpAutoWidth = true,
    sortOptions = false,
    header = "Train and evaluate on a generated image set, no download needed (a few minutes).",
    description = {
      "Generates 3,000 28x28 grayscale images of 10 shapes (disc, ring, square, frame, triangle, plus,"
          + " cross, horizontal and vertical stripes, diamond) at random positions, sizes and contrasts,"
          + " trains a small Self-Classifier on them without their labels, assigns each image to one of 10"
          + " clusters and scores the clusters against the shapes. A working setup prints ACC near 0.9.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExample:%n",
    footer = {"  java -jar selfclassifier.jar quickstart --engine MXNet"})
public final class QuickstartCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public QuickstartCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Training on 3,000 generated images with %s (progress below)...%n", engine.name());
    out.flush();
    long start = System.nanoTime();
    ClusteringScores s = QuickStart.run(engine.name(), new ConsoleProgressListener(50));
    out.printf(Locale.ROOT, "Done in %.0f s. Head 0 against the shapes: NMI %.3f  AMI %.3f  ARI %.3f  ACC %.3f"
        + " (%d clusters)%n", (System.nanoTime() - start) / 1e9, s.nmi(), s.ami(), s.ari(), s.acc(),
        s.clusters());
    out.flush();
    return 0;
  }
}
