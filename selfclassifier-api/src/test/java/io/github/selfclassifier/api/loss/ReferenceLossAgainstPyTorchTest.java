package io.github.selfclassifier.api.loss;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the reference with PyTorch's float64 autograd of the same formula: fixtures written by
 * {@code src/test/resources/loss/make_loss_fixtures.py}.
 */
class ReferenceLossAgainstPyTorchTest {
  private static final double TOLERANCE = 1e-10;

  /** One fixture case, as the script writes it. */
  record FixtureCase(String name, double rowTemperature, double columnTemperature, double eps,
      double[][][][] logits, double loss, double[][][][] gradient) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<FixtureCase> cases() throws IOException {
    try (InputStream in = Objects.requireNonNull(
            ReferenceLossAgainstPyTorchTest.class.getResourceAsStream("/loss/loss_fixtures.json"),
            "loss_fixtures.json on the test class path");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Gson gson = new Gson();
      JsonObject root = gson.fromJson(reader, JsonObject.class);
      List<FixtureCase> cases = new ArrayList<>();
      root.getAsJsonArray("cases").forEach(e -> cases.add(gson.fromJson(e, FixtureCase.class)));
      return cases;
    }
  }

  @Test
  void fixturesCoverTheCasesThatMatter() throws IOException {
    List<FixtureCase> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(6);
    assertThat(cases).anyMatch(c -> c.logits().length >= 3);
    assertThat(cases).anyMatch(c -> c.logits()[0].length >= 6);
    assertThat(cases).anyMatch(c -> c.logits()[0][0].length < c.logits()[0][0][0].length);
    assertThat(cases).anyMatch(c -> LossTestData.maxAbs(c.logits()) > 9e3);
    assertThat(cases).anyMatch(c -> c.eps() != LossConfig.DEFAULT_EPS);
  }

  static Stream<FixtureCase> fixtureCases() throws IOException {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureCases")
  void valueAndGradientMatchPyTorchAutograd(FixtureCase fixture) {
    LossConfig config = LossConfig.builder()
        .optRowTemperature(fixture.rowTemperature())
        .optColumnTemperature(fixture.columnTemperature())
        .optEps(fixture.eps())
        .build();
    ReferenceSelfClassifierLoss.ValueAndGradient result =
        new ReferenceSelfClassifierLoss(config).valueAndGradient(fixture.logits());

    assertThat(Math.abs(result.value() - fixture.loss()) / Math.abs(fixture.loss()))
        .as("relative error of the value %s vs %s", result.value(), fixture.loss())
        .isLessThan(TOLERANCE);
    double scale = LossTestData.maxAbs(fixture.gradient());
    assertThat(scale).isPositive();
    double elementwise = LossTestData.maxAbsDifference(result.gradient(), fixture.gradient()) / scale;
    double normwise = LossTestData.normOfDifference(result.gradient(), fixture.gradient())
        / LossTestData.norm(fixture.gradient());
    System.out.printf("%s: value rel %.2e, gradient max-elem rel %.2e, norm rel %.2e%n", fixture.name(),
        Math.abs(result.value() - fixture.loss()) / Math.abs(fixture.loss()), elementwise, normwise);
    assertThat(elementwise).as("max |g - g_torch| / max |g_torch|").isLessThan(TOLERANCE);
    assertThat(normwise).as("||g - g_torch|| / ||g_torch||").isLessThan(TOLERANCE);
  }
}
