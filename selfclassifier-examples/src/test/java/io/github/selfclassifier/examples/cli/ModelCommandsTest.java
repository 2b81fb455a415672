package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderDataset;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import io.github.selfclassifier.djl.inference.ClusterPrediction;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import io.github.selfclassifier.djl.report.ReportData;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code evaluate} and {@code predict} run in-process on the folder of 80 generated shape images
 * and the tiny network of {@link TinyTrainedModel}. One training run is shared by all tests; the resume test
 * works on a copy of its output. Everything runs on PyTorch, except one prediction on MXNet with the
 * PyTorch-trained model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCommandsTest {
  private static final String[] TINY = TinyTrainedModel.TINY;
  private static final int STEPS_PER_EPOCH = TinyTrainedModel.STEPS_PER_EPOCH;

  /** Created in {@link #trainOnce} for the whole class. */
  private Path dir;

  private Path images;
  private List<Path> imageFiles;
  private Path run;
  private CliRun training;
  private SelfClassifierModel model;

  @BeforeAll
  void trainOnce(@TempDir Path classDir) throws IOException {
    dir = classDir;
    TinyTrainedModel fixture = TinyTrainedModel.train(dir);
    images = fixture.images();
    imageFiles = fixture.imageFiles();
    run = fixture.run();
    training = fixture.training();
    model = SelfClassifierModelFile.load(fixture.modelFile(), "PyTorch");
  }

  @AfterAll
  void closeModel() {
    if (model != null) {
      model.close();
    }
  }

  private String[] trainArgs(Path out, String... extra) {
    return TinyTrainedModel.trainArgs(images, out, extra);
  }

  private static List<JsonObject> jsonLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  private static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith(SelfClassifierCli.ERROR_PREFIX).contains(fragments);
  }

  /** The images as the model reads them, with their files, independent of the command's data source code. */
  private ImageFolderDataset folderAsModelReadsIt() throws IOException {
    return ImageFolder.load(images, ImageFolderOptions.builder().setSize(28).optChannels(1).build());
  }

  // ---- train ----

  @Test
  void trainWritesCheckpointsMetricsConfigAndModelAndScoresHeadZero() throws IOException {
    assertThat(training.err()).isEmpty();
    assertThat(training.out())
        .contains("Data: image folder " + images, "80 images of 1x28x28, 10 classes", "1 unreadable file skipped")
        .contains("Settings: preset small: SMALL_CNN (width 8), heads [10, 20], batch 16, 1 epochs")
        .contains("Training 5 steps (1 epochs of 5) on PyTorch");
    List<String> lines = training.out().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("Model saved to " + run.resolve(TrainCommand.MODEL_FILE) + " (step 5).");

    // checkpoints every 2 steps and at the epoch end, the newest 2 kept
    assertThat(TrainingCheckpoint.list(run.resolve(TrainCommand.CHECKPOINTS)))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(TrainingCheckpoint.fileName(4), TrainingCheckpoint.fileName(5));
    List<JsonObject> metrics = jsonLines(run.resolve(TrainCommand.METRICS_FILE));
    assertThat(metrics).hasSize(1);
    assertThat(metrics.get(0).get("globalStep").getAsLong()).isEqualTo(STEPS_PER_EPOCH);
    JsonObject config = JsonParser.parseString(Files.readString(run.resolve(TrainCommand.CONFIG_FILE)))
        .getAsJsonObject();
    assertThat(config.get("preset").getAsString()).isEqualTo("small");
    assertThat(config.get("images").getAsInt()).isEqualTo(80);
    assertThat(config.getAsJsonObject("trainingConfig").get("batchSize").getAsInt()).isEqualTo(16);
    assertThat(model.globalStep()).isEqualTo(STEPS_PER_EPOCH);
    assertThat(model.modelConfig().classesPerHead()).containsExactly(10, 20);

    // the printed scores are head 0's on the training images, recomputed here from the saved model
    ImageFolderDataset d = folderAsModelReadsIt();
    int[] predicted = model.predictImages(d.images(), 0, 32).stream().mapToInt(ClusterPrediction::cluster).toArray();
    ClusteringScores s = new ExactClusterMetrics()
        .scores(d.images().labels().orElseThrow(), predicted, MetricsOptions.defaults());
    assertThat(training.out()).contains(String.format(Locale.ROOT,
        "Head 0 on the 80 training images: NMI %.4f  ACC %.4f  (10 classes, %d of 10 clusters used)",
        s.nmi(), s.acc(), s.clusters()));
  }

  @Test
  void theSameCommandResumesFromTheNewestCheckpoint() throws IOException {
    Path copy = dir.resolve("resumed");
    copyTree(run, copy);
    // as if the run had stopped before its last checkpoint: step 4 is the newest
    Files.delete(copy.resolve(TrainCommand.CHECKPOINTS).resolve(TrainingCheckpoint.fileName(5)));

    CliRun resumed = CliRun.of(trainArgs(copy, TINY));
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out())
        .contains("Resuming from the checkpoint at step 4 of 5 (epoch 1 of 1) in " + copy.resolve("checkpoints"))
        .contains("(step 5).");
    List<JsonObject> metrics = jsonLines(copy.resolve(TrainCommand.METRICS_FILE));
    assertThat(metrics).hasSize(2);
    // the resumed run took the one missing step of epoch 0, not a new epoch of 5
    assertThat(metrics.get(1).get("epoch").getAsInt()).isZero();
    assertThat(metrics.get(1).get("steps").getAsLong()).isEqualTo(1);
    assertThat(metrics.get(1).get("globalStep").getAsLong()).isEqualTo(5);

    // the finished run: nothing to train, the model is written again
    CliRun finished = CliRun.of(trainArgs(copy, TINY));
    assertThat(finished.exitCode()).as(finished.err()).isZero();
    assertThat(finished.out()).contains("Training already finished at step 5 of 5");
    assertThat(jsonLines(copy.resolve(TrainCommand.METRICS_FILE))).hasSize(2);

    // more epochs continue from step 5 to step 10
    String[] twoEpochs = TINY.clone();
    twoEpochs[1] = "2";
    CliRun longer = CliRun.of(trainArgs(copy, twoEpochs));
    assertThat(longer.exitCode()).as(longer.err()).isZero();
    assertThat(longer.out()).contains("Resuming from the checkpoint at step 5 of 10 (epoch 2 of 2)", "(step 10).");
    metrics = jsonLines(copy.resolve(TrainCommand.METRICS_FILE));
    assertThat(metrics).hasSize(3);
    assertThat(metrics.get(2).get("epoch").getAsInt()).isEqualTo(1);
    assertThat(metrics.get(2).get("globalStep").getAsLong()).isEqualTo(10);
    try (SelfClassifierModel m = SelfClassifierModelFile.load(copy.resolve(TrainCommand.MODEL_FILE), "PyTorch")) {
      assertThat(m.globalStep()).isEqualTo(10);
    }

    // other heads do not fit the checkpoints: a one-line error that says how to start over
    String[] otherHeads = TINY.clone();
    otherHeads[Arrays.asList(TINY).indexOf("--heads") + 1] = "10,30";
    assertOneLineError(CliRun.of(trainArgs(copy, otherHeads)), 1,
        "cannot resume from the checkpoints in " + copy.resolve("checkpoints"), "another --out");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  // ---- evaluate ----

  private static List<String[]> csvRows(Path file) throws IOException {
    return TestCsv.rows(file);
  }

  private static int[] column(List<String[]> rows, int column) {
    return TestCsv.column(rows, column);
  }

  @Test
  void evaluateReportsTheScoresOfThePredictionsItWrites() throws IOException {
    // superclasses by class folder name: shapes 0-4 "a", 5-9 "b"
    StringBuilder supers = new StringBuilder("# fine super\n");
    Map<Integer, Integer> superOfClass = new HashMap<>();
    for (int c = 0; c < TestImageFolders.CLASSES; c++) {
      supers.append(TestImageFolders.classFolder(c)).append(c < 5 ? " a\n" : " b\n");
      superOfClass.put(c, c < 5 ? 0 : 1);
    }
    Path supersFile = Files.writeString(dir.resolve("supers.txt"), supers);
    Path out = dir.resolve("eval");
    CliRun eval = CliRun.of("evaluate", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(), "--data",
        images.toString(), "--out", out.toString(), "--all-heads", "--superclasses", supersFile.toString(),
        "--grid-rows", "3", "--batch-size", "7");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.err()).isEmpty();

    List<String[]> rows = csvRows(out.resolve(EvaluateCommand.PREDICTIONS_FILE));
    assertThat(Files.readAllLines(out.resolve(EvaluateCommand.PREDICTIONS_FILE)).get(0))
        .isEqualTo("index,path,label,class,head_0,head_1");
    assertThat(rows).hasSize(80);
    // every row: the image's true class from its folder, and the clusters the model gives that file alone
    for (String[] r : rows) {
      Path file = images.resolve(r[1]);
      int c = TestImageFolders.classOf(images, file);
      assertThat(Integer.parseInt(r[2])).as(r[1]).isEqualTo(c);
      assertThat(r[3]).isEqualTo(TestImageFolders.classFolder(c));
      ClusterPrediction p = model.predict(file, 0);
      assertThat(Integer.parseInt(r[4])).as(r[1]).isEqualTo(p.clusterOfHead(0));
      assertThat(Integer.parseInt(r[5])).as(r[1]).isEqualTo(p.clusterOfHead(1));
    }
    assertThat(rows).anySatisfy(r -> assertThat(r[1]).endsWith("img,13.png"));

    // the report's scores are the metrics of those columns
    ReportData report = ReportData.fromJson(Files.readString(out.resolve("report.json")));
    assertThat(report.heads()).hasSize(2);
    int[] truth = column(rows, 2);
    MetricsOptions withSupers = MetricsOptions.builder().optSuperclasses(SuperclassMapping.of(superOfClass)).build();
    for (int h = 0; h < 2; h++) {
      ClusteringScores s = new ExactClusterMetrics().scores(truth, column(rows, 4 + h), withSupers);
      ReportData.Head r = report.heads().get(h);
      assertThat(r.name()).isEqualTo("head " + h + " (" + (h == 0 ? 10 : 20) + " clusters)");
      assertThat(r.n()).isEqualTo(80);
      assertThat(r.nmi()).isEqualTo(s.nmi());
      assertThat(r.ami()).isEqualTo(s.ami());
      assertThat(r.ari()).isEqualTo(s.ari());
      assertThat(r.acc()).isEqualTo(s.acc());
      assertThat(r.superclassAcc()).isEqualTo(s.superclassAcc().getAsDouble());
      assertThat(eval.out()).contains(String.format(Locale.ROOT, "%-5d %9d %6d %8.4f %8.4f %8.4f %8.4f  %14.4f", h,
          h == 0 ? 10 : 20, s.clusters(), s.nmi(), s.ami(), s.ari(), s.acc(), s.superclassAcc().getAsDouble()));
    }
    assertThat(report.grids()).hasSize(2);
    assertThat(out.resolve("grid-0.png")).isRegularFile();
    assertThat(out.resolve("grid-1.png")).isRegularFile();
    assertThat(Files.readString(out.resolve("report.html"))).contains("head 1 (20 clusters)", "superclasses");
  }

  @Test
  void evaluateScoresSuperclassesOfAHierarchyLevelOnTheImagesWhoseClassHasOne() throws IOException {
    // root -> g1 -> classes 0-2, root -> g2 -> classes 3-8; class 9 is not in the hierarchy.
    // Hierarchy indices differ from the folder labels (100 + c): classes are matched by WordNet id.
    Path h = Files.createDirectories(dir.resolve("hierarchy"));
    StringBuilder edges = new StringBuilder("n00001740 g1\nn00001740 g2\n");
    StringBuilder names = new StringBuilder("n00001740\tentity\ng1\tround\ng2\tangular\n");
    StringBuilder classes = new StringBuilder("[");
    for (int c = 0; c < TestImageFolders.CLASSES; c++) {
      String id = TestImageFolders.classFolder(c);
      if (c < 9) {
        edges.append(c < 3 ? "g1 " : "g2 ").append(id).append('\n');
      }
      names.append(id).append("\tshape ").append(c).append('\n');
      classes.append(c == 0 ? "" : ",").append("[").append(100 + c).append(",\"").append(id).append("\",\"shape ")
          .append(c).append("\"]");
    }
    Files.writeString(h.resolve("class_hierarchy.txt"), edges);
    Files.writeString(h.resolve("node_names.txt"), names);
    Files.writeString(h.resolve("dataset_class_info.json"), classes.append("]"));

    Path out = dir.resolve("eval-level");
    CliRun eval = CliRun.of("evaluate", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(), "--data",
        images.toString(), "--out", out.toString(), "--hierarchy", h.toString(), "--level", "1", "--grid-rows",
        "0");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("Superclass ACC at level 1 of " + h + ": 2 superclasses; scored on the 72 of 80"
        + " images whose class has a superclass at that level.");
    List<String[]> rows = csvRows(out.resolve(EvaluateCommand.PREDICTIONS_FILE));
    int[] truth = column(rows, 2);
    int[] predicted = column(rows, 4);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != 9) {
        kept.add(i);
      }
    }
    Map<Integer, Integer> superOf = new HashMap<>();
    for (int c = 0; c < 9; c++) {
      superOf.put(100 + c, c < 3 ? 0 : 1);
    }
    ClusteringScores onKept = new ExactClusterMetrics().scores(
        kept.stream().mapToInt(i -> 100 + truth[i]).toArray(), kept.stream().mapToInt(i -> predicted[i]).toArray(),
        MetricsOptions.builder().optSuperclasses(SuperclassMapping.of(superOf)).build());
    ClusteringScores all = new ExactClusterMetrics().scores(truth, predicted, MetricsOptions.defaults());
    ReportData.Head r = ReportData.fromJson(Files.readString(out.resolve("report.json"))).heads().get(0);
    assertThat(r.superclassAcc()).isEqualTo(onKept.superclassAcc().getAsDouble());
    assertThat(r.n()).isEqualTo(80);
    assertThat(r.nmi()).isEqualTo(all.nmi());
    assertThat(r.acc()).isEqualTo(all.acc());
    assertThat(out.resolve("grid-0.png")).doesNotExist();

    assertOneLineError(CliRun.of("evaluate", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(), "--data",
        images.toString(), "--out", out.toString(), "--hierarchy", h.toString(), "--level", "5"), 1,
        "--level 5", "levels are 0..2");
    assertOneLineError(CliRun.of("evaluate", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(), "--data",
        images.toString(), "--out", out.toString(), "--level", "1"), 2, "--hierarchy and --level go together");
  }

  // ---- predict ----

  @Test
  void predictOnAFolderWritesTheRowsOfOneByOnePrediction() throws IOException {
    Path csv = dir.resolve("predict/clusters.csv");
    Path json = dir.resolve("predict/clusters.json");
    CliRun p = CliRun.of("predict", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(), "--input",
        images.toString(), "--csv", csv.toString(), "--json", json.toString(), "--head", "1", "--batch-size", "9");
    assertThat(p.exitCode()).as(p.err()).isZero();
    assertThat(p.out()).contains("Predicted 80 images under " + images + " with head 1.",
        "Skipped 1 unreadable file:", images.resolve(TestImageFolders.CORRUPT).toString(), "CSV: " + csv,
        "JSON: " + json);
    List<String[]> rows = csvRows(csv);
    assertThat(rows).hasSize(80);
    assertThat(rows.stream().map(r -> images.resolve(r[0])).toList())
        .containsExactlyInAnyOrderElementsOf(imageFiles);
    for (String[] r : rows) {
      ClusterPrediction one = model.predict(images.resolve(r[0]), 1);
      assertThat(Integer.parseInt(r[1])).as(r[0]).isEqualTo(one.cluster());
      assertThat(Float.parseFloat(r[2])).as(r[0]).isCloseTo(one.probability(), within(1e-6f));
    }
    assertThat(JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("predictions")
        .size()).isEqualTo(80);
  }

  @Test
  void predictOnOneImagePrintsItsClusterAndTheMostLikelyOnes() {
    Path file = imageFiles.get(21);
    // the output folder of train stands for its model file
    CliRun p = CliRun.of("predict", "--model", run.toString(), "--input", file.toString(), "--top", "3");
    assertThat(p.exitCode()).as(p.err()).isZero();
    ClusterPrediction one;
    try {
      one = model.predict(file, 0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    float[] probabilities = one.probabilities(0);
    Integer[] order = new Integer[probabilities.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> probabilities[b] != probabilities[a]
        ? Float.compare(probabilities[b], probabilities[a]) : Integer.compare(a, b));
    List<String> lines = p.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.format(Locale.ROOT, "%s: cluster %d of head 0, probability %.4f",
        file, one.cluster(), one.probability()));
    assertThat(lines.get(1)).isEqualTo(String.format(Locale.ROOT, "top 3: %d (%.4f) %d (%.4f) %d (%.4f)",
        order[0], probabilities[order[0]], order[1], probabilities[order[1]], order[2], probabilities[order[2]]));
    assertThat(lines.get(2)).isEqualTo("clusters of heads 0..1: " + one.clusterOfHead(0) + " " + one.clusterOfHead(1));
  }

  @Test
  void predictOnMxnetWithThePytorchTrainedModelGivesTheSameClusters() throws IOException {
    Path csv = dir.resolve("predict-mxnet.csv");
    CliRun p = CliRun.of("predict", "--engine", "mxnet", "--model", run.resolve(TrainCommand.MODEL_FILE).toString(),
        "--input", images.toString(), "--csv", csv.toString());
    assertThat(p.exitCode()).as(p.err()).isZero();
    List<String[]> rows = csvRows(csv);
    assertThat(rows).hasSize(80);
    for (String[] r : rows) {
      ClusterPrediction ref = model.predict(images.resolve(r[0]), 0);
      int cluster = Integer.parseInt(r[1]);
      float probability = Float.parseFloat(r[2]);
      // the same cluster, or (float rounding between engines) another one equally likely on PyTorch
      assertThat(ref.probabilities(0)[cluster]).as(r[0]).isCloseTo(ref.probability(), within(1e-4f));
      assertThat(probability).as(r[0]).isCloseTo(ref.probability(), within(1e-4f));
    }
  }

  // ---- errors and help ----

  @Test
  void userErrorsAreOneLineWithTheDocumentedExitCode() throws IOException {
    String modelFile = run.resolve(TrainCommand.MODEL_FILE).toString();
    Path missingModel = dir.resolve("missing.scmodel");
    assertOneLineError(CliRun.of("predict", "--model", missingModel.toString(), "--input", images.toString(),
        "--csv", dir.resolve("x.csv").toString()), 1, "cannot load --model " + missingModel, "no such model file");
    Path notAModel = Files.writeString(dir.resolve("notes.scmodel"), "hello");
    assertOneLineError(CliRun.of("evaluate", "--model", notAModel.toString(), "--data", "shapes", "--out",
        dir.resolve("o").toString()), 1, notAModel.toString(), "is not a Self-Classifier model file");

    Path noData = dir.resolve("no-such-folder");
    assertOneLineError(CliRun.of("train", "--data", noData.toString(), "--out", dir.resolve("o").toString()), 1,
        "no such image folder: " + noData, "fashion-mnist");
    assertOneLineError(CliRun.of("train", "--data", "shapes:big", "--out", dir.resolve("o").toString()), 2,
        "--data", "'shapes' takes no folder");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertOneLineError(CliRun.of("train", "--data", empty.toString(), "--out", dir.resolve("o").toString()), 1,
        "no image files in " + empty);
    assertOneLineError(CliRun.of(trainArgs(dir.resolve("o"), "--batch-size", "100")), 1,
        "larger than the 80 training images");
    assertOneLineError(CliRun.of(trainArgs(dir.resolve("o"), "--devices", "cpu,tpu0")), 2,
        "unknown device 'tpu0'");
    assertOneLineError(CliRun.of(trainArgs(dir.resolve("o"), "--devices", "gpu9")), 1,
        "--devices gpu9: PyTorch sees", "GPU");

    assertOneLineError(CliRun.of("evaluate", "--model", modelFile, "--data", images.toString(), "--unlabelled",
        "--out", dir.resolve("o").toString()), 1, "evaluate needs the true classes", "has no labels");
    assertOneLineError(CliRun.of("evaluate", "--model", modelFile, "--data", "fashion-mnist", "--image-size", "32",
        "--out", dir.resolve("o").toString()), 1, "the model takes 1x28x28 images");
    assertOneLineError(CliRun.of("evaluate", "--model", modelFile, "--data", images.toString(), "--head", "2",
        "--out", dir.resolve("o").toString()), 1, "--head 2", "has 2 heads, 0 to 1");
    assertOneLineError(CliRun.of("evaluate", "--model", modelFile, "--data", images.toString(), "--head", "1",
        "--all-heads", "--out", dir.resolve("o").toString()), 2, "--head or --all-heads");

    assertOneLineError(CliRun.of("predict", "--engine", "TensorFlow", "--model", modelFile, "--input",
        images.toString()), 2, "unknown engine 'TensorFlow'", "PyTorch, MXNet");
    assertOneLineError(CliRun.of("predict", "--model", modelFile, "--input", images.toString()), 2,
        "is a folder: give --csv FILE, --json FILE or both");
    assertOneLineError(CliRun.of("predict", "--model", modelFile, "--input", dir.resolve("cat.jpg").toString()),
        1, "no such image file or folder: --input " + dir.resolve("cat.jpg"));
    assertOneLineError(CliRun.of("train", "--data", "shapes", "--out", dir.resolve("o").toString(), "--preset",
        "huge"), 2, "unknown preset 'huge': expected small, fashion-mnist or imagenet");
  }

  @Test
  void helpOfEachCommandHasItsOptionsAndAnExample() {
    Map<String, List<String>> expected = Map.of(
        "train", List.of("--data", "--out", "--epochs", "--batch-size", "--lr", "--preset", "--devices",
            "--checkpoint-every", "--engine", "--heads", "resumes", "java -jar selfclassifier.jar train"),
        "evaluate", List.of("--model", "--data", "--head", "--all-heads", "--superclasses", "--hierarchy",
            "--level", "--grid-rows", "report.html", "predictions.csv", "java -jar selfclassifier.jar evaluate"),
        "predict", List.of("--model", "--input", "--csv", "--json", "--head", "--top",
            "java -jar selfclassifier.jar predict"));
    expected.forEach((command, fragments) -> {
      CliRun help = CliRun.of(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains(fragments).contains("Exit status:");
      assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    });
    assertThat(CliRun.of("--help").out()).contains("train", "evaluate", "predict");
  }
}
