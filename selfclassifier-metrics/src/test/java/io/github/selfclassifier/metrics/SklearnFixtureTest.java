package io.github.selfclassifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import io.github.selfclassifier.metrics.fixtures.LabelGenerator;
import io.github.selfclassifier.metrics.fixtures.LabelGenerator.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExactClusterMetrics} against reference values from scikit-learn 1.2.1 and scipy 1.10.1, stored in
 * {@code fixtures/metrics_fixtures.json} by {@code fixtures/make_metrics_fixtures.py} (which documents the
 * cases, the generator and the ACC definition). The label vectors are not stored: {@link LabelGenerator}
 * regenerates them and the stored checksum proves they are the ones scikit-learn saw. No Python is needed.
 *
 * <p>NMI, AMI and ARI must agree within {@value #TOLERANCE}; ACC and superclass ACC exactly (they are ratios of
 * integers). Where the fixture marks an AMI as {@code ami_unstable} (0/0 in exact arithmetic, so scikit-learn's
 * value is a quotient of rounding errors, e.g. 2.0) the value is only required to be finite and is printed.
 */
class SklearnFixtureTest {
  private static final String RESOURCE = "/fixtures/metrics_fixtures.json";
  private static final double TOLERANCE = 1e-9;

  private final ExactClusterMetrics metrics = new ExactClusterMetrics();

  private static final class Fixtures {
    static final JsonObject ROOT = load();

    private static JsonObject load() {
      try (InputStream in = SklearnFixtureTest.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the test classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          return JsonParser.parseReader(reader).getAsJsonObject();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Stream<Arguments> cases() {
    return StreamSupport.stream(Fixtures.ROOT.getAsJsonArray("cases").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .map(c -> Arguments.of(c.get("name").getAsString(), c));
  }

  @Test
  void fixturesRecordTheirProvenance() {
    JsonObject versions = Fixtures.ROOT.getAsJsonObject("versions");
    assertThat(versions.get("scikit-learn").getAsString()).isEqualTo("1.2.1");
    assertThat(versions.get("scipy").getAsString()).isEqualTo("1.10.1");
    assertThat(Fixtures.ROOT.getAsJsonArray("cases").size()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearn(String name, JsonObject fixture) {
    Labels labels = LabelGenerator.fromCase(fixture);
    assertThat(labels.checksum())
        .as("checksum of the regenerated labels of %s: LabelGenerator out of step with make_metrics_fixtures.py?",
            name)
        .isEqualTo(fixture.get("checksum").getAsLong());
    if (fixture.has("superclass_checksum")) {
      assertThat(labels.superclassChecksum())
          .as("checksum of the superclass mapping of %s", name)
          .isEqualTo(fixture.get("superclass_checksum").getAsLong());
    }
    JsonObject expected = fixture.getAsJsonObject("expected");
    int n = expected.get("n").getAsInt();
    assertThat(labels.truth()).hasSize(n);
    int[] truth = labels.truth();
    int[] pred = labels.predicted();
    Set<String> unstable = new HashSet<>();
    if (expected.has("ami_unstable")) {
      expected.getAsJsonArray("ami_unstable").forEach(e -> unstable.add(e.getAsString()));
    }
    double acc = expected.get("acc_hits").getAsLong() / (double) n;
    SuperclassMapping superclasses =
        labels.superclasses() == null ? null : SuperclassMapping.of(labels.superclasses());

    SoftAssertions softly = new SoftAssertions();
    for (AverageMethod method : AverageMethod.values()) {
      String key = method.name().toLowerCase(Locale.ROOT);
      double nmi = expected.getAsJsonObject("nmi").get(key).getAsDouble();
      double ami = expected.getAsJsonObject("ami").get(key).getAsDouble();
      softly.assertThat(metrics.nmi(truth, pred, method)).as("nmi %s", key).isCloseTo(nmi, within(TOLERANCE));
      checkAmi(softly, name, "ami " + key, metrics.ami(truth, pred, method), ami, unstable.contains(key));

      MetricsOptions options =
          MetricsOptions.builder().optAverageMethod(method).optSuperclasses(superclasses).build();
      ClusteringScores s = metrics.scores(truth, pred, options);
      softly.assertThat(s.n()).as("scores(%s).n", key).isEqualTo(n);
      softly.assertThat(s.classes()).as("scores(%s).classes", key).isEqualTo(expected.get("classes").getAsInt());
      softly.assertThat(s.clusters()).as("scores(%s).clusters", key).isEqualTo(expected.get("clusters").getAsInt());
      softly.assertThat(s.averageMethod()).as("scores(%s).averageMethod", key).isEqualTo(method);
      softly.assertThat(s.nmi()).as("scores(%s).nmi", key).isCloseTo(nmi, within(TOLERANCE));
      checkAmi(softly, name, "scores(" + key + ").ami", s.ami(), ami, unstable.contains(key));
      softly.assertThat(s.ari()).as("scores(%s).ari", key)
          .isCloseTo(expected.get("ari").getAsDouble(), within(TOLERANCE));
      softly.assertThat(s.acc()).as("scores(%s).acc", key).isEqualTo(acc);
      if (superclasses == null) {
        softly.assertThat(s.superclassAcc()).as("scores(%s).superclassAcc", key).isEmpty();
      } else {
        softly.assertThat(s.superclassAcc()).as("scores(%s).superclassAcc", key)
            .hasValue(expected.get("superclass_hits").getAsLong() / (double) n);
      }
    }
    softly.assertThat(metrics.ari(truth, pred)).as("ari")
        .isCloseTo(expected.get("ari").getAsDouble(), within(TOLERANCE));
    softly.assertThat(metrics.accuracy(truth, pred)).as("accuracy (acc_hits %s / n %s)",
        expected.get("acc_hits"), n).isEqualTo(acc);
    softly.assertAll();
  }

  private static void checkAmi(
      SoftAssertions softly, String name, String what, double actual, double expected, boolean unstable) {
    if (unstable) {
      // 0/0 in exact arithmetic: scikit-learn's value is rounding noise, nothing to compare with.
      System.out.printf(
          Locale.ROOT, "%s: %s is 0/0 in exact arithmetic; scikit-learn %s, ExactClusterMetrics %s%n",
          name, what, expected, actual);
      softly.assertThat(actual).as(what).isFinite();
    } else {
      softly.assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE));
    }
  }
}
