package io.github.selfclassifier.benchmarks.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resident memory of a long training run: runs the real {@link SelfClassifierTrainer} (loader threads,
 * augmentation, queue, LARS) on a small CNN over 28x28 synthetic shapes and prints VmRSS from
 * /proc/self/status at steps 100, 500, 1000, 1500, ..., then the growth between step 500 and the last
 * checkpoint.
 *
 * <p>Arguments (key=value): {@code engine=PyTorch|MXNet}, {@code steps} (default 5000), {@code batch}
 * (default 64), {@code width} (backbone width, default 8), {@code queue} (default 256), {@code locals}
 * (local crops, default 0), {@code every} (print RSS every this many steps, default 250).
 */
public final class RssSoakMain {

  private RssSoakMain() {}

  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return -1;
  }

  public static void main(String[] args) {
    Map<String, String> a = StepTimeMain.parse(args);
    String engine = a.getOrDefault("engine", "PyTorch");
    long steps = Long.parseLong(a.getOrDefault("steps", "5000"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
    int width = Integer.parseInt(a.getOrDefault("width", "8"));
    int queue = Integer.parseInt(a.getOrDefault("queue", "256"));
    int locals = Integer.parseInt(a.getOrDefault("locals", "0"));
    int every = Integer.parseInt(a.getOrDefault("every", "250"));
    ByteImageSet data = SyntheticShapes.generate(80, 10, 28, 1, 5); // 800 images
    long perEpoch = data.size() / batch;
    int epochs = (int) ((steps + perEpoch - 1) / perEpoch);
    TrainingConfig config = TrainingConfig.builder()
        .optEngine(engine)
        .optDevices(List.of("cpu"))
        .optEpochs(epochs)
        .optBatchSize(batch)
        .optSeed(7)
        .optQueueLength(queue)
        .optWarmupEpochs(2)
        .optLearningRates(0.1, 1.0, 0.05)
        .optLoaderThreads(2)
        .optPrefetchDepth(4)
        .optLogEverySteps(500)
        .optModel(ModelConfig.smallGrayscaleBuilder()
            .optBackboneWidth(width)
            .optMlpHiddenDim(128)
            .optEmbeddingDim(32)
            .optClassesPerHead(List.of(10, 20))
            .build())
        .optAugmentation(AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(locals).build())
        .optOptimizer(OptimizerConfig.builder().optKind(OptimizerKind.LARS).build())
        .build();
    Map<Long, Long> rss = new LinkedHashMap<>();
    long start = System.nanoTime();
    System.out.printf("RSS soak: engine %s, %d steps (%d epochs of %d), batch %d, small CNN width %d, "
        + "2 global + %d local views, queue %d, LARS; rss before build %d kB%n",
        engine, epochs * perEpoch, epochs, perEpoch, batch, width, locals, queue, rssKb());
    try (SelfClassifierTrainer trainer = SelfClassifierTrainer.builder()
        .setConfig(config)
        .setData(data)
        .addListener(new TrainingListener() {
          @Override
          public void onStep(StepInfo step) {
            long s = step.globalStep() + 1; // steps done
            if (s == 100 || s % every == 0) {
              long kb = rssKb();
              Runtime rt = Runtime.getRuntime();
              rss.put(s, kb);
              System.out.printf("RSS step=%d rss_kb=%d heap_used_kb=%d elapsed_s=%.1f loss=%.4f load=%s%n", s, kb,
                  (rt.totalMemory() - rt.freeMemory()) / 1024, (System.nanoTime() - start) / 1e9, step.loss(),
                  load());
            }
          }
        })
        .build()) {
      trainer.fit();
    }
    Long at500 = rss.get(500L);
    long last = rss.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    if (at500 != null && last > 500) {
      System.out.printf("RESULT engine=%s rss500_kb=%d rss%d_kb=%d growth_pct=%.2f%n", engine, at500, last,
          rss.get(last), 100.0 * (rss.get(last) - at500) / at500);
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
