package io.github.selfclassifier.djl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveChartTest {

  @Test
  void dotsSitAtTheirCoordinatesInTheirSeriesColour(@TempDir Path dir) throws Exception {
    double[] minutes = {0.5, 1.5, 3.0};
    LearningCurveChart chart = new LearningCurveChart("t", "minutes", "score")
        .addSeries("NMI", minutes, new double[] {0.2, 0.5, 0.7})
        .addSeries("ACC", minutes, new double[] {0.1, 0.3, 0.9});
    Path file = dir.resolve("sub/curve.png");
    chart.writePng(file);
    BufferedImage image = ImageIO.read(file.toFile());

    assertThat(image.getWidth()).isEqualTo(LearningCurveChart.WIDTH);
    // x max is 3.0, so the last point sits at the right edge of the plot area
    assertThat(LearningCurveChart.px(3.0, 3.0))
        .isEqualTo(LearningCurveChart.WIDTH - LearningCurveChart.RIGHT);
    assertThat(LearningCurveChart.py(1.0)).isEqualTo(LearningCurveChart.TOP);
    double[][] acc = {{0.5, 0.1}, {1.5, 0.3}, {3.0, 0.9}};
    for (double[] p : acc) {
      int rgb = image.getRGB(LearningCurveChart.px(p[0], 3.0), LearningCurveChart.py(p[1])) & 0xFFFFFF;
      assertThat(rgb).isEqualTo(LearningCurveChart.PALETTE[1].getRGB() & 0xFFFFFF);
    }
    int nmi = image.getRGB(LearningCurveChart.px(0.5, 3.0), LearningCurveChart.py(0.2)) & 0xFFFFFF;
    assertThat(nmi).isEqualTo(LearningCurveChart.PALETTE[0].getRGB() & 0xFFFFFF);
    // far from every point and line: background
    assertThat(image.getRGB(LearningCurveChart.px(2.9, 3.0), LearningCurveChart.py(0.05)) & 0xFFFFFF)
        .isEqualTo(0xFFFFFF);
  }

  @Test
  void rejectsMismatchedAndOutOfRangeSeries() {
    LearningCurveChart chart = new LearningCurveChart("t", "x", "y");
    assertThatThrownBy(() -> chart.addSeries("a", new double[] {1, 2}, new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x, 1 y");
    assertThatThrownBy(() -> chart.addSeries("b", new double[] {1}, new double[] {1.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b' point 0");
    assertThatThrownBy(() -> chart.addSeries("c", new double[] {Double.NaN}, new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
