package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderDataset;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import io.github.selfclassifier.djl.eval.ExtractedFeatures;
import io.github.selfclassifier.djl.eval.ExtractedOutput;
import io.github.selfclassifier.djl.eval.ExtractionProgressListener;
import io.github.selfclassifier.djl.eval.FeatureExtractor;
import io.github.selfclassifier.djl.eval.FloatMatrix;
import io.github.selfclassifier.djl.eval.KMeans;
import io.github.selfclassifier.djl.eval.KMeansResult;
import io.github.selfclassifier.djl.eval.KnnResult;
import io.github.selfclassifier.djl.eval.LinearProbe;
import io.github.selfclassifier.djl.eval.LinearProbeResult;
import io.github.selfclassifier.djl.eval.WeightedKnnClassifier;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code knn}, {@code linear-probe} and {@code kmeans} run in-process with the tiny model of {@link
 * TinyTrainedModel}, its 80 training shape images and 80 other shape images of the same classes as test set.
 * Each result is compared with the library run directly: {@link FeatureExtractor} on the same model file and the
 * images read by {@link ImageFolder} (not by the command's data code), then {@link WeightedKnnClassifier},
 * {@link LinearProbe} or {@link KMeans}. PyTorch only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenFeatureCommandsTest {
  private static final int BATCH = 16;

  private Path dir;
  private TinyTrainedModel fixture;
  private Path testImages;
  private SelfClassifierModel model;
  private ImageFolderDataset train;
  private ImageFolderDataset test;
  private final Map<List<Object>, FloatMatrix> extracted = new HashMap<>();

  @BeforeAll
  void trainOnce(@TempDir Path classDir) throws IOException {
    dir = classDir;
    fixture = TinyTrainedModel.train(dir);
    testImages = dir.resolve("test-images");
    TestImageFolders.writeShapes(testImages, 78);
    model = SelfClassifierModelFile.load(fixture.modelFile(), "PyTorch");
    train = read(fixture.images());
    test = read(testImages);
  }

  @AfterAll
  void closeModel() {
    if (model != null) {
      model.close();
    }
  }

  private static ImageFolderDataset read(Path folder) throws IOException {
    return ImageFolder.load(folder, ImageFolderOptions.builder().setSize(28).optChannels(1).build());
  }

  /** The features as the library extracts them from the model file, in the folder's order (memoised). */
  private FloatMatrix features(ImageFolderDataset images, ExtractedOutput output) {
    return extracted.computeIfAbsent(List.of(images, output), key -> extract(images, output));
  }

  private FloatMatrix extract(ImageFolderDataset images, ExtractedOutput output) {
    FeatureExtractor extractor = FeatureExtractor.builder()
        .setModel(model.block())
        .setManager(model.djlModel().getNDManager())
        .setNormalization(model.preprocessing().mean(), model.preprocessing().std())
        .optBatchSize(BATCH)
        .optOutputs(EnumSet.of(output))
        .optListener(ExtractionProgressListener.silent())
        .build();
    ExtractedFeatures all = extractor.extract(images.images());
    return (output == ExtractedOutput.BACKBONE_FEATURES ? all.backboneFeatures() : all.embeddings()).orElseThrow();
  }

  private static int[] labels(ImageFolderDataset d) {
    return d.images().labels().orElseThrow();
  }

  private static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith(SelfClassifierCli.ERROR_PREFIX).contains(fragments);
  }

  // ---- knn ----

  @Test
  void knnPrintsAndWritesTheAccuracyOfTheClassifierOnTheExtractedBackboneFeatures() throws IOException {
    Path jsonFile = dir.resolve("knn/knn.json");
    CliRun knn = CliRun.of("knn", "--model", fixture.modelFile().toString(), "--train-data",
        fixture.images().toString(), "--test-data", testImages.toString(), "--k", "5", "--temperature", "0.1",
        "--batch-size", String.valueOf(BATCH), "--json", jsonFile.toString());
    assertThat(knn.exitCode()).as(knn.err()).isZero();
    assertThat(knn.err()).isEmpty();

    FloatMatrix trainFeatures = features(train, ExtractedOutput.BACKBONE_FEATURES);
    KnnResult expected = WeightedKnnClassifier.builder().optK(5).optTemperature(0.1).build()
        .evaluate(trainFeatures, labels(train), features(test, ExtractedOutput.BACKBONE_FEATURES), labels(test));
    assertThat(knn.out()).contains(
        "Training images: image folder " + fixture.images() + ": 80 images of 1x28x28, 10 classes",
        "Test images: image folder " + testImages + ": 80 images",
        String.format(Locale.ROOT, "k-NN on backbone features (%d dimensions), k=5, T=0.1, 80 training images,"
            + " 80 test images:", trainFeatures.cols()),
        String.format(Locale.ROOT, "top-1  %.4f%n", expected.top1()),
        String.format(Locale.ROOT, "top-5  %.4f%n", expected.top5()));
    JsonObject o = json(jsonFile);
    assertThat(o.get("top1").getAsDouble()).isEqualTo(expected.top1());
    assertThat(o.get("top5").getAsDouble()).isEqualTo(expected.top5());
    assertThat(o.get("k").getAsInt()).isEqualTo(5);
    assertThat(o.get("temperature").getAsDouble()).isEqualTo(0.1);
    assertThat(o.get("features").getAsString()).isEqualTo("backbone");
    assertThat(o.get("featureDimension").getAsInt()).isEqualTo(trainFeatures.cols());
    assertThat(o.get("leaveOneOut").getAsBoolean()).isFalse();
    assertThat(o.get("testData").getAsString()).isEqualTo(testImages.toString());
    assertThat(o.get("trainImages").getAsInt()).isEqualTo(80);
    assertThat(o.get("evaluatedImages").getAsInt()).isEqualTo(80);
  }

  @Test
  void knnWithoutTestDataIsLeaveOneOutOnTheTrainingImages() throws IOException {
    Path jsonFile = dir.resolve("knn-loo.json");
    // the training output folder stands for its model
    CliRun knn = CliRun.of("knn", "--model", fixture.run().toString(), "--train-data", fixture.images().toString(),
        "--features", "embedding", "--k", "3", "--json", jsonFile.toString());
    assertThat(knn.exitCode()).as(knn.err()).isZero();

    KnnResult expected = WeightedKnnClassifier.builder().optK(3).build()
        .evaluateLeaveOneOut(features(train, ExtractedOutput.EMBEDDING), labels(train));
    assertThat(knn.out()).contains("No --test-data: leave-one-out on the training images",
        "leave-one-out on 80 training images:", String.format(Locale.ROOT, "top-1  %.4f%n", expected.top1()));
    JsonObject o = json(jsonFile);
    assertThat(o.get("leaveOneOut").getAsBoolean()).isTrue();
    assertThat(o.get("testData").isJsonNull()).isTrue();
    assertThat(o.get("features").getAsString()).isEqualTo("embedding");
    assertThat(o.get("top1").getAsDouble()).isEqualTo(expected.top1());
    assertThat(o.get("top5").getAsDouble()).isEqualTo(expected.top5());
  }

  @Test
  void knnMatchesTestClassesToTrainingClassesByName() throws IOException {
    // a test folder of two classes only: its own labels are 0 and 1, the training set's are 3 and 7
    Path twoClasses = dir.resolve("two-classes");
    for (int c : new int[] {3, 7}) {
      Path from = testImages.resolve(TestImageFolders.classFolder(c));
      Path to = Files.createDirectories(twoClasses.resolve(TestImageFolders.classFolder(c)));
      try (var files = Files.list(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    Path jsonFile = dir.resolve("knn-two.json");
    CliRun knn = CliRun.of("knn", "--model", fixture.modelFile().toString(), "--train-data",
        fixture.images().toString(), "--test-data", twoClasses.toString(), "--k", "5", "--json",
        jsonFile.toString());
    assertThat(knn.exitCode()).as(knn.err()).isZero();

    ImageFolderDataset subset = read(twoClasses);
    int[] truth = subset.files().stream().mapToInt(f -> TestImageFolders.classOf(twoClasses, f)).toArray();
    assertThat(truth).containsOnly(3, 7);
    KnnResult expected = WeightedKnnClassifier.builder().optK(5).build().evaluate(
        features(train, ExtractedOutput.BACKBONE_FEATURES), labels(train),
        features(subset, ExtractedOutput.BACKBONE_FEATURES), truth);
    assertThat(json(jsonFile).get("top1").getAsDouble()).isEqualTo(expected.top1());
    assertThat(json(jsonFile).get("evaluatedImages").getAsInt()).isEqualTo(truth.length);
  }

  // ---- linear-probe ----

  @Test
  void linearProbePrintsAndWritesTheAccuracyOfTheProbeOnTheExtractedFeatures() throws IOException {
    Path jsonFile = dir.resolve("probe.json");
    CliRun probe = CliRun.of("linear-probe", "--model", fixture.modelFile().toString(), "--train-data",
        fixture.images().toString(), "--test-data", testImages.toString(), "--features", "embedding", "--l2",
        "0.001", "--max-iterations", "40", "--json", jsonFile.toString());
    assertThat(probe.exitCode()).as(probe.err()).isZero();
    assertThat(probe.err()).isEmpty();

    LinearProbeResult expected = LinearProbe.builder().optL2(0.001).optMaxIterations(40).build().evaluate(
        features(train, ExtractedOutput.EMBEDDING), labels(train), features(test, ExtractedOutput.EMBEDDING),
        labels(test));
    assertThat(probe.out()).contains(
        String.format(Locale.ROOT, "train top-1  %.4f  (80 images)", expected.trainTop1()),
        String.format(Locale.ROOT, "test top-1   %.4f  (80 images)", expected.testTop1()),
        String.format(Locale.ROOT, "%d L-BFGS iterations", expected.model().iterations()));
    JsonObject o = json(jsonFile);
    assertThat(o.get("trainTop1").getAsDouble()).isEqualTo(expected.trainTop1());
    assertThat(o.get("testTop1").getAsDouble()).isEqualTo(expected.testTop1());
    assertThat(o.get("iterations").getAsInt()).isEqualTo(expected.model().iterations());
    assertThat(o.get("converged").getAsBoolean()).isEqualTo(expected.model().converged());
    assertThat(o.get("l2").getAsDouble()).isEqualTo(0.001);
    assertThat(o.get("maxIterations").getAsInt()).isEqualTo(40);
    assertThat(o.get("features").getAsString()).isEqualTo("embedding");
    assertThat(o.get("classes").getAsInt()).isEqualTo(10);
  }

  // ---- kmeans ----

  /** Raw pixels as the k-means baseline defines them: byte / 255 in CHW order, one row per image. */
  private static FloatMatrix pixels(ByteImageSet images) {
    int dim = images.channels() * images.height() * images.width();
    float[][] rows = new float[images.size()][dim];
    for (int i = 0; i < images.size(); i++) {
      for (int y = 0; y < images.height(); y++) {
        for (int x = 0; x < images.width(); x++) {
          rows[i][y * images.width() + x] = images.pixel(i, 0, y, x) / 255f;
        }
      }
    }
    return FloatMatrix.ofRows(rows);
  }

  @Test
  void kmeansOnPixelsEqualsKMeansOnThePixelMatrixAndScoresItsCsvAssignments() throws IOException {
    Path csv = dir.resolve("kmeans/clusters.csv");
    Path jsonFile = dir.resolve("kmeans/kmeans.json");
    CliRun km = CliRun.of("kmeans", "--data", fixture.images().toString(), "--image-size", "28", "--channels", "1",
        "--features", "pixels", "--seed", "7", "--restarts", "3", "--csv", csv.toString(), "--json",
        jsonFile.toString());
    assertThat(km.exitCode()).as(km.err()).isZero();
    assertThat(km.err()).isEmpty();

    // k defaults to the 10 classes
    KMeansResult expected = KMeans.builder().setClusters(10).optSeed(7).optRestarts(3).build()
        .fit(pixels(train.images()));
    assertThat(TestCsv.header(csv)).isEqualTo("index,path,label,class,cluster");
    List<String[]> rows = TestCsv.rows(csv);
    assertThat(rows).hasSize(80);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(Integer.parseInt(rows.get(i)[0])).isEqualTo(i);
      assertThat(fixture.images().resolve(rows.get(i)[1])).isEqualTo(train.files().get(i));
    }
    int[] truth = TestCsv.column(rows, 2);
    int[] clusters = TestCsv.column(rows, 4);
    assertThat(truth).containsExactly(labels(train));
    assertThat(clusters).containsExactly(expected.labels());

    ClusteringScores s = new ExactClusterMetrics().scores(truth, clusters, MetricsOptions.defaults());
    assertThat(km.out()).contains("k-means on raw pixels (784 values per image), k=10 (the number of classes),"
            + " 3 restarts, seed 7",
        String.format(Locale.ROOT, "NMI  %.4f%nAMI  %.4f%nARI  %.4f%nACC  %.4f%n", s.nmi(), s.ami(), s.ari(),
            s.acc()));
    JsonObject o = json(jsonFile);
    assertThat(o.get("nmi").getAsDouble()).isEqualTo(s.nmi());
    assertThat(o.get("ami").getAsDouble()).isEqualTo(s.ami());
    assertThat(o.get("ari").getAsDouble()).isEqualTo(s.ari());
    assertThat(o.get("acc").getAsDouble()).isEqualTo(s.acc());
    assertThat(o.get("inertia").getAsDouble()).isEqualTo(expected.inertia());
    assertThat(o.get("k").getAsInt()).isEqualTo(10);
    assertThat(o.get("seed").getAsLong()).isEqualTo(7);
    assertThat(o.get("features").getAsString()).isEqualTo("pixels");
    assertThat(o.get("model").isJsonNull()).isTrue();
  }

  @Test
  void kmeansWithAModelClustersItsExtractedEmbeddings() throws IOException {
    Path jsonFile = dir.resolve("kmeans-model.json");
    CliRun km = CliRun.of("kmeans", "--data", fixture.images().toString(), "--model", fixture.modelFile().toString(),
        "--features", "embedding", "--k", "4", "--restarts", "2", "--batch-size", String.valueOf(BATCH), "--json",
        jsonFile.toString());
    assertThat(km.exitCode()).as(km.err()).isZero();

    KMeansResult expected = KMeans.builder().setClusters(4).optRestarts(2).build()
        .fit(features(train, ExtractedOutput.EMBEDDING));
    ClusteringScores s = new ExactClusterMetrics().scores(labels(train), expected.labels(), MetricsOptions.defaults());
    JsonObject o = json(jsonFile);
    assertThat(o.get("inertia").getAsDouble()).isEqualTo(expected.inertia());
    assertThat(o.get("nmi").getAsDouble()).isEqualTo(s.nmi());
    assertThat(o.get("acc").getAsDouble()).isEqualTo(s.acc());
    assertThat(o.get("featureDimension").getAsInt()).isEqualTo(model.modelConfig().embeddingDim());
    assertThat(km.out()).contains("k-means on embeddings", "k=4, 2 restarts, seed 0");
  }

  // ---- errors, help, logging ----

  @Test
  void userErrorsAreOneLineWithTheDocumentedExitCode() throws IOException {
    String modelFile = fixture.modelFile().toString();
    String images = fixture.images().toString();
    Path flat = Files.createDirectories(dir.resolve("flat"));
    for (Path f : fixture.imageFiles().subList(0, 12)) {
      Files.copy(f, flat.resolve(f.getFileName()));
    }

    // unlabelled data
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", flat.toString()), 1,
        "knn needs the true classes", "--train-data " + flat, "has no labels");
    assertOneLineError(CliRun.of("linear-probe", "--model", modelFile, "--train-data", images, "--test-data",
        flat.toString()), 1, "linear-probe needs the true classes", "--test-data " + flat);
    assertOneLineError(CliRun.of("kmeans", "--data", flat.toString(), "--image-size", "28"), 2,
        "has no labels", "give --k N");
    // classes of the test set that the training set lacks
    Path otherClass = Files.createDirectories(dir.resolve("other-class/zebra"));
    Files.copy(fixture.imageFiles().get(0), otherClass.resolve("z.png"));
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--test-data",
        otherClass.getParent().toString()), 1, "class 'zebra'", "is not a class of --train-data");

    // features
    assertOneLineError(CliRun.of("kmeans", "--data", "shapes", "--features", "backbone"), 2,
        "--features backbone", "give --model FILE");
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--features", "pixels"), 2,
        "'pixels' is for 'selfclassifier kmeans'");
    assertOneLineError(CliRun.of("kmeans", "--data", "shapes", "--features", "colour"), 2,
        "unknown features 'colour'");

    // k
    assertOneLineError(CliRun.of("kmeans", "--data", "shapes", "--k", "0"), 2, "--k must be at least 1, got 0");
    assertOneLineError(CliRun.of("kmeans", "--data", "shapes", "--k=-3"), 2, "--k must be at least 1, got -3");
    assertOneLineError(CliRun.of("kmeans", "--data", images, "--image-size", "28", "--k", "81"), 1,
        "--k 81 is more than the 80 images", "at most --k 80");
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--k", "0"), 2,
        "--k must be at least 1, got 0");
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--test-data",
        testImages.toString(), "--k", "81"), 1, "--k 81 is more than the 80 training images");
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--k", "80"), 1,
        "--k 80 is more than the 79 other training images");

    // other options
    assertOneLineError(CliRun.of("linear-probe", "--model", modelFile, "--train-data", images), 2,
        "Missing required option: '--test-data=SOURCE'");
    assertOneLineError(CliRun.of("linear-probe", "--model", modelFile, "--train-data", images, "--test-data",
        images, "--l2", "-1"), 2, "--l2 must be 0 or more");
    assertOneLineError(CliRun.of("knn", "--model", modelFile, "--train-data", images, "--temperature", "0"), 2,
        "--temperature must be positive");
    assertOneLineError(CliRun.of("knn", "--model", modelFile), 2, "--train-data");
  }

  @Test
  void helpOfEachCommandHasItsOptionsAndAnExample() {
    Map<String, List<String>> expected = Map.of(
        "knn", List.of("--model", "--train-data", "--test-data", "--k", "--temperature", "--features",
            "--batch-size", "--json", "--engine", "leave-one-out", "java -jar selfclassifier.jar knn"),
        "linear-probe", List.of("--model", "--train-data", "--test-data", "--features", "--l2", "--max-iterations",
            "--json", "java -jar selfclassifier.jar linear-probe"),
        "kmeans", List.of("--data", "--model", "--k", "--restarts", "--seed", "--features", "pixels", "--csv",
            "--json", "java -jar selfclassifier.jar kmeans"));
    expected.forEach((command, fragments) -> {
      CliRun help = CliRun.of(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains(fragments).contains("Exit status:");
      assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    });
    CliRun top = CliRun.of("--help");
    assertThat(top.out()).contains("knn", "linear-probe", "kmeans");
    assertThat(top.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void theCommandLineLoggingShowsTheFeatureExtractionProgress() {
    // ExtractionProgressListener.logEvery logs through FeatureExtractor's logger at INFO; simplelogger.properties
    // of the command line must let it through to standard error
    assertThat(LoggerFactory.getLogger(FeatureExtractor.class).isInfoEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("ai.djl.some.Library").isInfoEnabled()).isFalse();
  }
}
