package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code selfclassifier metrics} in-process on label files written to a temporary directory. */
class MetricsCommandTest {
  private static final int N = 3000;
  private static final int CLASSES = 20;
  private static final int CLUSTERS = 24;

  @TempDir Path dir;

  private int[] truth;
  private int[] pred;

  /** A noisy clustering: most samples land in their class's cluster, some in a random one. */
  @BeforeEach
  void makeLabels() {
    Random rnd = new Random(20240611);
    truth = new int[N];
    pred = new int[N];
    for (int i = 0; i < N; i++) {
      truth[i] = rnd.nextInt(CLASSES);
      pred[i] = rnd.nextDouble() < 0.7 ? (truth[i] * 7 + 3) % CLUSTERS : rnd.nextInt(CLUSTERS);
    }
  }

  private Path write(String name, int[] labels, IntFunction<String> token) throws IOException {
    List<String> lines = new ArrayList<>(labels.length);
    for (int v : labels) {
      lines.add(token.apply(v));
    }
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static JsonObject json(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines()).hasSize(1);
    return JsonParser.parseString(run.out()).getAsJsonObject();
  }

  private static void assertScores(JsonObject o, ClusteringScores expected) {
    assertThat(o.get("n").getAsInt()).isEqualTo(expected.n());
    assertThat(o.get("classes").getAsInt()).isEqualTo(expected.classes());
    assertThat(o.get("clusters").getAsInt()).isEqualTo(expected.clusters());
    assertThat(o.get("nmi").getAsDouble()).isEqualTo(expected.nmi());
    assertThat(o.get("ami").getAsDouble()).isEqualTo(expected.ami());
    assertThat(o.get("ari").getAsDouble()).isEqualTo(expected.ari());
    assertThat(o.get("acc").getAsDouble()).isEqualTo(expected.acc());
    assertThat(o.get("average_method").getAsString())
        .isEqualTo(expected.averageMethod().name().toLowerCase());
  }

  @Test
  void integerLabelsPrintTheTable() throws IOException {
    Path t = write("truth.txt", truth, Integer::toString);
    Path p = write("pred.txt", pred, Integer::toString);
    CliRun run = CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    ClusteringScores s = new ExactClusterMetrics().scores(truth, pred, MetricsOptions.defaults());
    assertThat(run.out())
        .contains("n               " + N)
        .contains("classes         " + CLASSES)
        .contains("clusters        " + CLUSTERS)
        .contains(String.format(java.util.Locale.ROOT, "NMI             %.6f", s.nmi()))
        .contains(String.format(java.util.Locale.ROOT, "AMI             %.6f", s.ami()))
        .contains(String.format(java.util.Locale.ROOT, "ARI             %.6f", s.ari()))
        .contains(String.format(java.util.Locale.ROOT, "ACC             %.6f", s.acc()))
        .contains("average method  arithmetic")
        .doesNotContain("superclass");
  }

  @Test
  void jsonEqualsTheLibraryOnTheSameArrays() throws IOException {
    Path t = write("truth.txt", truth, Integer::toString);
    Path p = write("pred.txt", pred, Integer::toString);
    JsonObject o = json(CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--json"));
    assertThat(o.keySet())
        .containsExactly("n", "classes", "clusters", "nmi", "ami", "ari", "acc", "average_method");
    assertScores(o, new ExactClusterMetrics().scores(truth, pred, MetricsOptions.defaults()));
  }

  @Test
  void averageMethodIsPassedOn() throws IOException {
    Path t = write("truth.txt", truth, Integer::toString);
    Path p = write("pred.txt", pred, Integer::toString);
    JsonObject o =
        json(
            CliRun.of(
                "metrics", "--truth", t.toString(), "--pred", p.toString(), "--json", "--average", "GEOMETRIC"));
    MetricsOptions geometric = MetricsOptions.builder().optAverageMethod(AverageMethod.GEOMETRIC).build();
    assertScores(o, new ExactClusterMetrics().scores(truth, pred, geometric));
  }

  @Test
  void namesGiveTheSameScoresAsIntegersForTheSamePartition() throws IOException {
    String[] animals = new String[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      animals[c] = "animal_" + (char) ('a' + c);
    }
    Path ti = write("truth-int.txt", truth, Integer::toString);
    Path pi = write("pred-int.txt", pred, Integer::toString);
    Path ts = write("truth-names.txt", truth, c -> animals[c]);
    Path ps = write("pred-names.txt", pred, k -> "cluster-" + (CLUSTERS - k) + "x");
    JsonObject ints = json(CliRun.of("metrics", "--truth", ti.toString(), "--pred", pi.toString(), "--json"));
    JsonObject names = json(CliRun.of("metrics", "--truth", ts.toString(), "--pred", ps.toString(), "--json"));
    JsonObject mixed = json(CliRun.of("metrics", "--truth", ts.toString(), "--pred", pi.toString(), "--json"));
    assertSameScores(names, ints);
    assertSameScores(mixed, ints);
  }

  /**
   * Same partition, other names: counts, ARI and ACC are exact integer arithmetic and must be equal; NMI and
   * AMI are sums of logarithms taken in label order, so renaming may move them by a few ulps.
   */
  private static void assertSameScores(JsonObject actual, JsonObject expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String key : List.of("n", "classes", "clusters", "ari", "acc", "average_method")) {
      assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
    }
    for (String key : List.of("nmi", "ami")) {
      assertThat(actual.get(key).getAsDouble())
          .as(key)
          .isCloseTo(expected.get(key).getAsDouble(), within(1e-12));
    }
  }

  /** The ids the command gives names: 0, 1, 2, ... in order of first appearance (independent of LabelFile). */
  private static int[] idsByFirstAppearance(int[] labels, Map<Integer, Integer> idOfLabel) {
    int[] ids = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      ids[i] = idOfLabel.computeIfAbsent(labels[i], v -> idOfLabel.size());
    }
    return ids;
  }

  @Test
  void commentsBlankLinesAndWhitespaceAreIgnored() throws IOException {
    StringBuilder t = new StringBuilder("# true labels\n\n");
    StringBuilder p = new StringBuilder("# predictions of run 7\n");
    for (int i = 0; i < N; i++) {
      t.append("  ").append(truth[i]).append("\t\n");
      p.append(pred[i]).append(i % 100 == 0 ? "\r\n\n   \n# batch\n" : "\n");
    }
    Path tf = write("truth.txt", t.toString());
    Path pf = write("pred.txt", p.toString());
    JsonObject o = json(CliRun.of("metrics", "--truth", tf.toString(), "--pred", pf.toString(), "--json"));
    assertScores(o, new ExactClusterMetrics().scores(truth, pred, MetricsOptions.defaults()));
  }

  @Test
  void superclassAccuracyWithIntegerLabels() throws IOException {
    Map<Integer, Integer> superOfClass = new HashMap<>();
    StringBuilder supers = new StringBuilder("# fine super\n");
    for (int c = 0; c < CLASSES; c++) {
      superOfClass.put(c, c % 4);
      supers.append(c).append('\t').append(c % 4).append('\n');
    }
    supers.append("999 7\n"); // not a truth label: ignored
    Path t = write("truth.txt", truth, Integer::toString);
    Path p = write("pred.txt", pred, Integer::toString);
    Path s = write("supers.txt", supers.toString());
    JsonObject o =
        json(
            CliRun.of(
                "metrics", "--truth", t.toString(), "--pred", p.toString(), "--superclasses", s.toString(),
                "--json"));
    ClusteringScores expected =
        new ExactClusterMetrics()
            .scores(
                truth,
                pred,
                MetricsOptions.builder().optSuperclasses(SuperclassMapping.of(superOfClass)).build());
    assertThat(o.keySet())
        .containsExactly(
            "n", "classes", "clusters", "nmi", "ami", "ari", "acc", "superclass_acc", "average_method");
    assertThat(o.get("superclass_acc").getAsDouble())
        .isEqualTo(expected.superclassAcc().getAsDouble())
        .isGreaterThan(expected.acc());
    assertScores(o, expected);

    CliRun table =
        CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--superclasses", s.toString());
    assertThat(table.out())
        .contains(
            String.format(java.util.Locale.ROOT, "superclass ACC  %.6f", expected.superclassAcc().getAsDouble()));
  }

  @Test
  void superclassAccuracyWithNames() throws IOException {
    String[] names = new String[CLASSES];
    StringBuilder supers = new StringBuilder();
    for (int c = CLASSES - 1; c >= 0; c--) {
      names[c] = "fine" + c;
      supers.append(names[c]).append("   group").append(c % 4).append('\n');
    }
    Path t = write("truth.txt", truth, c -> names[c]);
    Path p = write("pred.txt", pred, Integer::toString);
    Path s = write("supers.txt", supers.toString());
    JsonObject o =
        json(
            CliRun.of(
                "metrics", "--truth", t.toString(), "--pred", p.toString(), "--superclasses", s.toString(),
                "--json"));
    // The arrays the command scores: names become ids in order of first appearance. (The superclass ACC of
    // clusters left unmatched depends on which label counts as smallest when two classes tie for their
    // majority, so the expectation must use the same ids.)
    Map<Integer, Integer> idOfClass = new LinkedHashMap<>();
    int[] truthIds = idsByFirstAppearance(truth, idOfClass);
    Map<Integer, Integer> superOfId = new HashMap<>();
    idOfClass.forEach((c, id) -> superOfId.put(id, c % 4));
    ClusteringScores expected =
        new ExactClusterMetrics()
            .scores(
                truthIds,
                pred,
                MetricsOptions.builder().optSuperclasses(SuperclassMapping.of(superOfId)).build());
    assertThat(o.get("superclass_acc").getAsDouble()).isEqualTo(expected.superclassAcc().getAsDouble());
    assertScores(o, expected);
  }

  @Test
  void reportListsClustersWithTheOriginalTokens() throws IOException {
    Path t = write("truth.txt", "# t\ncat\ncat\ncat\ndog\ndog\nbird\nbird\n");
    Path p = write("pred.txt", "7\n7\n7\n3\n3\n3\n5\n");
    CliRun run = CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--report");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    int head = lines.indexOf("cluster  size  class  hits  purity  assigned by");
    assertThat(head).isPositive();
    assertThat(lines.subList(head + 1, lines.size()))
        .containsExactly(
            "7           3  cat       3  1.0000  matching",
            "3           3  dog       2  0.6667  matching",
            "5           1  bird      1  1.0000  matching");

    JsonObject o =
        json(CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--report", "--json",
            "--sort", "hits"));
    assertThat(o.get("clusters").getAsInt()).isEqualTo(3);
    JsonObject report = o.getAsJsonObject("report");
    assertThat(report.get("sort").getAsString()).isEqualTo("hits");
    JsonArray rows = report.getAsJsonArray("clusters");
    assertThat(rows).hasSize(3);
    JsonObject first = rows.get(0).getAsJsonObject();
    assertThat(first.get("cluster").getAsString()).isEqualTo("7");
    assertThat(first.get("class").getAsString()).isEqualTo("cat");
    assertThat(first.get("hits").getAsInt()).isEqualTo(3);
    JsonObject second = rows.get(1).getAsJsonObject();
    assertThat(second.get("cluster").getAsString()).isEqualTo("3");
    assertThat(second.get("size").getAsInt()).isEqualTo(3);
    assertThat(second.get("purity").getAsDouble()).isEqualTo(2.0 / 3.0);
    assertThat(second.get("matched").getAsBoolean()).isTrue();
    assertThat(second.get("majority_class").getAsString()).isEqualTo("dog");
    assertThat(second.get("majority_count").getAsInt()).isEqualTo(2);
  }

  @Test
  void overClusteringReportsMajorityAssignments() throws IOException {
    Path t = write("truth.txt", "a\na\na\nb\nb\nb\n");
    Path p = write("pred.txt", "x\nx\ny\nz\nz\nz\n");
    JsonObject o =
        json(CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--report", "--json",
            "--sort", "cluster"));
    JsonArray rows = o.getAsJsonObject("report").getAsJsonArray("clusters");
    assertThat(rows).hasSize(3);
    JsonObject y = rows.get(1).getAsJsonObject();
    assertThat(y.get("cluster").getAsString()).isEqualTo("y");
    assertThat(y.get("class").getAsString()).isEqualTo("a");
    assertThat(y.get("matched").getAsBoolean()).isFalse();
    assertThat(o.get("acc").getAsDouble()).isEqualTo(1.0);
  }

  // ---- errors: non-zero exit, nothing on stdout, one line on stderr naming the problem ----

  private static void assertError(CliRun run, int exitCode, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("selfclassifier: error: ").contains(fragments);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingFileIsARuntimeError() throws IOException {
    Path p = write("pred.txt", "1\n");
    Path missing = dir.resolve("no-such-truth.txt");
    assertError(
        CliRun.of("metrics", "--truth", missing.toString(), "--pred", p.toString()),
        1,
        "--truth file",
        missing.toString(),
        "no such file");
  }

  @Test
  void directoryInsteadOfFileIsARuntimeError() throws IOException {
    Path t = write("truth.txt", "1\n");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", dir.toString()),
        1,
        "--pred file",
        dir.toString(),
        "directory");
  }

  @Test
  void fileWithoutReadPermissionIsARuntimeError() throws IOException {
    Path t = write("truth.txt", "1\n");
    Path locked = write("locked.txt", "1\n");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", locked.toString()),
        1,
        locked.toString(),
        "permission denied");
  }

  @Test
  void emptyFileIsARuntimeError() throws IOException {
    Path t = write("truth.txt", "1\n2\n");
    Path empty = write("pred.txt", "# nothing yet\n\n   \n");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", empty.toString()),
        1,
        "--pred file",
        empty.toString(),
        "no labels");
  }

  @Test
  void differentLabelCountsAreARuntimeErrorNamingBothCountsAndFiles() throws IOException {
    Path t = write("truth.txt", "1\n2\n3\n# end\n");
    Path p = write("pred.txt", "1\n2\n");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString()),
        1,
        t + " has 3 labels",
        p + " has 2");
  }

  @Test
  void unknownFineLabelIsARuntimeErrorNamingTheLabel() throws IOException {
    Path t = write("truth.txt", "cat\ndog\nzebra\n");
    Path p = write("pred.txt", "1\n2\n2\n");
    Path s = write("supers.txt", "cat mammal\ndog mammal\nfish water\n");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--superclasses", s.toString()),
        1,
        s.toString(),
        "'zebra'");
  }

  @Test
  void badAverageIsAUsageError() throws IOException {
    Path t = write("truth.txt", "1\n");
    Path p = write("pred.txt", "1\n");
    assertError(
        CliRun.of("metrics", "--truth", t.toString(), "--pred", p.toString(), "--average", "median"),
        2,
        "--average",
        "'median'",
        "arithmetic, geometric, min or max");
  }

  @Test
  void missingOptionsAndUnknownArgumentsAreUsageErrors() throws IOException {
    Path t = write("truth.txt", "1\n");
    assertError(CliRun.of("metrics", "--truth", t.toString()), 2, "--pred");
    assertError(CliRun.of("metrics", "--truth", t.toString(), "--pred", t.toString(), "--bogus"), 2, "--bogus");
    assertError(CliRun.of("metrics", "--truth", t.toString(), "--pred", t.toString(), "--sort", "x"), 2, "--sort");
    assertError(CliRun.of(), 2, "no command", "metrics");
    assertError(CliRun.of("frobnicate"), 2, "unknown command 'frobnicate'", "metrics");
  }

  // ---- help and version ----

  @Test
  void helpExplainsTheOptionsTheFileFormatAndGivesAnExample() {
    CliRun run = CliRun.of("metrics", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--truth", "--pred", "--superclasses", "--average", "--json", "--report")
        .contains("one label per line", "lines starting with # are ignored", "fine_label super_label")
        .contains("Example:", "java -jar selfclassifier.jar metrics --truth truth.txt --pred pred.txt");
    assertThat(CliRun.of("help", "metrics").out()).isEqualTo(run.out());

    CliRun top = CliRun.of("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Usage: selfclassifier", "metrics", "Score predicted cluster labels");
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("selfclassifier ").doesNotContain("${");
    assertThat(VersionProvider.version()).isNotBlank();
    assertThat(CliRun.of("metrics", "--version").out()).isEqualTo(run.out());
  }

  @Test
  void testsRunTheCompiledClassesNotTheShadedJar() throws Exception {
    // The command runs in-process from target/classes: `mvn test` needs no `package` and no selfclassifier.jar.
    Path location = Path.of(SelfClassifierCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(location).isDirectory();
    assertThat(location.getFileName().toString()).isEqualTo("classes");
  }
}
