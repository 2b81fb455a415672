package io.github.selfclassifier.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class WarmupCosineScheduleTest {

  @Test
  void smallCaseEqualsValuesComputedByHand() {
    // start 0.1, base 1, final 0.01, W = 4, N = 10:
    // warm-up linspace(0.1, 1, 4) = 0.1, 0.4, 0.7, 1; then 0.01 + 0.495 (1 + cos(pi t / 6)), t = 0..5
    WarmupCosineSchedule s =
        WarmupCosineSchedule.builder()
            .optStartValue(0.1)
            .optBaseValue(1.0)
            .optFinalValue(0.01)
            .optWarmupSteps(4)
            .setTotalSteps(10)
            .build();
    double[] expected = {
      0.1, 0.4, 0.7, 1.0,
      1.0, 0.01 + 0.495 * (1 + Math.sqrt(3) / 2), 0.7525, 0.505, 0.2575, 0.01 + 0.495 * (1 - Math.sqrt(3) / 2)
    };
    for (int step = 0; step < expected.length; step++) {
      assertThat(s.at(step)).as("step %d", step).isCloseTo(expected[step], within(1e-15));
    }
    assertThat(s.at(0)).as("step 0 is the start value exactly").isEqualTo(0.1);
    assertThat(s.at(3)).as("the last warm-up step is the base value exactly").isEqualTo(1.0);
  }

  @Test
  void paperWarmupStartsAtTheStartValueNotOneIncrementLater() {
    // DJL's WarmUpTracker is one increment ahead: 0.45 at step 0 of a 30-step 0.3 -> 4.8 warm-up
    WarmupCosineSchedule s = WarmupCosineSchedule.builder().optWarmupSteps(10).setTotalSteps(100).build();
    assertThat(s.at(0)).isEqualTo(0.3);
    assertThat(s.at(1)).isCloseTo(0.8, within(1e-15));
    assertThat(s.at(9)).isEqualTo(4.8);
    assertThat(s.at(10)).as("first decay step is the base value").isEqualTo(4.8);
  }

  @Test
  void everyStepEqualsTheReferenceNumpySchedule() throws IOException {
    List<String[]> rows = fixtureRows();
    assertThat(rows).hasSizeGreaterThan(50);
    String currentCase = "";
    WarmupCosineSchedule s = null;
    double maxRelative = 0;
    for (String[] r : rows) {
      if (!r[0].equals(currentCase)) {
        currentCase = r[0];
        s =
            WarmupCosineSchedule.builder()
                .optStartValue(Double.parseDouble(r[1]))
                .optBaseValue(Double.parseDouble(r[2]))
                .optFinalValue(Double.parseDouble(r[3]))
                .optWarmupSteps(Long.parseLong(r[4]))
                .setTotalSteps(Long.parseLong(r[5]))
                .build();
      }
      long step = Long.parseLong(r[6]);
      double expected = Double.parseDouble(r[7]);
      double actual = s.at(step);
      maxRelative = Math.max(maxRelative, Math.abs(actual - expected) / Math.abs(expected));
      assertThat(actual).as("%s step %d", currentCase, step).isCloseTo(expected, within(1e-14 * expected));
    }
    // cos of libm and StrictMath may differ in the last bit; (1 + cos) near cos = -1 amplifies that
    assertThat(maxRelative).isLessThan(1e-14);
  }

  @Test
  void epochsSetBothStepCountsAsTheReference() {
    WarmupCosineSchedule s = WarmupCosineSchedule.builder().setEpochs(800, 10, 312).build();
    assertThat(s.totalSteps()).isEqualTo(800L * 312);
    assertThat(s.warmupSteps()).isEqualTo(10L * 312);
    assertThat(s.at(0)).isEqualTo(0.3);
    assertThat(s.at(3119)).isEqualTo(4.8);
    assertThat(s.at(s.totalSteps() - 1)).isGreaterThan(0.0048).isLessThan(0.00481);
  }

  @Test
  void stepsPastTheEndKeepTheLastValueAndNegativeStepsAreRejected() {
    WarmupCosineSchedule s = WarmupCosineSchedule.builder().optWarmupSteps(2).setTotalSteps(5).build();
    assertThat(s.at(5)).isEqualTo(s.at(4));
    assertThat(s.at(Long.MAX_VALUE)).isEqualTo(s.at(4));
    assertThatThrownBy(() -> s.at(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> WarmupCosineSchedule.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalSteps");
    assertThatThrownBy(() -> WarmupCosineSchedule.builder().setTotalSteps(5).optWarmupSteps(6).build())
        .hasMessageContaining("warmupSteps");
    assertThatThrownBy(() -> WarmupCosineSchedule.builder().setTotalSteps(5).optBaseValue(Double.NaN).build())
        .hasMessageContaining("baseValue");
    assertThatThrownBy(() -> WarmupCosineSchedule.builder().setTotalSteps(5).optFinalValue(-1).build())
        .hasMessageContaining("finalValue");
    assertThatThrownBy(() -> WarmupCosineSchedule.builder().setEpochs(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalSettingsGiveEqualSchedules() {
    WarmupCosineSchedule a = WarmupCosineSchedule.builder().setTotalSteps(7).optWarmupSteps(2).build();
    WarmupCosineSchedule b = WarmupCosineSchedule.builder().optWarmupSteps(2).setTotalSteps(7).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("warmupSteps=2");
  }

  private static List<String[]> fixtureRows() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    WarmupCosineScheduleTest.class.getResourceAsStream("/optim/warmup_cosine_schedule.csv")),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("case,")) {
          continue;
        }
        rows.add(line.split(","));
      }
    }
    return rows;
  }
}
