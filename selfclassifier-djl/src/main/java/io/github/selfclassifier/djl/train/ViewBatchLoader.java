package io.github.selfclassifier.djl.train;

import io.github.selfclassifier.api.augment.AugmentationSeeds;
import io.github.selfclassifier.api.augment.Augmenter;
import io.github.selfclassifier.djl.augment.FloatImage;
import io.github.selfclassifier.djl.data.ByteImageSet;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares the views of the batches of an epoch on background threads, a bounded number of batches ahead,
 * and hands them out in order.
 *
 * <p>Deterministic: the batch order comes from {@link EpochOrder} and each sample's views from its own
 * generator seeded by {@link AugmentationSeeds#sampleSeed(long, long, long)} of (run seed, epoch, dataset
 * index), so neither the number of threads nor their timing changes a single float. Not thread-safe: one
 * consumer.
 */
public final class ViewBatchLoader implements AutoCloseable {
  private final ByteImageSet images;
  private final Augmenter<FloatImage, FloatImage> augmenter;
  private final EpochOrder order;
  private final long seed;
  private final int prefetchDepth;
  private final int globalSize;
  private final int localSize;
  private final int channels;
  private final ExecutorService workers;
  private final ArrayDeque<Future<ViewBatch>> pending = new ArrayDeque<>();
  private int epoch = -1;
  private int[] permutation;
  private long nextToSubmit;

  /**
   * Creates a loader; no work starts before {@link #startEpoch}.
   *
   * @param images the dataset
   * @param augmenter makes the views of one image; views 0 and 1 of side {@code globalSize}, the others of
   *     side {@code localSize}
   * @param order the batch order
   * @param seed the run seed
   * @param channels the channels of every view
   * @param globalSize the side of the global views
   * @param localSize the side of the local views
   * @param threads the number of worker threads, at least 1
   * @param prefetchDepth the number of batches prepared ahead, at least 1
   */
  public ViewBatchLoader(
      ByteImageSet images,
      Augmenter<FloatImage, FloatImage> augmenter,
      EpochOrder order,
      long seed,
      int channels,
      int globalSize,
      int localSize,
      int threads,
      int prefetchDepth) {
    if (threads < 1 || prefetchDepth < 1) {
      throw new IllegalArgumentException("need threads >= 1 and prefetchDepth >= 1");
    }
    this.images = Objects.requireNonNull(images, "images");
    this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
    this.order = Objects.requireNonNull(order, "order");
    this.seed = seed;
    this.channels = channels;
    this.globalSize = globalSize;
    this.localSize = localSize;
    this.prefetchDepth = prefetchDepth;
    AtomicInteger count = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "selfclassifier-views-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts (or restarts) at a batch of an epoch, dropping batches prepared for another position.
   *
   * @param epoch the epoch, from 0
   * @param firstStep the first batch to hand out, in [0, stepsPerEpoch]
   */
  public void startEpoch(int epoch, long firstStep) {
    cancelPending();
    this.epoch = epoch;
    this.permutation = order.permutation(epoch);
    this.nextToSubmit = firstStep;
    fill();
  }

  /**
   * The next batch of the epoch, waiting for it if needed.
   *
   * @return the batch
   * @throws IllegalStateException if the epoch has no batch left or a worker failed
   */
  public ViewBatch next() {
    Future<ViewBatch> head = pending.poll();
    if (head == null) {
      throw new IllegalStateException("no batch left in epoch " + epoch);
    }
    fill();
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for views", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("preparing views failed", e.getCause());
    }
  }

  /**
   * Prepares one batch on the calling thread (what the workers run).
   *
   * @param epoch the epoch, for the views' seeds
   * @param indices the dataset indices of the batch
   * @return the batch
   */
  public ViewBatch prepare(int epoch, int[] indices) {
    int b = indices.length;
    int views = augmenter.viewCount();
    int globalPer = channels * globalSize * globalSize;
    int localPer = channels * localSize * localSize;
    float[] global = new float[2 * b * globalPer];
    float[] local = new float[(views - 2) * b * localPer];
    long[] longIndices = new long[b];
    int[] labels = images.isLabelled() ? new int[b] : null;
    float[] pixels = new float[images.channels() * images.height() * images.width()];
    for (int s = 0; s < b; s++) {
      int index = indices[s];
      longIndices[s] = index;
      if (labels != null) {
        labels[s] = images.label(index);
      }
      images.copyImage(index, pixels);
      FloatImage image = FloatImage.wrap(images.channels(), images.height(), images.width(), pixels.clone());
      List<FloatImage> out = augmenter.augment(image, AugmentationSeeds.sampleSeed(seed, epoch, index));
      for (int v = 0; v < views; v++) {
        float[] data = out.get(v).data();
        if (v < 2) {
          System.arraycopy(data, 0, global, (v * b + s) * globalPer, globalPer);
        } else {
          System.arraycopy(data, 0, local, ((v - 2) * b + s) * localPer, localPer);
        }
      }
    }
    return new ViewBatch(longIndices, labels, global, local);
  }

  private void fill() {
    while (pending.size() < prefetchDepth && nextToSubmit < order.stepsPerEpoch()) {
      int[] indices = order.batch(permutation, nextToSubmit++);
      int e = epoch;
      pending.add(workers.submit(() -> prepare(e, indices)));
    }
  }

  private void cancelPending() {
    for (Future<ViewBatch> f : pending) {
      f.cancel(true);
    }
    pending.clear();
  }

  /** Stops the workers. */
  @Override
  public void close() {
    cancelPending();
    workers.shutdownNow();
  }
}
