package io.github.selfclassifier.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one CSV row per image of a {@link LoadedImages}: {@code index,path,label,class} and then one column
 * per clustering ({@code head_0}, {@code head_1}, ... or any other column names). {@code path} is relative to
 * the image folder ({@code /}-separated; empty for Fashion-MNIST and the shapes), {@code label} and {@code
 * class} are the true class index and name (empty when unlabelled). Fields holding a comma, quote or line break
 * are quoted as RFC 4180 says.
 */
public final class PredictionsCsv {
  private PredictionsCsv() {}

  /**
   * Writes the file (parent folders are created).
   *
   * @param file the CSV file
   * @param images the images, in the order of the cluster arrays
   * @param columns the names of the cluster columns
   * @param clusters one array per column, one cluster per image
   * @throws CliException if the file cannot be written
   * @throws IllegalArgumentException if the column count or an array length does not match
   */
  public static void write(Path file, LoadedImages images, List<String> columns, List<int[]> clusters) {
    if (columns.size() != clusters.size()) {
      throw new IllegalArgumentException(columns.size() + " column names for " + clusters.size() + " columns");
    }
    int n = images.images().size();
    for (int[] c : clusters) {
      if (c.length != n) {
        throw new IllegalArgumentException(n + " images but " + c.length + " clusters");
      }
    }
    int[] labels = images.isLabelled() ? images.labels() : null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
        w.write("index,path,label,class");
        for (String c : columns) {
          w.write(',');
          w.write(field(c));
        }
        w.write('\n');
        for (int i = 0; i < n; i++) {
          w.write(Integer.toString(i));
          w.write(',');
          w.write(field(images.relativePath(i)));
          w.write(',');
          if (labels != null) {
            w.write(Integer.toString(labels[i]));
            w.write(',');
            w.write(field(images.classNames().get(labels[i])));
          } else {
            w.write(',');
          }
          for (int[] c : clusters) {
            w.write(',');
            w.write(Integer.toString(c[i]));
          }
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One CSV field: as is, or quoted with inner quotes doubled when it holds a comma, quote or line break.
   *
   * @param value the text
   * @return the field
   */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
