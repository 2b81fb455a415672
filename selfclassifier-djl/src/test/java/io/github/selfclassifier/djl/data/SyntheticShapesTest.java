package io.github.selfclassifier.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticShapesTest {

  @Test
  void sameSeedSameImagesOtherSeedOtherImages() {
    ByteImageSet a = SyntheticShapes.generate(5, 10, 32, 3, 42);
    ByteImageSet b = SyntheticShapes.generate(5, 10, 32, 3, 42);
    ByteImageSet c = SyntheticShapes.generate(5, 10, 32, 3, 43);
    float[] x = new float[3 * 32 * 32];
    float[] y = new float[3 * 32 * 32];
    float[] z = new float[3 * 32 * 32];
    for (int i = 0; i < a.size(); i++) {
      a.copyImage(i, x);
      b.copyImage(i, y);
      c.copyImage(i, z);
      assertThat(x).containsExactly(y);
      assertThat(x).isNotEqualTo(z);
      assertThat(a.label(i)).isEqualTo(i % 10);
    }
  }

  @Test
  void shapesAreWhatTheirNamesSay() {
    assertThat(SyntheticShapes.inside(0, 0, 0)).as("disc centre").isTrue();
    assertThat(SyntheticShapes.inside(1, 0, 0)).as("ring centre is empty").isFalse();
    assertThat(SyntheticShapes.inside(1, 0.8, 0)).as("ring band").isTrue();
    assertThat(SyntheticShapes.inside(2, 0.75, 0.75)).as("square corner").isTrue();
    assertThat(SyntheticShapes.inside(0, 0.75, 0.75)).as("disc has no corners").isFalse();
    assertThat(SyntheticShapes.inside(3, 0, 0)).as("frame centre is empty").isFalse();
    assertThat(SyntheticShapes.inside(5, 0.8, 0)).as("plus arm").isTrue();
    assertThat(SyntheticShapes.inside(5, 0.6, 0.6)).as("plus has no diagonal").isFalse();
    assertThat(SyntheticShapes.inside(6, 0.6, 0.6)).as("cross diagonal").isTrue();
    assertThat(SyntheticShapes.inside(9, 0.7, 0.7)).as("diamond has no corners").isFalse();
  }

  @Test
  void classMeansDifferSoTheClassesAreVisible() {
    int size = 24;
    ByteImageSet set = SyntheticShapes.generate(60, 10, size, 1, 7);
    double[][] mean = new double[10][size * size];
    float[] img = new float[size * size];
    for (int i = 0; i < set.size(); i++) {
      set.copyImage(i, img);
      for (int p = 0; p < img.length; p++) {
        mean[set.label(i)][p] += img[p] / 60.0;
      }
    }
    for (int a = 0; a < 10; a++) {
      for (int b = a + 1; b < 10; b++) {
        double d = 0;
        for (int p = 0; p < img.length; p++) {
          d += Math.abs(mean[a][p] - mean[b][p]);
        }
        assertThat(d / img.length).as("classes %d and %d", a, b).isGreaterThan(0.02);
      }
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> SyntheticShapes.generate(1, 11, 32, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classes");
    assertThatThrownBy(() -> SyntheticShapes.generate(1, 3, 32, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
