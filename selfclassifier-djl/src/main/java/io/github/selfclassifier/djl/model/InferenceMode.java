package io.github.selfclassifier.djl.model;

import ai.djl.mxnet.engine.MxGradientCollector;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Supplier;

/**
 * Runs part of a network in inference mode while a gradient collector may be open, as a frozen backbone
 * inside a training step needs.
 *
 * <p>DJL's MXNet engine refuses a BatchNorm whose {@code training} flag differs from autograd's training
 * mode ("the mode of batchNorm in MXNet should align with the mode of GradientCollector"), so on MXNet
 * autograd recording and training mode are paused for the call, as MXNet's {@code autograd.pause()}. The
 * PyTorch engine takes the flag as given and needs nothing.
 */
final class InferenceMode {

  private InferenceMode() {}

  /**
   * Runs a computation whose result needs no gradient in inference mode.
   *
   * @param input an array of the computation, to tell the engine
   * @param computation the forward pass, called with {@code training = false}
   * @return its result
   */
  static NDList run(NDArray input, Supplier<NDList> computation) {
    if ("MXNet".equals(input.getManager().getEngine().getEngineName())) {
      return MxNetPause.run(computation);
    }
    return computation.get();
  }

  /** Separate so the MXNet classes load only when MXNet is used. */
  private static final class MxNetPause {
    static NDList run(Supplier<NDList> computation) {
      boolean wasRecording = MxGradientCollector.setRecording(false);
      boolean wasTraining = MxGradientCollector.setTraining(false);
      try {
        return computation.get();
      } finally {
        MxGradientCollector.setTraining(wasTraining);
        MxGradientCollector.setRecording(wasRecording);
      }
    }
  }
}
