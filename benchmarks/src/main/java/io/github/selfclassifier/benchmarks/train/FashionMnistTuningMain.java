package io.github.selfclassifier.benchmarks.train;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.EpochInfo;
import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import io.github.selfclassifier.djl.train.ConsoleProgressListener;
import io.github.selfclassifier.djl.train.SelfClassifierTrainer;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness the Fashion-MNIST preset ({@link TrainingConfig#fashionMnistBuilder()}) was tuned with: trains
 * the preset with some values changed, on all 70,000 Fashion-MNIST images (or the generated shapes), and
 * after every few epochs scores head 0 against the labels (which training never sees) on all images and on
 * the 10,000 test images. Prints and writes to {@code out} one JSON line per evaluation (training minutes
 * exclude evaluation), then prints the confusion matrix of the last one (rows: true classes, columns:
 * clusters).
 *
 * <p>Arguments (key=value; a key left out keeps the preset's value): {@code epochs}, {@code batch}, {@code
 * seed}, {@code engine}, {@code width} (backbone), {@code heads} (comma-separated classes per head), {@code
 * lr} (peak; the warm-up start and the end default to a tenth and a thousandth of it), {@code lr0}, {@code
 * lrEnd}, {@code warmup} (epochs), {@code queue}, {@code rowT}, {@code colT}, {@code opt} (SGD, LARS,
 * ADAMW), {@code wd}, {@code locals} (local crops), {@code gmin} (smallest global crop), {@code lmin} and
 * {@code lmax} (local crop scale range), {@code jitter} (brightness and contrast strength), {@code jp}
 * (jitter probability), {@code solar} (solarize probability), {@code blurMax} (largest blur sigma), {@code
 * bp} (blur probabilities of the first global, second global and local views, comma-separated), {@code data}
 * ({@code fmnist} or {@code shapes}), {@code per} (shapes per class, default 300), {@code evalEvery} (epochs,
 * default 1), {@code out} (JSON lines file, default {@code tuning.jsonl}), {@code ema} (comma-separated
 * per-step decays of exponential moving averages of the weights, BatchNorm statistics included, each also
 * scored at every evaluation; none by default) and {@code emaEvery} (steps between their updates, default
 * 10).
 *
 * <pre>
 * java -Dai.djl.offline=true -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *   io.github.selfclassifier.benchmarks.train.FashionMnistTuningMain epochs=3 jitter=0.4
 * </pre>
 */
public final class FashionMnistTuningMain {

  private FashionMnistTuningMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = StepTimeMain.parse(args);
    TrainingConfig config = configure(TrainingConfig.fashionMnistBuilder().build(), a);
    boolean shapes = a.getOrDefault("data", "fmnist").equals("shapes");
    ByteImageSet all;
    int testFrom;
    if (shapes) {
      all = SyntheticShapes.generate(Integer.parseInt(a.getOrDefault("per", "300")), 10, 28, 1, 2024);
      testFrom = 0;
    } else {
      ByteImageSet train = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, true);
      all = train.concat(IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false));
      testFrom = train.size();
    }
    int evalEvery = Integer.parseInt(a.getOrDefault("evalEvery", "1"));
    Path out = Path.of(a.getOrDefault("out", "tuning.jsonl"));
    System.out.println(config);

    Evaluator evaluator = new Evaluator(all, testFrom, evalEvery,
        Arrays.stream(a.getOrDefault("ema", "").split(",")).filter(d -> !d.isEmpty())
            .mapToDouble(Double::parseDouble).toArray(),
        integer(a, "emaEvery", 10));
    try (PrintStream jsonl = new PrintStream(Files.newOutputStream(out), true, "UTF-8");
        SelfClassifierTrainer trainer = SelfClassifierTrainer.builder().setConfig(config).setData(all)
            .addListener(new ConsoleProgressListener(200)).addListener(evaluator).build()) {
      jsonl.println("{\"args\":\"" + String.join(" ", args) + "\"}");
      evaluator.trainer = trainer;
      evaluator.jsonl = jsonl;
      trainer.fit();
    }
    if (evaluator.confusion != null) {
      for (int[] row : evaluator.confusion) {
        System.out.println(Arrays.toString(row));
      }
    }
  }

  /** The preset with the arguments' changes. */
  static TrainingConfig configure(TrainingConfig preset, Map<String, String> a) {
    AugmentationConfig aug = preset.augmentation();
    AugmentationConfig.Builder augmentation = aug.toBuilder()
        .optLocalCropCount(integer(a, "locals", aug.localCropCount()))
        .optGlobalCropScale(number(a, "gmin", aug.globalCropScale().min()), aug.globalCropScale().max())
        .optLocalCropScale(number(a, "lmin", aug.localCropScale().min()),
            number(a, "lmax", aug.localCropScale().max()))
        .optColorJitter(number(a, "jitter", aug.brightness()), number(a, "jitter", aug.contrast()), 0, 0)
        .optColorJitterProbability(number(a, "jp", aug.colorJitterProbability()))
        .optSolarizeProbability(number(a, "solar", aug.solarizeProbability()))
        .optBlurSigma(aug.blurSigma().min(), number(a, "blurMax", aug.blurSigma().max()));
    if (a.containsKey("bp")) {
      double[] p = Arrays.stream(a.get("bp").split(",")).mapToDouble(Double::parseDouble).toArray();
      augmentation.optBlurProbabilities(p[0], p[1], p[2]);
    }
    ModelConfig.Builder model = preset.model().toBuilder()
        .optBackboneWidth(integer(a, "width", preset.model().backboneWidth()));
    if (a.containsKey("heads")) {
      model.optClassesPerHead(Arrays.stream(a.get("heads").split(",")).map(Integer::valueOf).toList());
    }
    OptimizerConfig optimizer = preset.optimizer().toBuilder()
        .optKind(OptimizerKind.valueOf(a.getOrDefault("opt", preset.optimizer().kind().name())))
        .optWeightDecay(number(a, "wd", preset.optimizer().weightDecay()))
        .build();
    LossConfig loss = preset.loss().toBuilder()
        .optRowTemperature(number(a, "rowT", preset.loss().rowTemperature()))
        .optColumnTemperature(number(a, "colT", preset.loss().columnTemperature()))
        .build();
    double lr = number(a, "lr", preset.baseLearningRate());
    boolean lrGiven = a.containsKey("lr");
    return preset.toBuilder()
        .optEpochs(integer(a, "epochs", preset.epochs()))
        .optBatchSize(integer(a, "batch", preset.batchSize()))
        .optSeed(Long.parseLong(a.getOrDefault("seed", String.valueOf(preset.seed()))))
        .optEngine(a.getOrDefault("engine", preset.engineName()))
        .optWarmupEpochs(integer(a, "warmup", preset.warmupEpochs()))
        .optLearningRates(number(a, "lr0", lrGiven ? lr / 10 : preset.startLearningRate()), lr,
            number(a, "lrEnd", lrGiven ? lr / 1000 : preset.finalLearningRate()))
        .optQueueLength(integer(a, "queue", preset.queueLength()))
        .optCheckpointFolder(null)
        .optAugmentation(augmentation.build())
        .optModel(model.build())
        .optOptimizer(optimizer)
        .optLoss(loss)
        .build();
  }

  private static double number(Map<String, String> a, String key, double preset) {
    return a.containsKey(key) ? Double.parseDouble(a.get(key)) : preset;
  }

  private static int integer(Map<String, String> a, String key, int preset) {
    return a.containsKey(key) ? Integer.parseInt(a.get(key)) : preset;
  }

  /** Scores head 0 after every {@code evalEvery} epochs; evaluation time is left out of the minutes. */
  private static final class Evaluator implements TrainingListener {
    private final ExactClusterMetrics metrics = new ExactClusterMetrics();
    private final ByteImageSet all;
    private final int[] truth;
    private final int[] truthTest;
    private final int testFrom;
    private final int evalEvery;
    private final long start = System.nanoTime();
    private long evalNanos;
    SelfClassifierTrainer trainer;
    PrintStream jsonl;
    int[][] confusion;

    private final double[] emaDecays;
    private final int emaEvery;
    private final List<Map<String, float[]>> averages = new ArrayList<>();

    Evaluator(ByteImageSet all, int testFrom, int evalEvery, double[] emaDecays, int emaEvery) {
      this.all = all;
      this.truth = all.labels().orElseThrow();
      this.truthTest = Arrays.copyOfRange(truth, testFrom, truth.length);
      this.testFrom = testFrom;
      this.evalEvery = evalEvery;
      this.emaDecays = emaDecays;
      this.emaEvery = emaEvery;
    }

    /** Every {@code emaEvery} steps folds the weights into each exponential moving average. */
    @Override
    public void onStep(StepInfo step) {
      if (emaDecays.length == 0 || (step.globalStep() + 1) % emaEvery != 0) {
        return;
      }
      if (averages.isEmpty()) {
        for (int k = 0; k < emaDecays.length; k++) {
          averages.add(trainer.parameterValues());
        }
        return;
      }
      Map<String, float[]> now = trainer.parameterValues();
      for (int k = 0; k < emaDecays.length; k++) {
        float keep = (float) Math.pow(emaDecays[k], emaEvery);
        for (Map.Entry<String, float[]> e : averages.get(k).entrySet()) {
          float[] avg = e.getValue();
          float[] cur = now.get(e.getKey());
          for (int i = 0; i < avg.length; i++) {
            avg[i] = keep * avg[i] + (1 - keep) * cur[i];
          }
        }
      }
    }

    /** Head 0's clusters under averaged weights; the trainer's own state is put back afterwards. */
    private int[] predictWith(Map<String, float[]> weights) {
      TrainingCheckpoint current = trainer.checkpoint();
      Map<String, TrainingCheckpoint.NamedArray> averaged = new LinkedHashMap<>();
      current.parameters().forEach((name, p) ->
          averaged.put(name, new TrainingCheckpoint.NamedArray(p.shape(), weights.get(name))));
      trainer.restore(new TrainingCheckpoint(current.formatVersion(), current.configJson(), current.epoch(),
          current.stepInEpoch(), current.globalStep(), averaged, current.optimizerState(), current.queue()));
      try {
        return trainer.predictClusters(all, 0, 1024);
      } finally {
        trainer.restore(current);
      }
    }

    /** NMI, ACC and ARI of clusters on all images, then NMI and ACC on the test images, as JSON fields. */
    private String scores(int[] pred) {
      int[] predTest = Arrays.copyOfRange(pred, testFrom, pred.length);
      return String.format(Locale.ROOT,
          "\"nmi\":%.4f,\"acc\":%.4f,\"ari\":%.4f,\"testNmi\":%.4f,\"testAcc\":%.4f",
          metrics.nmi(truth, pred, AverageMethod.ARITHMETIC), metrics.accuracy(truth, pred),
          metrics.ari(truth, pred),
          metrics.nmi(truthTest, predTest, AverageMethod.ARITHMETIC), metrics.accuracy(truthTest, predTest));
    }

    @Override
    public void onEpochEnd(EpochInfo info) {
      if ((info.epoch() + 1) % evalEvery != 0) {
        return;
      }
      long e0 = System.nanoTime();
      double trainMinutes = (e0 - start - evalNanos) / 60e9;
      int[] pred = trainer.predictClusters(all, 0, 1024);
      StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
          "{\"epoch\":%d,\"trainMinutes\":%.2f,\"loss\":%.4f,%s,\"clusters\":%d", info.epoch() + 1,
          trainMinutes, info.meanLoss(), scores(pred), Arrays.stream(pred).distinct().count()));
      for (int k = 0; k < averages.size(); k++) {
        json.append(",\"ema").append(emaDecays[k]).append("\":{").append(scores(predictWith(averages.get(k))))
            .append('}');
      }
      String line = json.append('}').toString();
      System.out.println(line);
      jsonl.println(line);
      int classes = Arrays.stream(truth).max().orElseThrow() + 1;
      confusion = new int[classes][Arrays.stream(pred).max().orElseThrow() + 1];
      for (int i = 0; i < pred.length; i++) {
        confusion[truth[i]][pred[i]]++;
      }
      evalNanos += System.nanoTime() - e0;
    }
  }
}
