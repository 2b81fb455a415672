package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingDivergedException;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import java.util.List;
import java.util.Locale;

/**
 * Runs the tiny training of the CLI's {@code --width 4 --batch-size 16} (80 synthetic shapes, 10 classes,
 * heads {10, 20}, 2 local crops, the CLI's learning rates scaled to the batch) N times and counts the runs
 * that diverge, printing for each the step and the parameters that were non-finite before it. A main, not a
 * test. Settings by system property (defaults in brackets): {@code width} [4], {@code batch} [16], {@code
 * perClass} [8], {@code epochs} [10], {@code opt} [LARS; or SGD], {@code queue} [0], {@code engine} [PyTorch],
 * {@code seed} [-1: run i uses seed i], {@code loaderThreads} [1], {@code gcHammer} [false: a thread calling
 * System.gc() every millisecond], {@code trace} [false: print every step's loss], {@code checkParams} [false:
 * after every step, report parameters with non-finite values], {@code poison} [false: fill freed native
 * memory with NaN after every step, see {@link #fillFreedMemoryWithNaN}].
 *
 * <p>What it showed (see {@code io.github.selfclassifier.djl.model.FilterPaddedConv2d}): the losses of a
 * seed are identical to the last digit up to a sudden NaN at a random step, and before that step the
 * gradients of conv1 and bn1 (and only those) were entirely NaN: PyTorch's input gradient of conv2 (8
 * filters at width 4) read uninitialised memory. With {@code -Dpoison=true} and {@code Layers.conv} a plain
 * {@code Conv2d}:
 * LARS 3 of 6 runs diverged, SGD with a queue of 20 2 of 6; with the workaround 0 of 6 and 0 of 6.
 *
 * <p>Run after {@code mvn -o -pl selfclassifier-djl -am test-compile} with the module's test class path
 * (the api, metrics and djl classes, the DJL api, PyTorch engine, JNI and native jars, Gson, Guava,
 * commons-numbers, JNA, SLF4J):
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=1 -Dpoison=true -cp $CP io.github.selfclassifier.djl.train.NanHuntMain 6
 * </pre>
 */
public final class NanHuntMain {
  private NanHuntMain() {}

  /**
   * Creates and frees NaN-filled native arrays of many sizes, so that the next step's fresh native buffers may
   * start as NaN, as they sometimes do by chance: makes a read of uninitialised memory visible.
   */
  static void fillFreedMemoryWithNaN(String engine) {
    try (ai.djl.ndarray.NDManager m = ai.djl.engine.Engine.getEngine(engine).newBaseManager()) {
      for (long size = 1; size <= (1 << 20); size *= 2) {
        for (int k = 0; k < 4; k++) {
          m.full(new ai.djl.ndarray.types.Shape(size + k * size / 4), Float.NaN,
              ai.djl.ndarray.types.DataType.FLOAT32);
        }
      }
    }
  }

  /**
   * Runs the trainings.
   *
   * @param args the number of runs (default 6)
   */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int width = Integer.getInteger("width", 4);
    int batch = Integer.getInteger("batch", 16);
    int perClass = Integer.getInteger("perClass", 8);
    int epochs = Integer.getInteger("epochs", 10);
    String opt = System.getProperty("opt", "LARS");
    int queue = Integer.getInteger("queue", 0);
    String engine = System.getProperty("engine", "PyTorch");
    long fixedSeed = Long.getLong("seed", -1L);
    boolean hammer = Boolean.getBoolean("gcHammer");
    int loaderThreads = Integer.getInteger("loaderThreads", 1);

    Thread gc = null;
    if (hammer) {
      gc = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          System.gc();
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "gc-hammer");
      gc.setDaemon(true);
      gc.start();
    }
    ByteImageSet data = SyntheticShapes.generate(perClass, 10, 28, 1, 77);
    double scale = batch / 256.0;
    int diverged = 0;
    for (int run = 0; run < runs; run++) {
      long seed = fixedSeed >= 0 ? fixedSeed : run;
      TrainingConfig config = TrainingConfig.smallGrayscaleBuilder()
          .optEngine(engine)
          .optDevices(List.of("cpu"))
          .optEpochs(epochs)
          .optBatchSize(batch)
          .optWarmupEpochs(Math.min(10, epochs / 10))
          .optLearningRates(0.01875 * scale, 0.3 * scale, 0.0003 * scale)
          .optSeed(seed)
          .optQueueLength(queue)
          .optLoaderThreads(loaderThreads)
          .optPrefetchDepth(2)
          .optCheckpointEverySteps(0)
          .optLogEverySteps(1000)
          .optModel(ModelConfig.smallGrayscaleBuilder().optBackboneWidth(width).optClassesPerHead(List.of(10, 20))
              .build())
          .optAugmentation(AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(2).build())
          .optOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.valueOf(opt)).build())
          .build();
      long t0 = System.nanoTime();
      String outcome;
      StringBuilder trace = new StringBuilder();
      SelfClassifierTrainer[] holder = new SelfClassifierTrainer[1];
      try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder().setConfig(config).setData(data)
          .addListener(new io.github.selfclassifier.api.train.TrainingListener() {
            @Override
            public void onStep(io.github.selfclassifier.api.train.StepInfo step) {
              trace.append(String.format(Locale.ROOT, " %d:%.9g", step.globalStep(), step.loss()));
              if (Boolean.getBoolean("poison")) {
                fillFreedMemoryWithNaN(engine);
              }
              if (Boolean.getBoolean("checkParams")) {
                for (java.util.Map.Entry<String, float[]> e : holder[0].parameterValues().entrySet()) {
                  int bad = 0;
                  double maxAbs = 0;
                  for (float f : e.getValue()) {
                    if (!Float.isFinite(f)) {
                      bad++;
                    } else {
                      maxAbs = Math.max(maxAbs, Math.abs(f));
                    }
                  }
                  if (bad > 0) {
                    trace.append(String.format(Locale.ROOT,
                        " [after step %d: %s has %d of %d non-finite, max|finite| %g]",
                        step.globalStep(), e.getKey(), bad, e.getValue().length, maxAbs));
                  }
                }
              }
            }
          }).build()) {
        holder[0] = trainer;
        try {
          trainer.fit();
          outcome = "finished " + trainer.globalStep() + " steps";
        } catch (TrainingDivergedException e) {
          diverged++;
          outcome = "DIVERGED at step " + e.globalStep() + " loss " + e.loss();
          StringBuilder bad = new StringBuilder();
          for (java.util.Map.Entry<String, float[]> p : trainer.parameterValues().entrySet()) {
            int n = 0;
            for (float f : p.getValue()) {
              n += Float.isFinite(f) ? 0 : 1;
            }
            if (n > 0) {
              bad.append(String.format(Locale.ROOT, " %s:%d/%d", p.getKey(), n, p.getValue().length));
            }
          }
          outcome += bad.length() == 0 ? "; parameters all finite" : "; non-finite parameters" + bad;
        }
      }
      System.out.printf(Locale.ROOT, "run %d seed %d: %s (%.1f s)%n", run, seed, outcome,
          (System.nanoTime() - t0) / 1e9);
      if (Boolean.getBoolean("trace")) {
        System.out.println("  losses" + trace);
      }
    }
    System.out.printf(Locale.ROOT, "%s width %d batch %d queue %d engine %s gcHammer %b: %d of %d diverged%n",
        opt, width, batch, queue, engine, hammer, diverged, runs);
    if (gc != null) {
      gc.interrupt();
    }
  }
}
