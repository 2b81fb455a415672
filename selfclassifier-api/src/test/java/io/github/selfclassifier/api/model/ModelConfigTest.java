package io.github.selfclassifier.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

  @Test
  void defaultsAreThePapers() {
    ModelConfig c = ModelConfig.paperDefaults();
    assertThat(c.backbone()).isEqualTo(BackboneKind.RESNET50);
    assertThat(c.backboneWidth()).isEqualTo(64);
    assertThat(c.backboneFeatureDim()).isEqualTo(2048);
    assertThat(c.backboneTrainable()).isTrue();
    assertThat(c.torchScriptPath()).isEmpty();
    assertThat(c.inputChannels()).isEqualTo(3);
    assertThat(c.inputSize()).isEqualTo(224);
    assertThat(c.mlpHiddenDim()).isEqualTo(4096);
    assertThat(c.mlpLayers()).isEqualTo(2);
    assertThat(c.mlpBatchNorm()).isTrue();
    assertThat(c.embeddingDim()).isEqualTo(128);
    assertThat(c.classesPerHead()).containsExactly(1000, 2000, 4000, 8000);
    assertThat(c.fixedClassifierGains()).isFalse();
    assertThat(c.normEps()).isEqualTo(1e-7);
    assertThat(c).isEqualTo(ModelConfig.builder().build());
  }

  @Test
  void smallGrayscalePreset() {
    ModelConfig c = ModelConfig.smallGrayscale();
    assertThat(c.backbone()).isEqualTo(BackboneKind.SMALL_CNN);
    assertThat(c.backboneWidth()).isEqualTo(32);
    assertThat(c.backboneFeatureDim()).isEqualTo(256);
    assertThat(c.inputChannels()).isEqualTo(1);
    assertThat(c.inputSize()).isEqualTo(28);
    assertThat(c.mlpHiddenDim()).isEqualTo(512);
    assertThat(c.embeddingDim()).isEqualTo(128);
    assertThat(c.classesPerHead()).containsExactly(10, 20, 40, 80);
  }

  @Test
  void featureDimFollowsKindAndWidth() {
    assertThat(dim(BackboneKind.RESNET18, 0)).isEqualTo(512);
    assertThat(dim(BackboneKind.RESNET34, 0)).isEqualTo(512);
    assertThat(dim(BackboneKind.CIFAR_RESNET18, 0)).isEqualTo(512);
    assertThat(dim(BackboneKind.RESNET50, 0)).isEqualTo(2048);
    assertThat(dim(BackboneKind.RESNET50, 16)).isEqualTo(512);
    assertThat(dim(BackboneKind.SMALL_CNN, 8)).isEqualTo(64);
  }

  private static int dim(BackboneKind kind, int width) {
    return ModelConfig.builder().optBackbone(kind).optBackboneWidth(width).build().backboneFeatureDim();
  }

  @Test
  void torchScriptNeedsPathAndDimension() {
    ModelConfig c = ModelConfig.builder().optTorchScript(Path.of("net.pt"), 96).build();
    assertThat(c.backbone()).isEqualTo(BackboneKind.TORCHSCRIPT);
    assertThat(c.torchScriptPath()).contains(Path.of("net.pt"));
    assertThat(c.backboneFeatureDim()).isEqualTo(96);
    assertThat(c.backboneWidth()).isZero();
    assertThat(c.toBuilder().build()).isEqualTo(c);

    assertThatThrownBy(() -> ModelConfig.builder().optBackbone(BackboneKind.TORCHSCRIPT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("optTorchScript");
    assertThatThrownBy(() -> ModelConfig.builder().optTorchScript(Path.of("a.pt"), 0).build())
        .hasMessageContaining("torchScriptFeatureDim");
    assertThatThrownBy(
            () ->
                ModelConfig.builder()
                    .optTorchScript(Path.of("a.pt"), 8)
                    .optBackbone(BackboneKind.RESNET18)
                    .build())
        .hasMessageContaining("optTorchScript");
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertInvalid(ModelConfig.builder().optBackboneWidth(-1), "backboneWidth");
    assertInvalid(ModelConfig.builder().optInputChannels(0), "inputChannels");
    assertInvalid(ModelConfig.builder().optInputSize(0), "inputSize");
    assertInvalid(ModelConfig.smallGrayscaleBuilder().optInputSize(7), "inputSize >= 8");
    assertInvalid(ModelConfig.builder().optMlpLayers(0), "mlpLayers");
    assertInvalid(ModelConfig.builder().optMlpHiddenDim(0), "mlpHiddenDim");
    assertInvalid(ModelConfig.builder().optEmbeddingDim(0), "embeddingDim");
    assertInvalid(ModelConfig.builder().optClassesPerHead(List.of()), "at least one");
    assertInvalid(ModelConfig.builder().optClassesPerHead(List.of(10, 0)), "positive");
    assertInvalid(ModelConfig.builder().optNormEps(0), "normEps");
    assertInvalid(ModelConfig.builder().optNormEps(Double.NaN), "normEps");
  }

  private static void assertInvalid(ModelConfig.Builder b, String message) {
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void isImmutableAndRoundTripsThroughItsBuilder() {
    List<Integer> heads = new java.util.ArrayList<>(List.of(3, 5));
    ModelConfig c = ModelConfig.builder().optClassesPerHead(heads).optFixedClassifierGains(true).build();
    heads.add(7);
    assertThat(c.classesPerHead()).containsExactly(3, 5);
    assertThatThrownBy(() -> c.classesPerHead().add(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().optEmbeddingDim(64).build()).isNotEqualTo(c);
    assertThat(c.toString()).contains("RESNET50", "classesPerHead=[3, 5]");
  }

  @Test
  void classifierHeadCountsHeads() {
    ClassifierHead head =
        new ClassifierHead() {
          @Override
          public List<Integer> classesPerHead() {
            return List.of(4, 8, 16);
          }

          @Override
          public int embeddingDim() {
            return 32;
          }

          @Override
          public boolean fixedGains() {
            return false;
          }
        };
    assertThat(head.numHeads()).isEqualTo(3);
  }
}
