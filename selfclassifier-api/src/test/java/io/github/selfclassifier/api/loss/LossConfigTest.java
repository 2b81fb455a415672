package io.github.selfclassifier.api.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LossConfigTest {

  @Test
  void defaultsAreThePapersSettings() {
    LossConfig config = LossConfig.defaults();
    assertThat(config.rowTemperature()).isEqualTo(0.1);
    assertThat(config.columnTemperature()).isEqualTo(0.05);
    assertThat(config.eps()).isEqualTo(1e-12);
    assertThat(LossConfig.builder().build()).isEqualTo(config).hasSameHashCodeAs(config);
  }

  @Test
  void builderSetsEverySettingAndToBuilderRoundTrips() {
    LossConfig config =
        LossConfig.builder().optRowTemperature(0.3).optColumnTemperature(0.2).optEps(1e-6).build();
    assertThat(config.rowTemperature()).isEqualTo(0.3);
    assertThat(config.columnTemperature()).isEqualTo(0.2);
    assertThat(config.eps()).isEqualTo(1e-6);
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config).isNotEqualTo(LossConfig.defaults());
    assertThat(config.toString()).contains("rowTemperature=0.3", "columnTemperature=0.2", "eps=1.0E-6");
  }

  static Stream<Arguments> invalidSettings() {
    DoubleFunction<LossConfig.Builder> row = x -> LossConfig.builder().optRowTemperature(x);
    DoubleFunction<LossConfig.Builder> column = x -> LossConfig.builder().optColumnTemperature(x);
    DoubleFunction<LossConfig.Builder> eps = x -> LossConfig.builder().optEps(x);
    return Stream.of(row, column, eps)
        .flatMap(setter -> Stream.of(0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY)
            .map(value -> Arguments.of(setter, value, setter == row ? "rowTemperature"
                : setter == column ? "columnTemperature" : "eps")));
  }

  @ParameterizedTest(name = "{2} = {1}")
  @MethodSource("invalidSettings")
  void buildRejectsNonPositiveOrNonFiniteSettings(
      DoubleFunction<LossConfig.Builder> setter, double value, String name) {
    assertThatThrownBy(() -> setter.apply(value).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name)
        .hasMessageContaining(String.valueOf(value));
  }
}
