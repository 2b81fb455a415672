package io.github.selfclassifier.benchmarks.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.loss.NdSelfClassifierLoss;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.SelfClassifierModels;
import io.github.selfclassifier.djl.optim.BiasAndNormRule;
import io.github.selfclassifier.djl.optim.SelfClassifierOptimizer;
import io.github.selfclassifier.djl.train.SplitBatchForward;
import io.github.selfclassifier.djl.train.ViewBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the pure training step of the trainer on fixed random views (no augmentation, no loader): forward of
 * both global views through {@link SplitBatchForward} (the trainer's forward, which copies the Java views
 * into a native array), the Self-Classifier loss, backward under a {@link GradientCollector}, the optimiser
 * update of every parameter and zeroing of the gradients, with a per-step sub-manager as the trainer has.
 * Prints median and mean ms/step after warm-up steps.
 *
 * <p>Arguments (key=value): {@code model=resnet|cnn} (CIFAR ResNet-18 on 3x32x32, or the small CNN on
 * 1x28x28), {@code batch}, {@code engine=PyTorch|MXNet}, {@code warmup}, {@code steps}, {@code
 * optimizer=lars|sgd}, {@code phase=step|forward} (forward: forward and loss only, no backward/update),
 * {@code width} (backbone width instead of the model's).
 */
public final class StepTimeMain {

  private StepTimeMain() {}

  /** Model settings shared with benchmarks/scripts/step_time_pytorch.py. */
  static ModelConfig modelConfig(String model) {
    if (model.equals("cnn")) {
      // the small-image preset: width 32, MLP 512 x 2 layers with BN, d 128, heads {10, 20, 40, 80}
      return ModelConfig.smallGrayscale();
    }
    // CIFAR ResNet-18 (width 64), paper head: MLP 4096 x 2 layers with BN, d 128, heads {1000,2000,4000,8000}
    return ModelConfig.builder()
        .optBackbone(BackboneKind.CIFAR_RESNET18)
        .optBackboneWidth(64)
        .optInputChannels(3)
        .optInputSize(32)
        .build();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      m.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return m;
  }

  public static void main(String[] args) {
    Map<String, String> a = parse(args);
    String modelName = a.getOrDefault("model", "cnn");
    int batch = Integer.parseInt(a.getOrDefault("batch", modelName.equals("cnn") ? "256" : "128"));
    String engineName = a.getOrDefault("engine", EngineSelector.PYTORCH);
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "30"));
    String opt = a.getOrDefault("optimizer", "lars");
    String phase = a.getOrDefault("phase", "step");

    Engine engine = EngineSelector.select(engineName);
    ModelConfig mc = modelConfig(modelName);
    if (a.containsKey("width")) {
      mc = mc.toBuilder().optBackboneWidth(Integer.parseInt(a.get("width"))).build();
    }
    int channels = mc.inputChannels();
    int size = mc.inputSize();
    int threads = engine.getEngineName().equals("PyTorch")
        ? ai.djl.pytorch.jni.JniUtils.getNumThreads() : -1;
    System.out.printf("engine %s %s, threads %d, model %s, batch %d, views 2 of %dx%dx%d, optimizer %s, phase %s%n",
        engine.getEngineName(), engine.getVersion(), threads, modelName, batch, channels, size, size, opt, phase);

    Device device = Device.cpu();
    try (NDManager manager = engine.newBaseManager(device)) {
      engine.setRandomSeed(7);
      SelfClassifierBlock model = SelfClassifierModels.build(mc);
      model.initialize(manager, DataType.FLOAT32, new Shape(2, channels, size, size));
      Map<String, Parameter> parameters = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        parameters.put(p.getKey(), p.getValue());
      }
      ParameterStore store = new ParameterStore(manager, false) {
        @Override
        public NDArray getValue(Parameter parameter, Device d, boolean training) {
          return parameter == null ? null : parameter.getArray(); // as the trainer's store on one device
        }
      };
      OptimizerConfig oc = OptimizerConfig.builder()
          .optKind(opt.equals("sgd") ? OptimizerKind.SGD : OptimizerKind.LARS)
          .build();
      SelfClassifierOptimizer optimizer =
          SelfClassifierOptimizer.fromConfig(oc, Tracker.fixed(0.1f), BiasAndNormRule.of(model));
      NdSelfClassifierLoss loss = NdSelfClassifierLoss.withDefaults();
      SplitBatchForward forward = new SplitBatchForward(model, store, List.of(device), loss);

      Random rnd = new Random(1);
      float[] views = new float[2 * batch * channels * size * size];
      for (int i = 0; i < views.length; i++) {
        views[i] = (float) rnd.nextGaussian();
      }
      long[] indices = new long[batch];
      for (int i = 0; i < batch; i++) {
        indices[i] = i;
      }
      ViewBatch vb = new ViewBatch(indices, null, views, new float[0]);

      int total = warmup + steps;
      double[] ms = new double[steps];
      double[][] parts = new double[3][steps];
      double lossValue = Double.NaN;
      for (int s = 0; s < total; s++) {
        long[] marks = new long[4];
        long t0 = System.nanoTime();
        lossValue = step(engine, manager, forward, vb, channels, size, parameters, optimizer,
            phase.equals("forward"), marks);
        long t1 = System.nanoTime();
        if (s >= warmup) {
          ms[s - warmup] = (t1 - t0) / 1e6;
          for (int k = 0; k < 3; k++) {
            parts[k][s - warmup] = marks[k + 1] == 0 ? 0 : (marks[k + 1] - marks[k]) / 1e6;
          }
        }
      }
      optimizer.close();
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
      double mean = Arrays.stream(ms).average().orElse(Double.NaN);
      System.out.printf("last loss %.5f%n", lossValue);
      System.out.printf("RESULT impl=java engine=%s model=%s batch=%d phase=%s optimizer=%s threads=%d "
              + "median_ms=%.2f mean_ms=%.2f steps=%d warmup=%d forward_ms=%.2f backward_ms=%.2f update_ms=%.2f%n",
          engine.getEngineName(), modelName, batch, phase, opt, threads, median, mean, steps, warmup,
          median(parts[0]), median(parts[1]), median(parts[2]));
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** One training step as {@code SelfClassifierTrainer.step} runs it (without queue and statistics). */
  static double step(Engine engine, NDManager manager, SplitBatchForward forward, ViewBatch vb, int channels,
      int size, Map<String, Parameter> parameters, SelfClassifierOptimizer optimizer, boolean forwardOnly,
      long[] marks) {
    double lossValue;
    marks[0] = System.nanoTime();
    try (NDManager stepManager = manager.newSubManager()) {
      try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
        scope.suppressNotUsedWarning();
        try (GradientCollector collector = engine.newGradientCollector()) {
          SplitBatchForward.Output out =
              forward.forward(d -> stepManager, vb, channels, size, size, 2, null, null);
          lossValue = out.loss().toType(DataType.FLOAT64, false).getDouble();
          marks[1] = System.nanoTime();
          if (!forwardOnly) {
            collector.backward(out.loss());
            marks[2] = System.nanoTime();
          }
        }
      }
      if (forwardOnly) {
        return lossValue;
      }
      for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
        Parameter p = e.getValue();
        if (!p.requiresGradient()) {
          continue;
        }
        NDArray weight = p.getArray();
        try (NDArray grad = weight.getGradient()) {
          optimizer.update(e.getKey(), weight, grad);
          grad.subi(grad);
        }
      }
    }
    marks[3] = System.nanoTime();
    return lossValue;
  }
}
