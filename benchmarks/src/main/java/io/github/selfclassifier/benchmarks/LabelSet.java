package io.github.selfclassifier.benchmarks;

/**
 * The named label sets that {@link WriteLabelFiles} writes for the scikit-learn script and that
 * {@link PeerAgreement} scores; the JMH benchmarks generate the same sets from the same parameters.
 */
public enum LabelSet {
  /** ImageNet validation size, one cluster per class. */
  N50K_1000X1000(50_000, 1_000, 1_000),
  /** ImageNet validation size, two clusters per class. */
  N50K_1000X2000(50_000, 1_000, 2_000),
  /** ImageNet train size, eight clusters per class (the over-clustering accuracy, ACC only). */
  N1281167_1000X8000(1_281_167, 1_000, 8_000),
  /** A small set on which even Smile's AMI finishes, for value agreement. */
  N5K_100X100(5_000, 100, 100);

  /** Samples. */
  public final int n;
  /** Classes. */
  public final int classes;
  /** Clusters. */
  public final int clusters;

  LabelSet(int n, int classes, int clusters) {
    this.n = n;
    this.classes = classes;
    this.clusters = clusters;
  }

  /**
   * The file-name stem, e.g. {@code n50000_c1000_k1000}.
   *
   * @return the stem
   */
  public String stem() {
    return "n" + n + "_c" + classes + "_k" + clusters;
  }

  /**
   * Generates the labels with the default seed.
   *
   * @return the labels
   */
  public ImageNetLikeLabels labels() {
    return ImageNetLikeLabels.generate(n, classes, clusters);
  }
}
