package io.github.selfclassifier.djl.eval;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: times the weighted k-NN (60,000 x 10,000 x 512 by default), the linear probe (60,000 x 512)
 * and k-means (70,000 x 784, k = 10) on random data. Run from the worktree root after {@code mvn -o -pl selfclassifier-djl -am test-compile}:
 *
 * <pre>
 * java -cp selfclassifier-djl/target/classes:selfclassifier-djl/target/test-classes:$(cat cp.txt) \
 *     io.github.selfclassifier.djl.eval.EvalThroughputMain knn 60000 10000 512
 * </pre>
 */
public final class EvalThroughputMain {
  private EvalThroughputMain() {}

  /**
   * Entry point.
   *
   * @param args {@code knn [train test dim]}, {@code probe [n dim iterations]} or {@code kmeans [n dim k]}
   */
  public static void main(String[] args) {
    String what = args.length > 0 ? args[0] : "knn";
    SplittableRandom rnd = new SplittableRandom(1);
    if (what.equals("knn")) {
      int n = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
      int m = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
      int d = args.length > 3 ? Integer.parseInt(args[3]) : 512;
      FloatMatrix train = random(rnd, n, d);
      FloatMatrix test = random(rnd, m, d);
      int[] trainLabels = rnd.ints(n, 0, 10).toArray();
      int[] testLabels = rnd.ints(m, 0, 10).toArray();
      WeightedKnnClassifier knn = WeightedKnnClassifier.builder().build();
      for (int rep = 0; rep < 2; rep++) {
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        KnnResult r = knn.evaluate(train, trainLabels, test, testLabels);
        double s = (System.nanoTime() - t) / 1e9;
        double c = (processCpuNanos() - cpu) / 1e9;
        System.out.printf(Locale.ROOT,
            "knn %d x %d x %d: %.2f s wall, %.2f s CPU (%.1f G multiply-adds per CPU second), top1 %.4f%n", n,
            m, d, s, c, (double) n * m * d / c / 1e9, r.top1());
      }
    } else if (what.equals("probe")) {
      int n = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
      int d = args.length > 2 ? Integer.parseInt(args[2]) : 512;
      int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20;
      FloatMatrix x = random(rnd, n, d);
      int[] y = new int[n];
      for (int i = 0; i < n; i++) { // labels from a noisy linear teacher on the first 10 dimensions
        int best = 0;
        for (int c = 1; c < 10; c++) {
          if (x.get(i, c) > x.get(i, best)) {
            best = c;
          }
        }
        y[i] = rnd.nextDouble() < 0.8 ? best : rnd.nextInt(10);
      }
      long t = System.nanoTime();
      long cpu = processCpuNanos();
      LinearProbeModel m = LinearProbe.builder().optMaxIterations(iterations).build().fit(x, y);
      double s = (System.nanoTime() - t) / 1e9;
      double c = (processCpuNanos() - cpu) / 1e9;
      System.out.printf(Locale.ROOT, "probe %d x %d, 10 classes: %d iterations, %.2f s wall, %.2f s CPU, "
          + "train top-1 %.4f%n", n, d, m.iterations(), s, c, m.accuracy(x, y));
    } else {
      int n = args.length > 1 ? Integer.parseInt(args[1]) : 70_000;
      int d = args.length > 2 ? Integer.parseInt(args[2]) : 784;
      int k = args.length > 3 ? Integer.parseInt(args[3]) : 10;
      FloatMatrix x = random(rnd, n, d);
      long t = System.nanoTime();
      long cpu = processCpuNanos();
      KMeansResult r = KMeans.builder().setClusters(k).build().fit(x);
      double s = (System.nanoTime() - t) / 1e9;
      double c = (processCpuNanos() - cpu) / 1e9;
      System.out.printf(Locale.ROOT,
          "kmeans %d x %d, k %d: %.2f s wall, %.2f s CPU, %d iterations in total, inertia %.6g%n", n, d, k, s, c,
          r.totalIterations(), r.inertia());
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static FloatMatrix random(SplittableRandom rnd, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextDouble(-1, 1);
    }
    return FloatMatrix.of(rows, cols, v);
  }
}
