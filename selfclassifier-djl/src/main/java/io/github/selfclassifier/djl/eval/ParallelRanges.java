package io.github.selfclassifier.djl.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a task over {@code [0, n)} split into contiguous ranges, one per thread, and waits for all of them.
 * Each range is computed independently, so results do not depend on the thread count or on scheduling.
 */
final class ParallelRanges {

  /** The work for one range. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  private ParallelRanges() {}

  /** The default thread count: the available processors. */
  static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs the task on up to {@code threads} contiguous ranges of {@code [0, n)}.
   *
   * @param threads the maximum number of threads, at least 1
   * @param n the size of the index range
   * @param task the work
   */
  static void run(int threads, int n, RangeTask task) {
    int parts = Math.max(1, Math.min(threads, n));
    if (parts == 1) {
      task.run(0, n);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
      Thread t = new Thread(r, "selfclassifier-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        int from = (int) ((long) n * p / parts);
        int to = (int) ((long) n * (p + 1) / parts);
        futures.add(pool.submit(() -> task.run(from, to)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for worker threads", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
