package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.inference.ClusterPrediction;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predicted cluster of every image under every head of a model, from one pass over an image set. The pass
 * runs {@link SelfClassifierModel#predictImages} on one batch at a time and keeps only the cluster indices, so
 * memory stays at {@code heads x images} ints however large the heads are; it logs progress with an ETA
 * every tenth of the set (from 10 batches on).
 */
public final class HeadClusters {
  private static final Logger LOG = LoggerFactory.getLogger(HeadClusters.class);

  private final int[][] clusters;

  private HeadClusters(int[][] clusters) {
    this.clusters = clusters;
  }

  /**
   * Predicts the images' clusters under every head.
   *
   * @param model the model
   * @param images images of the model's input size and channels
   * @param batchSize images per forward pass
   * @return the clusters
   * @throws IllegalArgumentException if the images do not fit the model or the batch size is not positive
   */
  public static HeadClusters predict(SelfClassifierModel model, ByteImageSet images, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
    }
    int n = images.size();
    int[][] out = new int[model.numHeads()][n];
    long start = System.nanoTime();
    int batches = (n + batchSize - 1) / batchSize;
    int logEvery = batches < 10 ? Integer.MAX_VALUE : batches / 10;
    int[] indices = new int[0];
    for (int b = 0; b < batches; b++) {
      int from = b * batchSize;
      int count = Math.min(batchSize, n - from);
      if (indices.length != count) {
        indices = new int[count];
      }
      for (int i = 0; i < count; i++) {
        indices[i] = from + i;
      }
      List<ClusterPrediction> predictions = model.predictImages(images.subset(indices), 0, batchSize);
      for (int i = 0; i < count; i++) {
        int[] perHead = predictions.get(i).clustersOfAllHeads();
        for (int h = 0; h < perHead.length; h++) {
          out[h][from + i] = perHead[h];
        }
      }
      if ((b + 1) % logEvery == 0 && b + 1 < batches) {
        long elapsed = System.nanoTime() - start;
        long eta = (long) ((double) elapsed / (b + 1) * (batches - b - 1));
        Duration d = Duration.ofNanos(eta);
        LOG.info(String.format(Locale.ROOT, "predicted %d of %d images, eta %d:%02d:%02d", from + count, n,
            d.toHours(), d.toMinutesPart(), d.toSecondsPart()));
      }
    }
    return new HeadClusters(out);
  }

  /**
   * The number of heads.
   *
   * @return H
   */
  public int heads() {
    return clusters.length;
  }

  /**
   * The predicted cluster of every image under one head.
   *
   * @param head 0 to H-1
   * @return a copy of the clusters, in image order
   */
  public int[] of(int head) {
    return clusters[head].clone();
  }

  /**
   * The number of distinct clusters one head used.
   *
   * @param head 0 to H-1
   * @return the count of distinct predicted clusters
   */
  public int distinct(int head) {
    return (int) Arrays.stream(clusters[head]).distinct().count();
  }
}
