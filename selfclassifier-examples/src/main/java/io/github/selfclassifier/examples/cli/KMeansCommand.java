package io.github.selfclassifier.examples.cli;

import com.google.gson.JsonObject;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.eval.KMeans;
import io.github.selfclassifier.djl.eval.KMeansResult;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
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
 * {@code selfclassifier kmeans}: the k-means baseline. Clusters images with {@link KMeans} (k-means++ seeding,
 * Lloyd's iterations, the best of several restarts) on a trained model's frozen features or on the raw pixels,
 * and with labels scores the clusters as {@code evaluate} does (NMI, AMI, ARI, ACC with {@link
 * ExactClusterMetrics}).
 */
@Command(
    name = "kmeans",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier kmeans --data SOURCE [--model FILE] [--k N] [--restarts N]",
      "        [--seed N] [--features backbone|embedding|pixels] [--csv FILE]",
      "        [--json FILE] [--batch-size N] [--engine NAME] [data options]"
    },
    header = "k-means clusters of frozen features or raw pixels, the baseline.",
    description = {
      "Clusters the --data images into k clusters by k-means (k-means++ seeding, Lloyd's iterations until no"
          + " image changes cluster, the restart of lowest inertia kept) on a trained model's frozen features"
          + " (--model; progress of their extraction on standard error), or on the raw pixels (values in"
          + " [0, 1]) when there is no --model or with --features pixels: the baseline the paper beats.",
      "With labelled images it prints NMI, AMI, ARI and ACC of the clusters against the classes, as"
          + " 'selfclassifier evaluate' scores a model's own clusters; k defaults to the number of classes.",
      "  --csv FILE   index,path,label,class,cluster: one row per image",
      "  --json FILE  the settings and results as one JSON object",
      "With --model the images are read at the model's input size and channels.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar kmeans --data fashion-mnist --features pixels",
      "  java -jar selfclassifier.jar kmeans --data fashion-mnist --model runs/fmnist \\",
      "      --csv kmeans.csv --json kmeans.json",
      "  java -jar selfclassifier.jar kmeans --data photos/ --unlabelled --k 50 \\",
      "      --image-size 32 --csv clusters.csv",
      "",
      "Exit status: 0 on success, 1 if the model or the data is missing or unreadable, or --k exceeds the"
          + " images, 2 on a usage error (also --k below 1, --k missing for unlabelled images, backbone or"
          + " embedding features without --model)."
    })
public final class KMeansCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(names = "--model", paramLabel = "FILE",
      description = "A trained model whose frozen features are clustered: the --out folder of 'selfclassifier"
          + " train', a model file or a checkpoint (default: none, raw pixels).")
  private Path modelPath;

  @Option(names = "--k", paramLabel = "N",
      description = "Number of clusters (default: the number of classes of labelled images; required for"
          + " unlabelled ones).")
  private Integer k;

  @Option(names = "--restarts", paramLabel = "N", defaultValue = "10",
      description = "k-means runs from different seedings; the one of lowest inertia is kept (default 10).")
  private int restarts;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed of the k-means++ seedings (default 0); the same seed gives the same clusters.")
  private long seed;

  @Option(names = "--features", paramLabel = "KIND", converter = FeatureKind.AnyFeaturesConverter.class,
      description = "backbone (the default with --model), embedding (with --model) or pixels (the default"
          + " without --model).")
  private FeatureKind features;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write every image's cluster as CSV.")
  private Path csv;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the settings and results as JSON.")
  private Path json;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Images per forward pass of the feature extraction (default 64).")
  private int batchSize;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public KMeansCommand() {}

  @Override
  public Integer call() {
    FeatureKind kind = features != null ? features : modelPath != null ? FeatureKind.BACKBONE : FeatureKind.PIXELS;
    checkOptions(kind);
    PrintWriter console = spec.commandLine().getOut();
    if (modelPath == null) {
      LoadedImages loaded = data.load();
      console.println("Data: " + loaded.summary());
      int clusters = checkK(loaded);
      run(console, loaded, FrozenFeatures.ofPixels(loaded.images()), kind, clusters, null);
      return 0;
    }
    try (SelfClassifierModel m = ModelOption.open(modelPath, engine.name())) {
      LoadedImages loaded = data.loadFor(m.preprocessing());
      console.println("Data: " + loaded.summary());
      int clusters = checkK(loaded);
      FloatMatrix x;
      if (kind.needsModel()) {
        console.printf(Locale.ROOT, "Extracting %s with %s on %s (progress on standard error)...%n",
            kind.description(), modelPath, engine.name());
        console.flush();
        x = FrozenFeatures.ofModel(m, loaded.images(), kind, batchSize);
      } else {
        x = FrozenFeatures.ofPixels(loaded.images());
      }
      run(console, loaded, x, kind, clusters, m);
    }
    return 0;
  }

  private void checkOptions(FeatureKind kind) {
    if (kind.needsModel() && modelPath == null) {
      throw new ParameterException(spec.commandLine(), "--features " + kind.cliName() + " are a model's; give"
          + " --model FILE, or --features pixels for the raw-pixel baseline");
    }
    if (k != null && k < 1) {
      throw new ParameterException(spec.commandLine(), "--k must be at least 1, got " + k);
    }
    if (restarts < 1) {
      throw new ParameterException(spec.commandLine(), "--restarts must be at least 1, got " + restarts);
    }
    if (batchSize < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be positive, got " + batchSize);
    }
  }

  /** The number of clusters: --k, else the number of distinct classes of labelled images. */
  private int checkK(LoadedImages loaded) {
    int n = loaded.images().size();
    int clusters;
    if (k != null) {
      clusters = k;
    } else if (loaded.isLabelled()) {
      clusters = (int) Arrays.stream(loaded.labels()).distinct().count();
    } else {
      throw new ParameterException(spec.commandLine(), "--data " + data.source() + " has no labels, so there is"
          + " no number of classes to default to: give --k N");
    }
    if (clusters > n) {
      throw new CliException("--k " + clusters + " is more than the " + n + " images of --data " + data.source()
          + "; give at most --k " + n);
    }
    return clusters;
  }

  private void run(PrintWriter console, LoadedImages loaded, FloatMatrix x, FeatureKind kind, int clusters,
      SelfClassifierModel m) {
    console.printf(Locale.ROOT, "k-means on %s (%d values per image), k=%d%s, %d restart%s, seed %d...%n",
        kind.description(), x.cols(), clusters, k == null ? " (the number of classes)" : "", restarts,
        restarts == 1 ? "" : "s", seed);
    console.flush();
    KMeansResult result = KMeans.builder().setClusters(clusters).optRestarts(restarts).optSeed(seed).build().fit(x);
    int[] assigned = result.labels();
    console.printf(Locale.ROOT, "inertia %.6g; best restart: %d iterations%s; %d iterations in all%n",
        result.inertia(), result.iterations(), result.converged() ? " (converged)" : " (iteration limit reached)",
        result.totalIterations());
    ClusteringScores scores = null;
    if (loaded.isLabelled()) {
      scores = new ExactClusterMetrics().scores(loaded.labels(), assigned, MetricsOptions.defaults());
      console.printf(Locale.ROOT, "NMI  %.4f%nAMI  %.4f%nARI  %.4f%nACC  %.4f%n", scores.nmi(), scores.ami(),
          scores.ari(), scores.acc());
      console.printf(Locale.ROOT, "%,d images, %d classes, %d clusters; NMI and AMI with the arithmetic mean.%n",
          scores.n(), scores.classes(), scores.clusters());
    } else {
      console.printf(Locale.ROOT, "%,d unlabelled images, nothing to score against.%n", x.rows());
    }
    if (csv != null) {
      PredictionsCsv.write(csv, loaded, List.of("cluster"), List.of(assigned));
      console.println("CSV: " + csv);
    }
    if (json != null) {
      JsonFile.write(json, toJson(loaded, x, kind, clusters, result, scores, m));
      console.println("JSON: " + json);
    }
    console.flush();
  }

  private JsonObject toJson(LoadedImages loaded, FloatMatrix x, FeatureKind kind, int clusters,
      KMeansResult result, ClusteringScores scores, SelfClassifierModel m) {
    JsonObject o = new JsonObject();
    o.addProperty("command", "kmeans");
    o.addProperty("data", data.source().toString());
    o.addProperty("images", x.rows());
    o.addProperty("imageShape", loaded.images().channels() + "x" + loaded.images().height() + "x"
        + loaded.images().width());
    o.addProperty("model", modelPath == null ? null : modelPath.toString());
    o.addProperty("modelStep", m == null ? null : m.globalStep());
    o.addProperty("engine", m == null ? null : engine.name());
    o.addProperty("features", kind.cliName());
    o.addProperty("featureDimension", x.cols());
    o.addProperty("k", clusters);
    o.addProperty("restarts", restarts);
    o.addProperty("seed", seed);
    o.addProperty("inertia", result.inertia());
    o.addProperty("iterations", result.iterations());
    o.addProperty("converged", result.converged());
    o.addProperty("totalIterations", result.totalIterations());
    o.addProperty("labelled", loaded.isLabelled());
    if (scores != null) {
      o.addProperty("classes", scores.classes());
      o.addProperty("clustersUsed", scores.clusters());
      o.addProperty("nmi", scores.nmi());
      o.addProperty("ami", scores.ami());
      o.addProperty("ari", scores.ari());
      o.addProperty("acc", scores.acc());
    }
    return o;
  }
}
