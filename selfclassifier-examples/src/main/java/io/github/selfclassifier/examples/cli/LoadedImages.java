package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.ImageFolderLoadReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The images a {@link DataSource} loaded, with what the commands need to report on them.
 *
 * @param description what was loaded, for messages, e.g. {@code "image folder photos/"}
 * @param root the image folder, or null for Fashion-MNIST and the shapes
 * @param images the images, labelled when the source has labels
 * @param classNames the class names in label order (sub-folder names for a folder); empty when unlabelled
 * @param files the file of each image for a folder, in image order; empty otherwise
 * @param skipped the unreadable files that were skipped
 */
public record LoadedImages(String description, Path root, ByteImageSet images, List<String> classNames,
    List<Path> files, List<ImageFolderLoadReport.SkippedImage> skipped) {

  /** Copies the lists and checks that files, if any, match the images. */
  public LoadedImages {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(images, "images");
    classNames = images.isLabelled() ? List.copyOf(classNames) : List.of();
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    if (!files.isEmpty() && files.size() != images.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + files.size() + " files");
    }
  }

  /**
   * Whether the images have true labels.
   *
   * @return true for a labelled folder, Fashion-MNIST and the shapes
   */
  public boolean isLabelled() {
    return images.isLabelled();
  }

  /**
   * The true labels.
   *
   * @return a copy of the labels
   * @throws CliException naming the source if it has none
   */
  public int[] labels() {
    return images.labels().orElseThrow(() -> new CliException(description + " has no labels"));
  }

  /**
   * Whether classes are named by folder names (an image folder) rather than by their index (Fashion-MNIST, the
   * shapes); superclass files refer to classes this way.
   *
   * @return true for an image folder
   */
  public boolean classesNamedByFolder() {
    return root != null;
  }

  /**
   * How an image is named in output files: its path relative to the folder, {@code /}-separated, or empty for
   * a source without files.
   *
   * @param index the image index
   * @return the relative path, or ""
   */
  public String relativePath(int index) {
    if (files.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Path element : root.relativize(files.get(index))) {
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(element);
    }
    return s.toString();
  }

  /**
   * A one-line summary: description, count, shape, classes, skipped files.
   *
   * @return e.g. {@code "image folder photos/: 1,200 images of 3x224x224, 10 classes (2 unreadable files
   *     skipped)"}
   */
  public String summary() {
    String s = String.format(Locale.ROOT, "%s: %,d images of %dx%dx%d", description, images.size(),
        images.channels(), images.height(), images.width());
    s += isLabelled() ? ", " + classNames.size() + " classes" : ", unlabelled";
    if (!skipped.isEmpty()) {
      s += " (" + skipped.size() + " unreadable file" + (skipped.size() == 1 ? "" : "s") + " skipped, the first: "
          + skipped.get(0).file() + ")";
    }
    return s;
  }
}
