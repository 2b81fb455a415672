package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ImageFolderLoadReport;
import io.github.selfclassifier.djl.inference.ClusterPrediction;
import io.github.selfclassifier.djl.inference.FolderPredictionOptions;
import io.github.selfclassifier.djl.inference.FolderPredictionSummary;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code selfclassifier predict}: the cluster of one image (printed with its probability and the most likely
 * clusters) or of every image under a folder (written to CSV and/or JSON by {@link
 * SelfClassifierModel#predictFolder}, one batch at a time).
 */
@Command(
    name = "predict",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier predict --model FILE --input IMAGE [--head N] [--top K]",
      "        [--engine NAME]",
      "   or: selfclassifier predict --model FILE --input FOLDER [--csv FILE]",
      "        [--json FILE] [--head N] [--batch-size N] [--strict]",
      "        [--engine NAME]"
    },
    header = "Assign images to clusters with a trained model.",
    description = {
      "For one image file, prints its cluster, the cluster's probability and the most likely clusters. For a"
          + " folder, predicts every image at any depth (hidden files and unreadable images are skipped and"
          + " listed) and writes:",
      "  --csv FILE   path,cluster,probability (path relative to the folder)",
      "  --json FILE  {\"folder\", \"head\", \"predictions\": [{\"path\", \"cluster\",",
      "               \"probability\", \"headClusters\"}], \"skipped\": [{\"path\", \"reason\"}]}",
      "Images are resized and normalised as the model was trained (shorter side to the input size, centre"
          + " crop).",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar predict --model runs/photos/model.scmodel \\",
      "      --input cat.jpg",
      "  java -jar selfclassifier.jar predict --model runs/photos/model.scmodel \\",
      "      --input new-photos/ --csv clusters.csv",
      "",
      "Exit status: 0 on success, 1 if the model or an input is missing or unreadable, 2 on a usage error."
    })
public final class PredictCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ModelOption model;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "An image file, or a folder of images (searched at any depth).")
  private Path input;

  @Option(names = "--csv", paramLabel = "FILE", description = "For a folder: write one CSV row per image.")
  private Path csv;

  @Option(names = "--json", paramLabel = "FILE", description = "For a folder: write the predictions as JSON.")
  private Path json;

  @Option(names = "--head", paramLabel = "N", defaultValue = "0",
      description = "The classifier head whose most likely cluster is reported, 0 to H-1 (default 0).")
  private int head;

  @Option(names = "--top", paramLabel = "K", defaultValue = "5",
      description = "For one image: how many of the most likely clusters to list (default 5).")
  private int top;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "For a folder: images per forward pass (default 64).")
  private int batchSize;

  @Option(names = "--strict", description = "For a folder: fail on an unreadable image instead of skipping it.")
  private boolean strict;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public PredictCommand() {}

  @Override
  public Integer call() {
    if (head < 0 || top < 1 || batchSize < 1) {
      throw new ParameterException(spec.commandLine(),
          "--head must be 0 or more, --top and --batch-size positive; got " + head + ", " + top + ", " + batchSize);
    }
    if (!Files.exists(input)) {
      throw new CliException("no such image file or folder: --input " + input);
    }
    boolean folder = Files.isDirectory(input);
    if (folder && csv == null && json == null) {
      throw new ParameterException(spec.commandLine(),
          "--input " + input + " is a folder: give --csv FILE, --json FILE or both for the predictions");
    }
    if (!folder && (csv != null || json != null)) {
      throw new ParameterException(spec.commandLine(), "--csv and --json are for a folder; --input " + input
          + " is one image, whose prediction is printed");
    }
    PrintWriter console = spec.commandLine().getOut();
    try (SelfClassifierModel m = model.open(engine.name())) {
      if (head >= m.numHeads()) {
        throw new CliException("--head " + head + ": the model " + model.path() + " has " + m.numHeads()
            + " heads, 0 to " + (m.numHeads() - 1));
      }
      if (folder) {
        predictFolder(m, console);
      } else {
        predictImage(m, console);
      }
    }
    console.flush();
    return 0;
  }

  private void predictImage(SelfClassifierModel m, PrintWriter console) {
    ClusterPrediction p;
    try {
      p = m.predict(input, head);
    } catch (FileSystemException e) {
      throw new CliException("cannot read --input " + input + ": "
          + (e.getReason() == null ? "cannot be read" : e.getReason()), e);
    } catch (IOException e) {
      throw new CliException("cannot read --input " + input + ": " + e.getMessage(), e);
    }
    console.printf(Locale.ROOT, "%s: cluster %d of head %d, probability %.4f%n", input, p.cluster(), head,
        p.probability());
    float[] probabilities = p.probabilities(head);
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < probabilities.length; c++) {
      order.add(c);
    }
    order.sort(Comparator.comparingDouble((Integer c) -> -probabilities[c]).thenComparing(c -> c));
    StringBuilder s = new StringBuilder("top " + Math.min(top, order.size()) + ":");
    for (int k = 0; k < Math.min(top, order.size()); k++) {
      int c = order.get(k);
      s.append(String.format(Locale.ROOT, " %d (%.4f)", c, probabilities[c]));
    }
    console.println(s);
    if (p.numHeads() > 1) {
      StringBuilder all = new StringBuilder("clusters of heads 0.." + (p.numHeads() - 1) + ":");
      for (int cluster : p.clustersOfAllHeads()) {
        all.append(' ').append(cluster);
      }
      console.println(all);
    }
  }

  private void predictFolder(SelfClassifierModel m, PrintWriter console) {
    FolderPredictionSummary summary;
    try {
      summary = m.predictFolder(input, csv, json, FolderPredictionOptions.builder()
          .optHead(head)
          .optBatchSize(batchSize)
          .optStrict(strict)
          .build());
    } catch (FileSystemException e) {
      throw new CliException(e.getFile() + ": " + (e.getReason() == null ? "cannot be read" : e.getReason()), e);
    } catch (IOException e) {
      throw new CliException(e.getMessage(), e);
    }
    console.printf(Locale.ROOT, "Predicted %,d images under %s with head %d.%n", summary.predicted(), input, head);
    List<ImageFolderLoadReport.SkippedImage> skipped = summary.skipped();
    if (!skipped.isEmpty()) {
      console.printf(Locale.ROOT, "Skipped %d unreadable file%s:%n", skipped.size(), skipped.size() == 1 ? "" : "s");
      for (int i = 0; i < Math.min(10, skipped.size()); i++) {
        console.printf("  %s: %s%n", skipped.get(i).file(), skipped.get(i).reason());
      }
      if (skipped.size() > 10) {
        console.printf("  ... and %d more%s%n", skipped.size() - 10, json != null ? " (all in " + json + ")" : "");
      }
    }
    if (csv != null) {
      console.println("CSV: " + csv);
    }
    if (json != null) {
      console.println("JSON: " + json);
    }
  }
}
