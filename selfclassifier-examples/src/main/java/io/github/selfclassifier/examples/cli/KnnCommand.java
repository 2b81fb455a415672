package io.github.selfclassifier.examples.cli;

import com.google.gson.JsonObject;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.eval.KnnResult;
import io.github.selfclassifier.djl.eval.WeightedKnnClassifier;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code selfclassifier knn}: the paper's weighted k-nearest-neighbour accuracy of a trained model's frozen
 * features. Extracts the features of labelled training and test images with {@link FrozenFeatures} and
 * classifies every test image by its k most similar training images with {@link WeightedKnnClassifier}
 * (cosine similarity, votes weighted exp(cos / T)); without test images, leave-one-out on the training images.
 */
@Command(
    name = "knn",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier knn --model FILE --train-data SOURCE [--test-data SOURCE]",
      "        [--k N] [--temperature T] [--features backbone|embedding]",
      "        [--batch-size N] [--max-images N] [--json FILE] [--engine NAME]"
    },
    header = "Weighted k-NN accuracy of a model's frozen features (top-1, top-5).",
    description = {
      "Extracts the model's features of the labelled --train-data and --test-data images (at the model's"
          + " input size, no augmentation; progress on standard error), then classifies each test image by"
          + " its k training images of highest cosine similarity, each voting for its class with weight"
          + " exp(cos / T), as in the paper (k 20, T 0.07). Prints top-1 (the highest-scoring class is the"
          + " true one) and top-5 accuracy.",
      "Without --test-data: leave-one-out on the training images, each classified by its k nearest other"
          + " training images.",
      "--json FILE writes the settings and results as one JSON object.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar knn --model runs/fmnist \\",
      "      --train-data fashion-mnist-train --test-data fashion-mnist-test",
      "  java -jar selfclassifier.jar knn --model runs/photos/model.scmodel \\",
      "      --train-data photos/ --k 10 --json knn.json",
      "",
      "Exit status: 0 on success, 1 if the model or the data is missing, unreadable or unlabelled, or --k"
          + " exceeds the training images, 2 on a usage error (also --k below 1)."
    })
public final class KnnCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ModelOption model;

  @Mixin private TrainTestDataOptions data;

  @Option(names = "--k", paramLabel = "N", defaultValue = "20",
      description = "Neighbours that vote (default 20, the paper's).")
  private int k;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.07",
      description = "Temperature of the vote weights exp(cos / T) (default 0.07, the paper's).")
  private double temperature;

  @Mixin private ModelFeatureOptions features;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the settings and results as JSON.")
  private Path json;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public KnnCommand() {}

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter console = spec.commandLine().getOut();
    boolean leaveOneOut = data.test() == null;
    try (SelfClassifierModel m = model.open(engine.name())) {
      LoadedImages train = data.loadTrain(m.preprocessing(), "knn");
      console.println("Training images: " + train.summary());
      LoadedImages test = leaveOneOut ? null : data.loadTest(m.preprocessing(), "knn");
      int[] testLabels = leaveOneOut ? null : data.testLabels(train, test);
      if (leaveOneOut) {
        console.println("No --test-data: leave-one-out on the training images (each classified by its " + k
            + " nearest other training images).");
      } else {
        console.println("Test images: " + test.summary());
      }
      int candidates = leaveOneOut ? train.images().size() - 1 : train.images().size();
      if (k > candidates) {
        throw new CliException("--k " + k + " is more than the " + candidates + (leaveOneOut ? " other" : "")
            + " training images; give at most --k " + candidates);
      }
      console.printf(Locale.ROOT, "Extracting %s with %s on %s (progress on standard error)...%n",
          features.kind().description(), model.path(), engine.name());
      console.flush();
      FloatMatrix trainFeatures = features.extract(m, train.images());
      FloatMatrix testFeatures = leaveOneOut ? null : features.extract(m, test.images());
      WeightedKnnClassifier knn = WeightedKnnClassifier.builder().optK(k).optTemperature(temperature).build();
      KnnResult r = leaveOneOut
          ? knn.evaluateLeaveOneOut(trainFeatures, train.labels())
          : knn.evaluate(trainFeatures, train.labels(), testFeatures, testLabels);
      console.printf(Locale.ROOT, "k-NN on %s (%d dimensions), k=%d, T=%s, %s:%n",
          features.kind().description(), trainFeatures.cols(), r.k(), temperature, leaveOneOut
              ? String.format(Locale.ROOT, "leave-one-out on %,d training images", r.samples())
              : String.format(Locale.ROOT, "%,d training images, %,d test images", train.images().size(),
                  r.samples()));
      console.printf(Locale.ROOT, "top-1  %.4f%n", r.top1());
      console.printf(Locale.ROOT, "top-5  %.4f%n", r.top5());
      if (json != null) {
        JsonFile.write(json, toJson(m, train, test, trainFeatures.cols(), r));
        console.println("JSON: " + json);
      }
      console.flush();
    }
    return 0;
  }

  private void checkOptions() {
    data.checkValues();
    if (k < 1) {
      throw new ParameterException(spec.commandLine(), "--k must be at least 1, got " + k);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new ParameterException(spec.commandLine(), "--temperature must be positive, got " + temperature);
    }
    features.checkValues();
  }

  private JsonObject toJson(SelfClassifierModel m, LoadedImages train, LoadedImages test, int dimension,
      KnnResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("command", "knn");
    o.addProperty("model", model.path().toString());
    o.addProperty("modelStep", m.globalStep());
    o.addProperty("engine", engine.name());
    o.addProperty("trainData", data.train().toString());
    o.addProperty("testData", test == null ? null : data.test().toString());
    o.addProperty("leaveOneOut", test == null);
    o.addProperty("maxImages", data.maxImages());
    o.addProperty("features", features.kind().cliName());
    o.addProperty("featureDimension", dimension);
    o.addProperty("k", r.k());
    o.addProperty("temperature", temperature);
    o.addProperty("trainImages", train.images().size());
    o.addProperty("evaluatedImages", r.samples());
    o.addProperty("top1", r.top1());
    o.addProperty("top5", r.top5());
    return o;
  }
}
