package io.github.selfclassifier.djl.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of loading an image folder ({@link ImageFolder#load}): the images, the class names (label
 * {@code i} is {@code classNames().get(i)}), the file of each image in data-set order, and the load report.
 */
public final class ImageFolderDataset {
  private final ByteImageSet images;
  private final List<String> classNames;
  private final List<Path> files;
  private final ImageFolderLoadReport report;

  /**
   * Assembles a result.
   *
   * @param images the images, labelled if {@code classNames} is not empty
   * @param classNames the class names in label order; empty for an unlabelled load
   * @param files the file of each image, in the images' order
   * @param report the load report
   * @throws IllegalArgumentException if the counts disagree
   */
  public ImageFolderDataset(
      ByteImageSet images, List<String> classNames, List<Path> files, ImageFolderLoadReport report) {
    this.images = Objects.requireNonNull(images, "images");
    this.classNames = List.copyOf(classNames);
    this.files = List.copyOf(files);
    this.report = Objects.requireNonNull(report, "report");
    if (files.size() != images.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + files.size() + " files");
    }
    if (images.isLabelled() == classNames.isEmpty()) {
      throw new IllegalArgumentException("labels and class names must come together");
    }
  }

  /**
   * The images (labelled for a labelled load).
   *
   * @return the image set
   */
  public ByteImageSet images() {
    return images;
  }

  /**
   * The class names: the sorted class sub-folder names, label {@code i} being name {@code i}.
   *
   * @return the names, empty for an unlabelled load
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The file each image was read from.
   *
   * @return one path per image, in data-set order
   */
  public List<Path> files() {
    return files;
  }

  /**
   * What was found, loaded and skipped.
   *
   * @return the report
   */
  public ImageFolderLoadReport report() {
    return report;
  }

  @Override
  public String toString() {
    return "ImageFolderDataset[" + images + ", " + classNames.size() + " classes, " + report + "]";
  }
}
