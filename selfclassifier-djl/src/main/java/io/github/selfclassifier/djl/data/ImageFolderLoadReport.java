package io.github.selfclassifier.djl.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an image-folder load found: how many image files (by extension), how many were loaded, and which
 * were skipped and why.
 *
 * @param root the folder that was loaded
 * @param found image files found (loaded plus skipped)
 * @param loaded images decoded into the set
 * @param skipped the unreadable files, in path order
 */
public record ImageFolderLoadReport(Path root, int found, int loaded, List<SkippedImage> skipped) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the counts disagree
   */
  public ImageFolderLoadReport {
    Objects.requireNonNull(root, "root");
    skipped = List.copyOf(skipped);
    if (found != loaded + skipped.size()) {
      throw new IllegalArgumentException(
          found + " files found but " + loaded + " loaded and " + skipped.size() + " skipped");
    }
  }

  /**
   * One file that could not be decoded.
   *
   * @param file the file
   * @param reason why (the decoder's message, or that no decoder recognised the content)
   */
  public record SkippedImage(Path file, String reason) {}

  @Override
  public String toString() {
    return "ImageFolderLoadReport[" + root + ": " + found + " image files, " + loaded + " loaded, "
        + skipped.size() + " skipped]";
  }
}
