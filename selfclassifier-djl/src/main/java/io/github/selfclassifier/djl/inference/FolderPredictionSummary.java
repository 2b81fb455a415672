package io.github.selfclassifier.djl.inference;

import io.github.selfclassifier.djl.data.ImageFolderLoadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What a folder prediction did.
 *
 * @param folder the image folder
 * @param predicted the number of images predicted (rows written)
 * @param skipped the unreadable image files, in path order
 * @param csv the CSV file written, or null
 * @param json the JSON file written, or null
 */
public record FolderPredictionSummary(
    Path folder, int predicted, List<ImageFolderLoadReport.SkippedImage> skipped, Path csv, Path json) {
  /** Copies the list. */
  public FolderPredictionSummary {
    skipped = List.copyOf(skipped);
  }
}
