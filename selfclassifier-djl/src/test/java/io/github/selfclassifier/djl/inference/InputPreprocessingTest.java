package io.github.selfclassifier.djl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preprocessing equals the image-folder loader's pixels; configs read back from checkpoint descriptions. */
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
  void configsReadBackFromTheirCheckpointDescriptions() {
    ModelConfig custom = ModelConfig.smallGrayscaleBuilder().optBackboneWidth(8).optClassesPerHead(List.of(3))
        .optMlpLayers(1).optMlpBatchNorm(false).optFixedClassifierGains(true).optNormEps(3e-5).build();
    for (ModelConfig config : List.of(ModelConfig.paperDefaults(), ModelConfig.smallGrayscale(), custom,
        SelfClassifierModelFileTest.CONFIG)) {
      assertThat(ConfigDescriptions.modelConfig(config.toString())).isEqualTo(config);
    }
    AugmentationConfig bilinear = AugmentationConfig.imagenet().toBuilder().optGlobalCropSize(64)
        .optInterpolation(Interpolation.BILINEAR).build();
    for (AugmentationConfig aug : List.of(AugmentationConfig.imagenet(), AugmentationConfig.grayscale28(),
        bilinear)) {
      assertThat(ConfigDescriptions.preprocessing(aug.toString())).isEqualTo(InputPreprocessing.fromAugmentation(aug));
    }
    assertThat(InputPreprocessing.fromAugmentation(bilinear).size()).isEqualTo(64);
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
