package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.selfclassifier.djl.loss.NdSelfClassifierLoss;
import io.github.selfclassifier.djl.model.BackboneBlock;
import io.github.selfclassifier.djl.model.ProjectionHead;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.WeightNormClassifiers;
import io.github.selfclassifier.djl.queue.NearestNeighborQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Splitting the batch across devices and gathering the logits before the loss gives the single-device loss
 * and gradients, on a network without BatchNorm (whose per-slice statistics would differ by design); two
 * logical CPU devices stand in for two GPUs.
 */
class SplitBatchForwardTest {
  private static final int BATCH = 16;
  private static final int VIEWS = 4;
  private static final int GLOBAL = 12;
  private static final int LOCAL = 8;

  /** conv3x3 - ReLU - global average pooling: per-sample, no normalisation over the batch. */
  static final class ConvNoNormBackbone extends BackboneBlock {
    private final Conv2d conv;

    ConvNoNormBackbone(int width) {
      super("conv_no_norm", width, 1, GLOBAL, true);
      this.conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(3, 3))
          .optPadding(new Shape(1, 1)).setFilters(width).build());
    }

    @Override
    protected NDList forwardFeatures(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = conv.forward(ps, inputs, training, params).singletonOrThrow();
      return new NDList(Pool.globalAvgPool2d(Activation.relu(x)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      conv.initialize(manager, dataType, inputShapes);
    }
  }

  @ParameterizedTest
  @MethodSource("io.github.selfclassifier.djl.train.TrainerTestSupport#engines")
  void twoDeviceSplitGivesTheSingleDeviceLossAndGradients(String engine) {
    Engine e = Engine.getEngine(engine);
    e.setRandomSeed(3);
    try (NDManager manager = e.newBaseManager(Device.cpu())) {
      SelfClassifierBlock model = new SelfClassifierBlock(new ConvNoNormBackbone(8),
          new ProjectionHead(32, 2, false, 16, 1e-7), new WeightNormClassifiers(List.of(10, 20), 16, false));
      model.initialize(manager, DataType.FLOAT32, new Shape(2, 1, GLOBAL, GLOBAL));
      Map<String, Parameter> parameters = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        parameters.put(p.getKey(), p.getValue());
      }
      ViewBatch batch = randomBatch(new Random(42));
      try (NearestNeighborQueue queue = NearestNeighborQueue.create(manager, 32, 16)) {
        fillQueue(manager, queue, new Random(1));
        long[] neighborsOne = new long[BATCH];
        Run one = run(e, manager, model, parameters, List.of(Device.cpu()), batch, queue, neighborsOne);
        long[] neighborsTwo = new long[BATCH];
        Run two = run(e, manager, model, parameters, List.of(Device.cpu(), Device.cpu()), batch, queue,
            neighborsTwo);
        double maxGradDiff = 0;
        double maxGrad = 0;
        for (String name : one.gradients.keySet()) {
          float[] a = one.gradients.get(name);
          float[] b = two.gradients.get(name);
          for (int i = 0; i < a.length; i++) {
            maxGradDiff = Math.max(maxGradDiff, Math.abs(a[i] - b[i]));
            maxGrad = Math.max(maxGrad, Math.abs(a[i]));
          }
        }
        System.out.printf("%s: loss %.7f vs %.7f, max |grad| %.3g, max grad diff %.3g%n", engine, one.loss,
            two.loss, maxGrad, maxGradDiff);
        assertThat(neighborsTwo).containsExactly(neighborsOne);
        assertThat(two.loss).isCloseTo(one.loss, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(maxGrad).isGreaterThan(1e-4);
        assertThat(maxGradDiff).isLessThan(1e-5 * Math.max(1, maxGrad));
        assertThat(two.gradients.keySet()).isEqualTo(one.gradients.keySet());
      }
    }
  }

  private record Run(double loss, Map<String, float[]> gradients) {}

  private static Run run(Engine engine, NDManager manager, SelfClassifierBlock model,
      Map<String, Parameter> parameters, List<Device> devices, ViewBatch batch, NearestNeighborQueue queue,
      long[] neighbors) {
    Map<String, float[]> gradients = new LinkedHashMap<>();
    double loss;
    try (ReplicatedParameterStore store = new ReplicatedParameterStore(manager, parameters, devices);
        NDManager step = manager.newSubManager()) {
      SplitBatchForward forward =
          new SplitBatchForward(model, store, devices, new NdSelfClassifierLoss(
              io.github.selfclassifier.api.loss.LossConfig.defaults()));
      try (GradientCollector collector = engine.newGradientCollector()) {
        SplitBatchForward.Output out = forward.forward(d -> step, batch, 1, GLOBAL, LOCAL, VIEWS, queue, neighbors);
        loss = out.loss().getFloat();
        collector.backward(out.loss());
      }
      for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
        if (p.getValue().requiresGradient()) {
          try (NDArray grad = p.getValue().getArray().getGradient()) {
            gradients.put(p.getKey(), grad.toFloatArray());
            grad.subi(grad);
          }
        }
      }
    }
    return new Run(loss, gradients);
  }

  private static ViewBatch randomBatch(Random random) {
    float[] global = new float[2 * BATCH * GLOBAL * GLOBAL];
    float[] local = new float[(VIEWS - 2) * BATCH * LOCAL * LOCAL];
    for (int i = 0; i < global.length; i++) {
      global[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < local.length; i++) {
      local[i] = (float) random.nextGaussian();
    }
    long[] indices = new long[BATCH];
    for (int i = 0; i < BATCH; i++) {
      indices[i] = 3L * i;
    }
    return new ViewBatch(indices, null, global, local);
  }

  private static void fillQueue(NDManager manager, NearestNeighborQueue queue, Random random) {
    float[] values = new float[32 * 16];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray z = m.create(values, new Shape(32, 16));
      z = z.div(z.square().sum(new int[] {1}, true).sqrt());
      long[] indices = new long[32];
      for (int i = 0; i < 32; i++) {
        indices[i] = 1000 + i;
      }
      queue.push(z, indices);
    }
  }
}
