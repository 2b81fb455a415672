package io.github.selfclassifier.benchmarks;

import java.util.SplittableRandom;

/**
 * Deterministic ("ImageNet-like") true and predicted labels, shared by every benchmark, by
 * {@link PeerAgreement} and by {@link WriteLabelFiles} (which writes them for the scikit-learn script), so
 * that all of them score exactly the same inputs.
 *
 * <p>Truth: {@code classes} balanced classes ({@code n / classes} samples each, the first {@code n % classes}
 * classes one more), in a seeded random order. Predictions look like a real model's rather than a permuted
 * copy of the truth:
 *
 * <ul>
 *   <li>every class has "home" clusters: a fixed random map class to cluster; with {@code clusters = k *
 *       classes} a class splits evenly over {@code k} homes (with fewer clusters than classes, classes share);
 *   <li>with probability {@link #KEEP} a sample goes to one of its class's homes (uniformly);
 *   <li>with probability {@link #CONFUSED} it goes to one of {@link #CONFUSERS} clusters fixed per class (the
 *       homes of "similar" classes, chosen at random), with weights 4:3:2:1;
 *   <li>otherwise to a uniformly random cluster (noise).
 * </ul>
 *
 * At 50,000 samples, 1,000 classes and 1,000 clusters this gives 14,666 non-zero cells and NMI 0.721, AMI
 * 0.506, ARI 0.232, ACC 0.448 (figures from {@link PeerAgreement}).
 */
public final class ImageNetLikeLabels {
  /** The seed of every benchmark input. */
  public static final long SEED = 20_240_611L;
  /** Probability that a sample lands in one of its class's home clusters. */
  public static final double KEEP = 0.45;
  /** Probability that a sample lands in one of its class's confuser clusters. */
  public static final double CONFUSED = 0.35;
  /** Number of confuser clusters per class. */
  public static final int CONFUSERS = 4;

  private static final double[] CONFUSER_CDF = {0.4, 0.7, 0.9, 1.0};

  /** The number of samples. */
  public final int n;
  /** The number of classes asked for (all occur when n is at least classes). */
  public final int classes;
  /** The number of clusters asked for (nearly all occur unless n is small). */
  public final int clusters;
  /** The true label of every sample, in {@code 0..classes-1}. */
  public final int[] truth;
  /** The predicted cluster of every sample, in {@code 0..clusters-1}. */
  public final int[] predicted;

  private ImageNetLikeLabels(int n, int classes, int clusters, int[] truth, int[] predicted) {
    this.n = n;
    this.classes = classes;
    this.clusters = clusters;
    this.truth = truth;
    this.predicted = predicted;
  }

  /**
   * Generates labels with the default {@link #SEED}.
   *
   * @param n samples
   * @param classes true classes
   * @param clusters predicted clusters
   * @return the labels
   */
  public static ImageNetLikeLabels generate(int n, int classes, int clusters) {
    return generate(n, classes, clusters, SEED);
  }

  /**
   * Generates labels.
   *
   * @param n samples
   * @param classes true classes
   * @param clusters predicted clusters
   * @param seed the random seed; equal arguments give equal labels
   * @return the labels
   */
  public static ImageNetLikeLabels generate(int n, int classes, int clusters, long seed) {
    if (n < 1 || classes < 1 || clusters < 1) {
      throw new IllegalArgumentException("n, classes and clusters must be positive");
    }
    SplittableRandom rnd = new SplittableRandom(seed);

    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = i % classes;
    }
    shuffle(truth, rnd);

    // Homes: a random permutation of the clusters dealt to the classes round-robin.
    int[] perm = new int[clusters];
    for (int k = 0; k < clusters; k++) {
      perm[k] = k;
    }
    shuffle(perm, rnd);
    int[][] homes = new int[classes][];
    for (int c = 0; c < classes; c++) {
      if (clusters >= classes) {
        int count = clusters / classes + (c < clusters % classes ? 1 : 0);
        homes[c] = new int[count];
        for (int h = 0; h < count; h++) {
          homes[c][h] = perm[c + h * classes];
        }
      } else {
        homes[c] = new int[] {perm[c % clusters]};
      }
    }

    int[][] confusers = new int[classes][CONFUSERS];
    for (int c = 0; c < classes; c++) {
      for (int q = 0; q < CONFUSERS; q++) {
        confusers[c][q] = rnd.nextInt(clusters);
      }
    }

    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      int c = truth[i];
      double u = rnd.nextDouble();
      if (u < KEEP) {
        int[] h = homes[c];
        predicted[i] = h.length == 1 ? h[0] : h[rnd.nextInt(h.length)];
      } else if (u < KEEP + CONFUSED) {
        double v = rnd.nextDouble();
        int q = 0;
        while (v >= CONFUSER_CDF[q]) {
          q++;
        }
        predicted[i] = confusers[c][q];
      } else {
        predicted[i] = rnd.nextInt(clusters);
      }
    }
    return new ImageNetLikeLabels(n, classes, clusters, truth, predicted);
  }

  private static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  @Override
  public String toString() {
    return "ImageNetLikeLabels[n=" + n + ", classes=" + classes + ", clusters=" + clusters + "]";
  }
}
