package io.github.selfclassifier.examples.tutorial;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.train.EpochInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.report.ClusterGridRenderer;
import io.github.selfclassifier.djl.report.EvaluationReport;
import io.github.selfclassifier.djl.report.LearningCurveChart;
import io.github.selfclassifier.djl.train.ConsoleProgressListener;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import io.github.selfclassifier.djl.train.TrainingConfigJson;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tutorial 3: cluster Fashion-MNIST without labels. Trains on all 70,000 images (train and test, labels never
 * seen by training), and after every epoch assigns each image to one of 10 clusters with head 0 and scores
 * the clusters against the true classes on all 70,000 images and on the 10,000 test images.
 *
 * <p>Writes into the output folder: {@code checkpoints/} (running the same command again resumes),
 * {@code curve.jsonl} (one line per epoch: training minutes, NMI, AMI, ARI, ACC on all and on test), {@code
 * curve.png} (NMI and ACC against training minutes), {@code model.scmodel} and {@code report/} (HTML, JSON and
 * the grid of the most accurate clusters).
 *
 * <pre>
 * java -cp selfclassifier.jar io.github.selfclassifier.examples.tutorial.ClusterFashionMnist [OUT] [EPOCHS] [ENGINE]
 * </pre>
 */
public final class ClusterFashionMnist {
  /** Fashion-MNIST's class names, in label order. */
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** Default number of epochs of {@link #config}, the preset's: under 30 minutes of training on two idle cores. */
  public static final int DEFAULT_EPOCHS = TrainingConfig.fashionMnistBuilder().build().epochs();

  private ClusterFashionMnist() {}

  /**
   * The library's Fashion-MNIST preset ({@link TrainingConfig#fashionMnistBuilder()}, which lists the tuned
   * choices and why) with this run's epochs, engine and checkpoint folder.
   *
   * @param epochs epochs of the cosine schedule
   * @param engine the engine name
   * @param checkpoints the checkpoint folder
   * @return the settings
   */
  public static TrainingConfig config(int epochs, String engine, Path checkpoints) {
    return TrainingConfig.fashionMnistBuilder()
        .optEngine(engine)
        .optEpochs(epochs)
        .optCheckpointFolder(checkpoints)
        .build();
  }

  /**
   * Trains, evaluates after every epoch and writes the outputs.
   *
   * @param args output folder (default {@code fashion-mnist-run}), epochs, engine
   * @throws IOException if the data cannot be read or an output cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "fashion-mnist-run");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_EPOCHS;
    String engine = args.length > 2 ? args[2] : EngineSelector.DEFAULT_ENGINE;

    ByteImageSet train = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, true);
    ByteImageSet test = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    ByteImageSet all = train.concat(test);
    TrainingConfig config = config(epochs, engine, out.resolve("checkpoints"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("config.json"), TrainingConfigJson.toJson(config));

    Curve curve = new Curve(out, all, train.size());
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config)
        .setData(all)
        .addListener(new ConsoleProgressListener(100))
        .addListener(curve)
        .build()) {
      curve.trainer = trainer;
      trainer.fit();
      trainer.saveModel(out.resolve("model.scmodel"));
      int[] predicted = trainer.predictClusters(all, 0, 1024);
      ClusteringScores scores = new ExactClusterMetrics()
          .scores(all.labels().orElseThrow(), predicted, MetricsOptions.defaults());
      EvaluationReport.builder()
          .setTitle("Fashion-MNIST, all 70,000 images, head 0")
          .addHead("head 0", scores)
          .optConfigJson(TrainingConfigJson.toJson(config))
          .addGrid("head 0: the most accurate clusters",
              ClusterGridRenderer.builder().optClassNames(CLASS_NAMES).build().render(all, predicted))
          .build()
          .writeTo(out.resolve("report"));
      System.out.printf(Locale.ROOT, "all 70,000: %s%nmodel: %s%nreport: %s%n", scores,
          out.resolve("model.scmodel"), out.resolve("report").resolve(EvaluationReport.HTML_FILE));
    }
  }

  /**
   * Scores head 0 after every epoch, appends a line to {@code curve.jsonl} and redraws {@code curve.png}.
   * Training minutes leave evaluation time out and continue across resumed runs.
   */
  private static final class Curve implements TrainingListener {
    private final Path jsonl;
    private final Path png;
    private final ByteImageSet all;
    private final int trainSize;
    private final int[] truth;
    private final List<JsonObject> points = new ArrayList<>();
    private SelfClassifierTrainer trainer;
    private long trainingNanos;
    private long lastMark;
    private double minutesBefore;

    Curve(Path out, ByteImageSet all, int trainSize) throws IOException {
      this.jsonl = out.resolve("curve.jsonl");
      this.png = out.resolve("curve.png");
      this.all = all;
      this.trainSize = trainSize;
      this.truth = all.labels().orElseThrow();
      if (Files.exists(jsonl)) {
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            points.add(JsonParser.parseString(line).getAsJsonObject());
          }
        }
        if (!points.isEmpty()) {
          minutesBefore = points.get(points.size() - 1).get("trainMinutes").getAsDouble();
        }
      }
    }

    @Override
    public void onTrainingStart(TrainingConfig config, long startGlobalStep, long totalSteps) {
      // drop epochs a resumed run will train again (they were recorded after the last checkpoint)
      long stepsPerEpoch = trainer.stepsPerEpoch();
      points.removeIf(p -> p.get("epoch").getAsLong() * stepsPerEpoch > startGlobalStep);
      lastMark = System.nanoTime();
    }

    @Override
    public void onEpochEnd(EpochInfo info) {
      trainingNanos += System.nanoTime() - lastMark;
      int[] predicted = trainer.predictClusters(all, 0, 1024);
      int[] testTruth = Arrays.copyOfRange(truth, trainSize, truth.length);
      int[] testPredicted = Arrays.copyOfRange(predicted, trainSize, predicted.length);
      ExactClusterMetrics metrics = new ExactClusterMetrics();
      ClusteringScores s = metrics.scores(truth, predicted, MetricsOptions.defaults());
      ClusteringScores t = metrics.scores(testTruth, testPredicted, MetricsOptions.defaults());
      JsonObject p = new JsonObject();
      p.addProperty("epoch", info.epoch() + 1);
      p.addProperty("trainMinutes", minutesBefore + trainingNanos / 60e9);
      p.addProperty("loss", info.meanLoss());
      p.addProperty("nmi", s.nmi());
      p.addProperty("ami", s.ami());
      p.addProperty("ari", s.ari());
      p.addProperty("acc", s.acc());
      p.addProperty("clusters", s.clusters());
      p.addProperty("testNmi", t.nmi());
      p.addProperty("testAcc", t.acc());
      points.add(p);
      System.out.println(p);
      try {
        StringBuilder text = new StringBuilder();
        points.forEach(q -> text.append(q).append('\n'));
        Files.writeString(jsonl, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
        plot().writePng(png);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the learning curve to " + jsonl.getParent(), e);
      }
      lastMark = System.nanoTime();
    }

    private LearningCurveChart plot() {
      double[] minutes = series("trainMinutes");
      return new LearningCurveChart("Fashion-MNIST, head 0", "training minutes", "score")
          .addSeries("NMI (all 70k)", minutes, series("nmi"))
          .addSeries("ACC (all 70k)", minutes, series("acc"))
          .addSeries("NMI (test 10k)", minutes, series("testNmi"))
          .addSeries("ACC (test 10k)", minutes, series("testAcc"));
    }

    private double[] series(String key) {
      return points.stream().mapToDouble(p -> p.get(key).getAsDouble()).toArray();
    }
  }
}
