package io.github.selfclassifier.djl.eval;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Told after every batch of a feature extraction (on the extracting thread). */
@FunctionalInterface
public interface ExtractionProgressListener {

  /**
   * Called after each batch.
   *
   * @param progress where the extraction stands
   */
  void onBatch(ExtractionProgress progress);

  /**
   * A listener that logs (SLF4J, INFO) every {@code everyBatches} batches and after the last one: images
   * done, percent, images per second and ETA.
   *
   * @param everyBatches the interval, at least 1
   * @return the listener
   * @throws IllegalArgumentException if the interval is below 1
   */
  static ExtractionProgressListener logEvery(int everyBatches) {
    if (everyBatches < 1) {
      throw new IllegalArgumentException("everyBatches must be at least 1, got " + everyBatches);
    }
    Logger log = LoggerFactory.getLogger(FeatureExtractor.class);
    return p -> {
      if (p.batch() % everyBatches == 0 || p.isDone()) {
        log.info(format(p));
      }
    };
  }

  /**
   * A listener that does nothing.
   *
   * @return the listener
   */
  static ExtractionProgressListener silent() {
    return p -> {};
  }

  /**
   * The progress line of {@link #logEvery}.
   *
   * @param p the progress
   * @return e.g. {@code "features: 2560/70000 images (3.7%), 850.2 images/s, eta 0:01:19"}
   */
  static String format(ExtractionProgress p) {
    Duration eta = Duration.ofNanos(p.etaNanos());
    return String.format(Locale.ROOT, "features: %d/%d images (%.1f%%), %.1f images/s, eta %d:%02d:%02d",
        p.images(), p.totalImages(), 100.0 * p.images() / p.totalImages(), p.imagesPerSecond(), eta.toHours(),
        eta.toMinutesPart(), eta.toSecondsPart());
  }
}
