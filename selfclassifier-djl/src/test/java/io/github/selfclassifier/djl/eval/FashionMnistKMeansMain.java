package io.github.selfclassifier.djl.eval;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a test: the k-means baseline on raw Fashion-MNIST pixels (all 70,000 images, 784 values in [0, 1],
 * k = 10), scored with {@link ExactClusterMetrics}. Needs Debian's dataset-fashion-mnist. Run from the
 * worktree root after {@code mvn -o -pl selfclassifier-djl -am test-compile}, with the classpath of
 * selfclassifier-djl:
 *
 * <pre>
 * java -cp ... io.github.selfclassifier.djl.eval.FashionMnistKMeansMain [folder] [restarts] [seed]
 * </pre>
 */
public final class FashionMnistKMeansMain {
  private FashionMnistKMeansMain() {}

  /**
   * Entry point.
   *
   * @param args optional: the IDX folder (default /usr/share/datasets/fashion-mnist), restarts (10), seed (0)
   * @throws IOException if the files cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    int restarts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    ByteImageSet images = IdxFiles.fashionMnist(folder, true).concat(IdxFiles.fashionMnist(folder, false));
    int n = images.size();
    int dim = images.channels() * images.height() * images.width();
    float[] pixels = new float[n * dim];
    float[] one = new float[dim];
    for (int i = 0; i < n; i++) {
      images.copyImage(i, one);
      System.arraycopy(one, 0, pixels, i * dim, dim);
    }
    FloatMatrix x = FloatMatrix.of(n, dim, pixels);
    long t = System.nanoTime();
    long cpu = EvalThroughputMain.processCpuNanos();
    KMeansResult result = KMeans.builder().setClusters(10).optRestarts(restarts).optSeed(seed).build().fit(x);
    double wall = (System.nanoTime() - t) / 1e9;
    double cpuSeconds = (EvalThroughputMain.processCpuNanos() - cpu) / 1e9;
    ClusteringScores s =
        new ExactClusterMetrics().scores(images.labels().orElseThrow(), result.labels(), MetricsOptions.defaults());
    System.out.printf(Locale.ROOT,
        "k-means k=10 on %d x %d raw pixels, %d restarts, seed %d: NMI %.4f AMI %.4f ARI %.4f ACC %.4f; "
            + "inertia %.6g, best restart %d iterations (converged %b), %d iterations in total; "
            + "%.1f s wall, %.1f s CPU%n",
        n, dim, restarts, seed, s.nmi(), s.ami(), s.ari(), s.acc(), result.inertia(), result.iterations(),
        result.converged(), result.totalIterations(), wall, cpuSeconds);
  }
}
