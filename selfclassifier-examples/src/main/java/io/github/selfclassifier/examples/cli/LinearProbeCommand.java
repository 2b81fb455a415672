package io.github.selfclassifier.examples.cli;

import com.google.gson.JsonObject;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.eval.LinearProbe;
import io.github.selfclassifier.djl.eval.LinearProbeResult;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import java.io.PrintWriter;
import java.math.BigDecimal;
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
 * {@code selfclassifier linear-probe}: the linear-probe accuracy of a trained model's frozen features.
 * Extracts the features of labelled training and test images with {@link FrozenFeatures}, trains a
 * multinomial logistic regression on the standardised training features with {@link LinearProbe} (full-batch
 * L-BFGS, L2 penalty) and prints its top-1 accuracy on both sets.
 */
@Command(
    name = "linear-probe",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier linear-probe --model FILE --train-data SOURCE",
      "        --test-data SOURCE [--features backbone|embedding] [--l2 L]",
      "        [--max-iterations N] [--batch-size N] [--max-images N]",
      "        [--json FILE] [--engine NAME]"
    },
    header = "Linear-probe accuracy of a model's frozen features (train and test top-1).",
    description = {
      "Extracts the model's features of the labelled --train-data and --test-data images (at the model's"
          + " input size, no augmentation; progress on standard error), standardises each dimension with the"
          + " training set's mean and standard deviation, trains a softmax classifier (multinomial logistic"
          + " regression: mean cross-entropy + l2/2 * |W|^2, by L-BFGS from zero weights) on the training"
          + " features and prints its top-1 accuracy on the training and the test images.",
      "The penalty matches scikit-learn's LogisticRegression(C) with l2 = 1 / (C * training images).",
      "--json FILE writes the settings and results as one JSON object.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExample:%n",
    footer = {
      "  java -jar selfclassifier.jar linear-probe --model runs/fmnist \\",
      "      --train-data fashion-mnist-train --test-data fashion-mnist-test",
      "",
      "Exit status: 0 on success, 1 if the model or the data is missing, unreadable or unlabelled, 2 on a"
          + " usage error."
    })
public final class LinearProbeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ModelOption model;

  @Mixin private TrainTestDataOptions data;

  @Mixin private ModelFeatureOptions features;

  @Option(names = "--l2", paramLabel = "L", defaultValue = "1e-4",
      description = "L2 penalty on the weights, 0 or more (default 1e-4).")
  private double l2;

  @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "500",
      description = "L-BFGS iteration limit (default 500).")
  private int maxIterations;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the settings and results as JSON.")
  private Path json;

  @Mixin private EngineOption engine;

  /** Created by picocli. */
  public LinearProbeCommand() {}

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter console = spec.commandLine().getOut();
    try (SelfClassifierModel m = model.open(engine.name())) {
      LoadedImages train = data.loadTrain(m.preprocessing(), "linear-probe");
      console.println("Training images: " + train.summary());
      LoadedImages test = data.loadTest(m.preprocessing(), "linear-probe");
      console.println("Test images: " + test.summary());
      int[] testLabels = data.testLabels(train, test);
      console.printf(Locale.ROOT, "Extracting %s with %s on %s (progress on standard error)...%n",
          features.kind().description(), model.path(), engine.name());
      console.flush();
      FloatMatrix trainFeatures = features.extract(m, train.images());
      FloatMatrix testFeatures = features.extract(m, test.images());
      console.printf(Locale.ROOT, "Training the probe on %,d x %d features...%n", trainFeatures.rows(),
          trainFeatures.cols());
      console.flush();
      LinearProbeResult r = LinearProbe.builder().optL2(l2).optMaxIterations(maxIterations).build()
          .evaluate(trainFeatures, train.labels(), testFeatures, testLabels);
      console.printf(Locale.ROOT, "Linear probe on %s (%d dimensions, standardised), %d classes, l2 %s: %d"
          + " L-BFGS iterations%s%n", features.kind().description(), trainFeatures.cols(), r.model().classes(),
          BigDecimal.valueOf(l2).stripTrailingZeros().toPlainString(),
          r.model().iterations(), r.model().converged() ? "" : " (stopped at --max-iterations, not converged)");
      console.printf(Locale.ROOT, "train top-1  %.4f  (%,d images)%n", r.trainTop1(), trainFeatures.rows());
      console.printf(Locale.ROOT, "test top-1   %.4f  (%,d images)%n", r.testTop1(), testFeatures.rows());
      if (json != null) {
        JsonFile.write(json, toJson(m, trainFeatures, testFeatures, r));
        console.println("JSON: " + json);
      }
      console.flush();
    }
    return 0;
  }

  private void checkOptions() {
    data.checkValues();
    if (data.test() == null) {
      throw new ParameterException(spec.commandLine(),
          "Missing required option: '--test-data=SOURCE' (the images the probe is scored on)");
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new ParameterException(spec.commandLine(), "--l2 must be 0 or more, got " + l2);
    }
    if (maxIterations < 1) {
      throw new ParameterException(spec.commandLine(), "--max-iterations must be positive, got " + maxIterations);
    }
    features.checkValues();
  }

  private JsonObject toJson(SelfClassifierModel m, FloatMatrix trainFeatures, FloatMatrix testFeatures,
      LinearProbeResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("command", "linear-probe");
    o.addProperty("model", model.path().toString());
    o.addProperty("modelStep", m.globalStep());
    o.addProperty("engine", engine.name());
    o.addProperty("trainData", data.train().toString());
    o.addProperty("testData", data.test().toString());
    o.addProperty("maxImages", data.maxImages());
    o.addProperty("features", features.kind().cliName());
    o.addProperty("featureDimension", trainFeatures.cols());
    o.addProperty("scaling", r.model().scaling().name().toLowerCase(Locale.ROOT));
    o.addProperty("l2", l2);
    o.addProperty("maxIterations", maxIterations);
    o.addProperty("trainImages", trainFeatures.rows());
    o.addProperty("testImages", testFeatures.rows());
    o.addProperty("classes", r.model().classes());
    o.addProperty("iterations", r.model().iterations());
    o.addProperty("converged", r.model().converged());
    o.addProperty("trainTop1", r.trainTop1());
    o.addProperty("testTop1", r.testTop1());
    return o;
  }
}
