package io.github.selfclassifier.djl.eval;

/**
 * Where a feature extraction stands after a batch.
 *
 * @param batch the batch just finished, 1-based
 * @param batches the number of batches
 * @param images the images done so far
 * @param totalImages the number of images
 * @param elapsedNanos the time since the extraction started
 */
public record ExtractionProgress(int batch, int batches, int images, int totalImages, long elapsedNanos) {

  /**
   * The throughput so far.
   *
   * @return images per second (0 before any time has passed)
   */
  public double imagesPerSecond() {
    return elapsedNanos > 0 ? images * 1e9 / elapsedNanos : 0;
  }

  /**
   * The estimated time left at the throughput so far.
   *
   * @return nanoseconds, 0 when done
   */
  public long etaNanos() {
    return images > 0 ? (long) ((double) elapsedNanos * (totalImages - images) / images) : 0;
  }

  /**
   * Whether this is the last batch.
   *
   * @return true when every image is done
   */
  public boolean isDone() {
    return images == totalImages;
  }
}
