package io.github.selfclassifier.djl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preprocessing equals the image-folder loader's pixels and follows the training augmentation. */
class InputPreprocessingTest {
  @TempDir Path folder;

  @Test
  void translatorInputIsTheLoadersPixelsNormalised() throws Exception {
    List<BufferedImage> images = SelfClassifierModelFileTest.images();
    for (int i = 0; i < images.size(); i++) {
      ImageIO.write(images.get(i), "png", folder.resolve("img" + i + ".png").toFile());
    }
    InputPreprocessing input = SelfClassifierModelFileTest.INPUT;
    ByteImageSet loaded = ImageFolder.load(folder, ImageFolderOptions.builder().setSize(16).optChannels(3)
        .optLabelled(false).build()).images();
    double[] mean = input.mean();
    double[] std = input.std();
    for (int i = 0; i < images.size(); i++) {
      float[] x = input.toInput(images.get(i));
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 16; y++) {
          for (int xx = 0; xx < 16; xx++) {
            double expected = (loaded.pixel(i, c, y, xx) / 255.0 - mean[c]) / std[c];
            assertThat((double) x[(c * 16 + y) * 16 + xx]).isCloseTo(expected, within(1e-6));
          }
        }
      }
    }
    // an image at the input size: (byte / 255 - mean) / std of its own pixels
    BufferedImage exact = images.get(0);
    float[] x = input.toInput(exact);
    int p = exact.getRGB(5, 7);
    assertThat((double) x[(1 * 16 + 7) * 16 + 5]).isCloseTo((((p >> 8) & 0xff) / 255.0 - 0.4) / 0.2, within(1e-6));
  }

  @Test
  void preprocessingFollowsTheAugmentationAndSurvivesItsJsonForm() {
    AugmentationConfig bilinear = AugmentationConfig.imagenet().toBuilder().optGlobalCropSize(64)
        .optInterpolation(Interpolation.BILINEAR).build();
    InputPreprocessing fromBilinear = InputPreprocessing.fromAugmentation(bilinear);
    assertThat(fromBilinear.size()).isEqualTo(64);
    assertThat(fromBilinear.interpolation()).isEqualTo(Interpolation.BILINEAR);
    assertThat(fromBilinear.mean()).containsExactly(0.485, 0.456, 0.406);
    assertThat(fromBilinear.std()).containsExactly(0.229, 0.224, 0.225);
    InputPreprocessing gray = InputPreprocessing.fromAugmentation(AugmentationConfig.grayscale28());
    assertThat(gray.channels()).isEqualTo(1);
    assertThat(gray.mean()).containsExactly(AugmentationConfig.FASHION_MNIST_MEAN);
    for (InputPreprocessing p : List.of(fromBilinear, gray, SelfClassifierModelFileTest.INPUT,
        InputPreprocessing.fromAugmentation(AugmentationConfig.imagenet()))) {
      assertThat(InputPreprocessing.fromJson(p.toJson())).isEqualTo(p);
    }
    JsonObject noStd = SelfClassifierModelFileTest.INPUT.toJson();
    noStd.remove("std");
    assertThatThrownBy(() -> InputPreprocessing.fromJson(noStd))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'input.std'");
  }

  @Test
  void probabilitiesAreTheSoftmaxOfTheLogits() {
    float[][] logits = {{1f, 3f, -2f}, {0.5f, 0.5f}};
    ClusterPrediction p = ClusterPrediction.fromOutputs(new float[] {0.6f, 0.8f}, logits, 0);
    double z = Math.exp(1) + Math.exp(3) + Math.exp(-2);
    assertThat(p.probabilities(0)).containsExactly(
        new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(3) / z), (float) (Math.exp(-2) / z)},
        within(1e-7f));
    assertThat(p.cluster()).isEqualTo(1);
    assertThat(p.probability()).isCloseTo((float) (Math.exp(3) / z), within(1e-7f));
    // ties go to the first class
    assertThat(p.clusterOfHead(1)).isEqualTo(0);
    assertThat(p.probabilities(1)).containsExactly(0.5f, 0.5f);
  }
}
