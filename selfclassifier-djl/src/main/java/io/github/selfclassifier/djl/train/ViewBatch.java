package io.github.selfclassifier.djl.train;

/**
 * The views of one batch, laid out as the model reads them: all samples of view 0, then all of view 1, and
 * so on, each image {@code C x size x size} floats.
 *
 * @param indices the dataset index of each sample, in batch order
 * @param labels the label of each sample, or null for unlabelled data
 * @param globalViews the two global views, {@code 2 * B * C * G * G} floats, view-major
 * @param localViews the local views, {@code L * B * C * S * S} floats, view-major; empty when L is 0
 */
public record ViewBatch(long[] indices, int[] labels, float[] globalViews, float[] localViews) {

  /**
   * The number of samples.
   *
   * @return B
   */
  public int size() {
    return indices.length;
  }
}
