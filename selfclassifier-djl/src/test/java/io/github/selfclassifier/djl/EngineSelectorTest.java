package io.github.selfclassifier.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSelectorTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PyTorch, PyTorch", "pytorch, PyTorch", "PYTORCH, PyTorch", "MXNet, MXNet", "mxnet, MXNet",
      "' MxNet ', MXNet"})
  void namesMatchIgnoringCase(String asked, String expected) {
    assertThat(EngineSelector.select(asked).getEngineName()).isEqualTo(expected);
  }

  @Test
  void defaultIsPyTorchAlthoughDjlWouldPickMxnet() {
    // the reason this class exists: with both engines on the class path DJL's own default is MXNet
    assertThat(Engine.getDefaultEngineName()).isEqualTo(EngineSelector.MXNET);
    assertThat(EngineSelector.defaultEngine().getEngineName()).isEqualTo(EngineSelector.PYTORCH);
  }

  @Test
  void pyTorchGetsEveryAvailableProcessorUnlessTheUserChose() {
    EngineSelector.select("PyTorch");
    if (System.getProperty(EngineSelector.PYTORCH_THREADS_PROPERTY) == null
        && System.getenv("OMP_NUM_THREADS") == null) {
      assertThat(JniUtils.getNumThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
    // a later reduction (e.g. by other code) is undone by the next selection
    int before = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    EngineSelector.select("PyTorch");
    assertThat(JniUtils.getNumThreads()).isEqualTo(before);
  }

  @Test
  void unknownEngineIsNamedWithTheAvailableOnes() {
    assertThat(EngineSelector.availableEngines()).containsExactly("PyTorch", "MXNet");
    assertThatThrownBy(() -> EngineSelector.select("TensorFlow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'TensorFlow'")
        .hasMessageContaining("PyTorch, MXNet");
    assertThatThrownBy(() -> EngineSelector.select(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PyTorch, MXNet");
  }
}
