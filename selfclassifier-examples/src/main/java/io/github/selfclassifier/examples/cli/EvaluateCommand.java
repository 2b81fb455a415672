package io.github.selfclassifier.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.ClusterMetrics;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.report.ClusterGridRenderer;
import io.github.selfclassifier.djl.report.EvaluationReport;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code selfclassifier evaluate}: clusters labelled images with a trained model and scores the clusters
 * against the labels (NMI, AMI, ARI, ACC with {@link ExactClusterMetrics}, and superclass ACC from a superclass
 * file or a level of the ImageNet hierarchy), then writes the {@link EvaluationReport} (HTML, JSON, grids of the
 * most accurate clusters) and every image's predicted clusters.
 */
@Command(
    name = "evaluate",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier evaluate --model FILE --data SOURCE --out DIR",
      "        [--head N | --all-heads]",
      "        [--superclasses FILE | --hierarchy DIR --level L]",
      "        [--grid-rows N] [--batch-size N] [--engine NAME]"
    },
    header = "Score a trained model's clusters against the true classes of labelled images.",
    description = {
      "Predicts the cluster of every image with each chosen head, scores the clusters against the true"
          + " classes (NMI, AMI, ARI and ACC: clusters matched one-to-one to classes, leftover clusters take"
          + " their majority class; with --superclasses or --hierarchy also superclass ACC), prints a table"
          + " and writes into the --out folder:",
      "  report.html      scores, settings, grids of the most accurate clusters",
      "  report.json      the same for machines",
      "  grid-<i>.png     the grids, one per head",
      "  predictions.csv  index,path,label,class,head_<h>,...: one row per image",
      "The images are read at the model's input size and channels. They need labels: a folder with one"
          + " sub-folder per class, fashion-mnist or shapes.",
      "",
      "Superclasses: --superclasses FILE holds 'fine_label super_label' lines (see 'selfclassifier metrics"
          + " --help'), fine labels being class folder names, or class indices 0, 1, ... for fashion-mnist"
          + " and shapes. --hierarchy DIR --level L uses level L of the ImageNet hierarchy files in DIR"
          + " (class_hierarchy.txt, dataset_class_info.json, node_names.txt) for class folders named by WordNet"
          + " id; images whose class has no superclass at that level are left out of its score, as in the"
          + " paper.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar evaluate --model runs/fmnist/model.scmodel \\",
      "      --data fashion-mnist --out runs/fmnist/eval --all-heads",
      "  java -jar selfclassifier.jar evaluate --model runs/in/model.scmodel \\",
      "      --data imagenet/val --out runs/in/eval --hierarchy imagenet_info \\",
      "      --level 4",
      "",
      "Exit status: 0 on success, 1 if the model, the data or a file is missing, unlabelled or malformed"
          + " (also a --level the hierarchy does not have), 2 on a usage error."
    })
public final class EvaluateCommand implements Callable<Integer> {
  /** The predictions file name in the output folder. */
  public static final String PREDICTIONS_FILE = "predictions.csv";

  @Spec private CommandSpec spec;

  @Mixin private ModelOption model;

  @Mixin private DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder for the report and the predictions (created if missing).")
  private Path out;

  @Option(names = "--head", paramLabel = "N", defaultValue = "0",
      description = "The classifier head to score, 0 to H-1 (default 0, the paper's).")
  private int head;

  @Option(names = "--all-heads", description = "Score every head.")
  private boolean allHeads;

  @Option(names = "--superclasses", paramLabel = "FILE",
      description = "Also score superclass ACC with the 'fine_label super_label' pairs in FILE.")
  private Path superclasses;

  @Option(names = "--hierarchy", paramLabel = "DIR",
      description = "Also score superclass ACC at --level of the ImageNet hierarchy files in DIR.")
  private Path hierarchy;

  @Option(names = "--level", paramLabel = "L",
      description = "The hierarchy level for --hierarchy: 0 is the root, larger is finer.")
  private Integer level;

  @Option(names = "--grid-rows", paramLabel = "N", defaultValue = "15",
      description = "Clusters shown per head in the image grids, best first; 0 for no grids (default 15).")
  private int gridRows;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Images per forward pass (default 64).")
  private int batchSize;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public EvaluateCommand() {}

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter console = spec.commandLine().getOut();
    try (SelfClassifierModel m = model.open(engine.name())) {
      List<Integer> heads = chosenHeads(m);
      LoadedImages loaded = data.loadFor(m.preprocessing());
      if (!loaded.isLabelled()) {
        throw new CliException("evaluate needs the true classes, but --data " + data.source() + " has no labels"
            + " (give a folder with one sub-folder per class, fashion-mnist or shapes; 'selfclassifier predict'"
            + " clusters unlabelled images)");
      }
      console.println("Data: " + loaded.summary());
      int[] truth = loaded.labels();
      MetricsOptions fineOptions = MetricsOptions.defaults();
      HierarchySuperclasses levelSupers = null;
      if (superclasses != null) {
        LabelFile truthFile = LabelFile.ofClasses("--data " + data.source(), truth, loaded.classNames(),
            loaded.classesNamedByFolder());
        fineOptions = MetricsOptions.builder()
            .optSuperclasses(SuperclassFile.read(superclasses, "--superclasses file", truthFile))
            .build();
      } else if (hierarchy != null) {
        levelSupers = HierarchySuperclasses.load(hierarchy, level, loaded.classNames(),
            "--data " + data.source());
      }
      console.printf(Locale.ROOT, "Predicting %,d images with %s on %s...%n", truth.length, model.path(),
          engine.name());
      console.flush();
      HeadClusters clusters = HeadClusters.predict(m, loaded.images(), batchSize);

      ClusterMetrics metrics = new ExactClusterMetrics();
      Map<Integer, ClusteringScores> scores = new HashMap<>();
      int kept = truth.length;
      for (int h : heads) {
        int[] predicted = clusters.of(h);
        ClusteringScores s = metrics.scores(truth, predicted, fineOptions);
        if (levelSupers != null) {
          int[] truthInHierarchy = levelSupers.toHierarchyClasses(truth);
          int[] subset = levelSupers.level().samplesWithSuperclass(truthInHierarchy);
          kept = subset.length;
          ClusteringScores onSubset = metrics.scores(pick(truthInHierarchy, subset), pick(predicted, subset),
              MetricsOptions.builder().optSuperclasses(levelSupers.mapping()).build());
          s = new ClusteringScores(s.n(), s.classes(), s.clusters(), s.averageMethod(), s.nmi(), s.ami(), s.ari(),
              s.acc(), onSubset.superclassAcc());
        }
        scores.put(h, s);
      }
      printTable(console, m, heads, scores);
      if (levelSupers != null) {
        console.printf(Locale.ROOT, "Superclass ACC at level %d of %s: %d superclasses; scored on the %,d of %,d"
            + " images whose class has a superclass at that level.%n", level, hierarchy,
            levelSupers.level().count(), kept, truth.length);
      }

      List<String> columns = new ArrayList<>();
      List<int[]> columnClusters = new ArrayList<>();
      for (int h : heads) {
        columns.add("head_" + h);
        columnClusters.add(clusters.of(h));
      }
      Path predictions = out.resolve(PREDICTIONS_FILE);
      PredictionsCsv.write(predictions, loaded, columns, columnClusters);
      Path html = writeReport(m, loaded, heads, scores, clusters, truth);
      console.printf("Report: %s (also %s and the grid PNGs); predictions: %s%n", html,
          EvaluationReport.JSON_FILE, predictions);
      console.flush();
    }
    return 0;
  }

  private void checkOptions() {
    if (allHeads && spec.commandLine().getParseResult().hasMatchedOption("--head")) {
      throw new ParameterException(spec.commandLine(), "give --head or --all-heads, not both");
    }
    if (head < 0) {
      throw new ParameterException(spec.commandLine(), "--head must be 0 or more, got " + head);
    }
    if (superclasses != null && hierarchy != null) {
      throw new ParameterException(spec.commandLine(), "give --superclasses or --hierarchy, not both");
    }
    if ((hierarchy == null) != (level == null)) {
      throw new ParameterException(spec.commandLine(), "--hierarchy and --level go together");
    }
    if (level != null && level < 0) {
      throw new ParameterException(spec.commandLine(), "--level must be 0 or more, got " + level);
    }
    if (gridRows < 0) {
      throw new ParameterException(spec.commandLine(), "--grid-rows must be 0 or more, got " + gridRows);
    }
    if (batchSize < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be positive, got " + batchSize);
    }
  }

  private List<Integer> chosenHeads(SelfClassifierModel m) {
    if (allHeads) {
      List<Integer> all = new ArrayList<>();
      for (int h = 0; h < m.numHeads(); h++) {
        all.add(h);
      }
      return all;
    }
    if (head >= m.numHeads()) {
      throw new CliException("--head " + head + ": the model " + model.path() + " has " + m.numHeads()
          + " heads, 0 to " + (m.numHeads() - 1));
    }
    return List.of(head);
  }

  private static int[] pick(int[] values, int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = values[indices[i]];
    }
    return out;
  }

  private static void printTable(PrintWriter console, SelfClassifierModel m, List<Integer> heads,
      Map<Integer, ClusteringScores> scores) {
    boolean superclass = scores.values().iterator().next().superclassAcc().isPresent();
    console.printf("%-5s %9s %6s %8s %8s %8s %8s%s%n", "head", "clusters", "used", "NMI", "AMI", "ARI", "ACC",
        superclass ? "  superclass ACC" : "");
    for (int h : heads) {
      ClusteringScores s = scores.get(h);
      OptionalDouble sup = s.superclassAcc();
      console.printf(Locale.ROOT, "%-5d %9d %6d %8.4f %8.4f %8.4f %8.4f%s%n", h,
          m.modelConfig().classesPerHead().get(h), s.clusters(), s.nmi(), s.ami(), s.ari(), s.acc(),
          sup.isPresent() ? String.format(Locale.ROOT, "  %14.4f", sup.getAsDouble()) : "");
    }
    ClusteringScores any = scores.values().iterator().next();
    console.printf(Locale.ROOT, "%,d images, %d classes; NMI and AMI with the %s mean.%n", any.n(), any.classes(),
        any.averageMethod().name().toLowerCase(Locale.ROOT));
  }

  private Path writeReport(SelfClassifierModel m, LoadedImages loaded, List<Integer> heads,
      Map<Integer, ClusteringScores> scores, HeadClusters clusters, int[] truth) {
    EvaluationReport.Builder report = EvaluationReport.builder()
        .setTitle("Self-Classifier evaluation: " + data.source())
        .optConfigJson(provenance(m, loaded, heads).toString());
    for (int h : heads) {
      report.addHead("head " + h + " (" + m.modelConfig().classesPerHead().get(h) + " clusters)", scores.get(h));
    }
    if (gridRows > 0) {
      for (int h : heads) {
        int[] predicted = clusters.of(h);
        int largest = largestClusterSize(predicted);
        ClusterGridRenderer renderer = ClusterGridRenderer.builder()
            .optClusters(gridRows)
            .optMinClusterSize(Math.min(9, largest))
            .optClassNames(loaded.classNames())
            .build();
        report.addGrid("head " + h + ": the " + gridRows + " most accurate clusters",
            renderer.render(loaded.images(), predicted, truth));
      }
    }
    try {
      return report.build().writeTo(out);
    } catch (IOException e) {
      throw new CliException("cannot write the report into " + out + ": " + e.getMessage(), e);
    }
  }

  private static int largestClusterSize(int[] predicted) {
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int p : predicted) {
      sizes.merge(p, 1, Integer::sum);
    }
    return sizes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  private JsonObject provenance(SelfClassifierModel m, LoadedImages loaded, List<Integer> heads) {
    JsonObject o = new JsonObject();
    o.addProperty("model", model.path().toString());
    o.addProperty("engine", engine.name());
    o.addProperty("trainedOnEngine", m.trainedOnEngine());
    o.addProperty("globalStep", m.globalStep());
    o.addProperty("data", data.source().toString());
    o.addProperty("images", loaded.images().size());
    JsonArray h = new JsonArray();
    heads.forEach(h::add);
    o.add("heads", h);
    if (superclasses != null) {
      o.addProperty("superclasses", superclasses.toString());
    }
    if (hierarchy != null) {
      o.addProperty("hierarchy", hierarchy.toString());
      o.addProperty("level", level);
    }
    m.trainingConfigJson().ifPresent(json -> o.add("trainingConfig", JsonParser.parseString(json)));
    return o;
  }
}
