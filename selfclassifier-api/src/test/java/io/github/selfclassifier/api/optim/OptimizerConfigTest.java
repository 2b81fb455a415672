package io.github.selfclassifier.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptimizerConfigTest {

  @Test
  void paperDefaultsAreTheReferenceScriptsSettings() {
    OptimizerConfig c = OptimizerConfig.paperDefaults();
    assertThat(c.kind()).isEqualTo(OptimizerKind.LARS);
    assertThat(c.momentum()).isEqualTo(0.9);
    assertThat(c.trustCoefficient()).isEqualTo(0.001);
    assertThat(c.trustRatio()).isEqualTo(LarsTrustRatio.APEX_LARC);
    assertThat(c.larsEpsilon()).isEqualTo(1e-8);
    assertThat(c.weightDecay()).isEqualTo(1e-6);
    assertThat(c.beta1()).isEqualTo(0.9);
    assertThat(c.beta2()).isEqualTo(0.999);
    assertThat(c.adamEpsilon()).isEqualTo(1e-8);
    assertThat(c.excludeBiasAndNormFromWeightDecay()).isFalse();
    assertThat(c.excludeBiasAndNormFromTrustRatio()).isFalse();
    assertThat(c).isEqualTo(OptimizerConfig.builder().build());
  }

  @Test
  void exclusionsDecideTheDecayAndTrustRatioOfBiasAndNormTensorsOnly() {
    OptimizerConfig c =
        OptimizerConfig.builder()
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build();
    assertThat(c.weightDecayFor(true)).isZero();
    assertThat(c.weightDecayFor(false)).isEqualTo(1e-6);
    assertThat(c.trustRatioAppliesTo(true)).isFalse();
    assertThat(c.trustRatioAppliesTo(false)).isTrue();
    OptimizerConfig d = OptimizerConfig.paperDefaults();
    assertThat(d.weightDecayFor(true)).isEqualTo(1e-6);
    assertThat(d.trustRatioAppliesTo(true)).isTrue();
  }

  @Test
  void toBuilderRoundTripsAndEqualityCoversEveryField() {
    OptimizerConfig c =
        OptimizerConfig.builder()
            .optKind(OptimizerKind.ADAMW)
            .optMomentum(0.5)
            .optTrustCoefficient(0.02)
            .optTrustRatio(LarsTrustRatio.DECAYED_GRADIENT_NORM)
            .optLarsEpsilon(0)
            .optBetas(0.8, 0.99)
            .optAdamEpsilon(1e-6)
            .optWeightDecay(0.05)
            .optExcludeBiasAndNormFromWeightDecay(true)
            .optExcludeBiasAndNormFromTrustRatio(true)
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c).isNotEqualTo(c.toBuilder().optBetas(0.8, 0.999).build());
    assertThat(c).isNotEqualTo(c.toBuilder().optExcludeBiasAndNormFromTrustRatio(false).build());
    assertThat(c.toString()).contains("ADAMW", "DECAYED_GRADIENT_NORM", "weightDecay=0.05");
  }

  @Test
  void outOfRangeValuesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> OptimizerConfig.builder().optMomentum(1).build()).hasMessageContaining("momentum");
    assertThatThrownBy(() -> OptimizerConfig.builder().optMomentum(-0.1).build()).hasMessageContaining("momentum");
    assertThatThrownBy(() -> OptimizerConfig.builder().optTrustCoefficient(0).build())
        .hasMessageContaining("trustCoefficient");
    assertThatThrownBy(() -> OptimizerConfig.builder().optLarsEpsilon(-1).build())
        .hasMessageContaining("larsEpsilon");
    assertThatThrownBy(() -> OptimizerConfig.builder().optBetas(0.9, 1).build()).hasMessageContaining("beta2");
    assertThatThrownBy(() -> OptimizerConfig.builder().optBetas(Double.NaN, 0.9).build())
        .hasMessageContaining("beta1");
    assertThatThrownBy(() -> OptimizerConfig.builder().optAdamEpsilon(0).build())
        .hasMessageContaining("adamEpsilon");
    assertThatThrownBy(() -> OptimizerConfig.builder().optWeightDecay(Double.POSITIVE_INFINITY).build())
        .hasMessageContaining("weightDecay");
    assertThatThrownBy(() -> OptimizerConfig.builder().optKind(null)).isInstanceOf(NullPointerException.class);
  }
}
