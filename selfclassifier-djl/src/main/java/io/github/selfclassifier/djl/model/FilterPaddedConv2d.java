package io.github.selfclassifier.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Conv2d} with a workaround for a PyTorch CPU bug that turned small-width training into NaN.
 *
 * <p><b>The bug</b> (PyTorch 2.7.1 CPU native of DJL 0.36, measured on this project's AVX-512 machines): the
 * gradient with respect to the input of a 3x3 convolution whose number of filters (output channels) is not a
 * multiple of 16 depends on uninitialised native memory. When that memory holds ordinary numbers the gradient
 * is exact (measured: identical to the last bit with freed memory filled with 1000.0); when it holds a NaN or
 * infinity bit pattern, almost the whole input gradient is NaN. This is what a channel-blocked kernel whose
 * padding lanes (16 floats per AVX-512 register) are never initialised and then multiplied by zero would do:
 * {@code x * 0 = 0}, but {@code NaN * 0 = NaN}. Measured after freed native memory was filled with NaN: 1 to
 * 12, 24 or 40 filters give a NaN input gradient in 60-100% of trials, 16, 32, 48 and 64 filters never; the
 * input channels, the batch, the image size and the thread count do not matter; a 1x1 convolution with 8
 * filters, the weight gradient and the forward pass are not affected; MXNet is not affected. Whether recycled
 * memory holds a NaN pattern depends on the history of allocations and garbage collections, so the same run
 * sometimes finishes and sometimes dies with a NaN loss one step after the bad gradient (the lowest layers'
 * parameters, below the faulty convolution, turn NaN; with LARS whole tensors at once). The small CNN at width
 * 4 has a conv2 of 8 filters: the failing {@code --width 4} runs; widths that are multiples of 8 (conv2 to
 * conv4 have 2, 4 and 8 times the width) and ResNets of standard widths never meet it.
 *
 * <p><b>The workaround</b>, exact in value and gradient: in training mode on PyTorch (where a backward pass
 * may follow), when the number of filters is not a multiple of {@value #FILTER_BLOCK} and the convolution is
 * not grouped, the weight (and bias) is padded with zero filters up to the next multiple of 16, the padded
 * convolution run, and the output cut back to the real filters. The padded output channels are 0 and their
 * incoming gradient is exactly 0 (the slice's backward writes zeros), so values and gradients are those of
 * the plain convolution, at the cost of computing the extra filters (for the width-4 CNN: conv1 4 to 16 and
 * conv2 8 to 16 filters). In evaluation mode, on MXNet and for filter counts that are multiples of 16 this
 * block is exactly {@link Conv2d}; parameters, their names and shapes are always those of {@link Conv2d}.
 * Remove it once the engine's convolution is fixed: {@code FilterPaddedConv2dTest} fails on PyTorch with a
 * plain {@link Conv2d}.
 */
final class FilterPaddedConv2d extends Conv2d {
  /** The channel block of the affected kernels (AVX-512 floats per register; a multiple of AVX2's 8). */
  static final int FILTER_BLOCK = 16;

  FilterPaddedConv2d(Conv2d.Builder builder) {
    super(builder);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    if (!needsPadding(input, training)) {
      return super.forwardInternal(ps, inputs, training, params);
    }
    Device device = input.getDevice();
    NDArray w = ps.getValue(weight, device, training);
    NDArray b = ps.getValue(bias, device, training);
    int padded = paddedFilters(filters);
    NDManager manager = input.getManager();
    Shape extra = new Shape(padded - filters).addAll(w.getShape().slice(1));
    NDArray paddedWeight = w.concat(manager.zeros(extra, w.getDataType(), device), 0);
    NDArray paddedBias =
        b == null ? null : b.concat(manager.zeros(new Shape(padded - filters), b.getDataType(), device), 0);
    NDArray out =
        Conv2d.conv2d(input, paddedWeight, paddedBias, stride, padding, dilation, groups).singletonOrThrow();
    return new NDList(out.get(new NDIndex(":, 0:{}", filters)));
  }

  /**
   * Whether to pad: training on PyTorch with a filter count the bug concerns. In training mode rather than
   * "when the input needs a gradient": DJL's PyTorch {@code hasGradient()} is false for the outputs of
   * operations even while a gradient collector records them, so it cannot tell.
   */
  private boolean needsPadding(NDArray input, boolean training) {
    return training
        && filters % FILTER_BLOCK != 0
        && groups == 1
        && "PyTorch".equals(input.getManager().getEngine().getEngineName());
  }

  /** The smallest multiple of {@value #FILTER_BLOCK} that is at least {@code filters}. */
  static int paddedFilters(int filters) {
    return (filters + FILTER_BLOCK - 1) / FILTER_BLOCK * FILTER_BLOCK;
  }
}
