package io.github.selfclassifier.djl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzip-compressed or not (detected from the
 * content). Images are {@code idx3-ubyte} (magic 0x00000803: count, rows, columns), labels
 * {@code idx1-ubyte} (magic 0x00000801: count). Debian's {@code dataset-fashion-mnist} package installs
 * Fashion-MNIST in {@link #DEBIAN_FASHION_MNIST}.
 */
public final class IdxFiles {
  /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private IdxFiles() {}

  /**
   * Reads a pair of image and label files into one labelled grayscale set.
   *
   * @param images an idx3-ubyte file
   * @param labels an idx1-ubyte file, or null for an unlabelled set
   * @return the images, 1 channel
   * @throws IOException if a file cannot be read, is not IDX, is truncated, or the counts disagree (the
   *     message names the file)
   */
  public static ByteImageSet read(Path images, Path labels) throws IOException {
    try (DataInputStream in = open(images)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new IOException(
            images + " is not an IDX image file (magic 0x" + Integer.toHexString(magic) + ", expected 0x803)");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 1 || rows < 1 || cols < 1) {
        throw new IOException(images + " declares an empty or invalid shape " + n + "x" + rows + "x" + cols);
      }
      byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(n, rows), cols)];
      readFully(in, pixels, images);
      int[] lb = labels == null ? null : readLabels(labels);
      if (lb != null && lb.length != n) {
        throw new IOException(images + " has " + n + " images but " + labels + " has " + lb.length + " labels");
      }
      return ByteImageSet.wrap(1, rows, cols, pixels, lb);
    }
  }

  /**
   * Reads an idx1-ubyte label file.
   *
   * @param labels the file
   * @return the labels, 0..255
   * @throws IOException if it cannot be read, is not IDX labels, or is truncated
   */
  public static int[] readLabels(Path labels) throws IOException {
    try (DataInputStream in = open(labels)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new IOException(
            labels + " is not an IDX label file (magic 0x" + Integer.toHexString(magic) + ", expected 0x801)");
      }
      int n = in.readInt();
      if (n < 1) {
        throw new IOException(labels + " declares " + n + " labels");
      }
      byte[] raw = new byte[n];
      readFully(in, raw, labels);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = raw[i] & 0xff;
      }
      return out;
    }
  }

  /**
   * Fashion-MNIST's training part (60,000 images) and test part (10,000 images) from a folder holding the
   * four standard files ({@code train-images-idx3-ubyte.gz}, ...; the {@code .gz} may be absent).
   *
   * @param folder the folder, e.g. {@link #DEBIAN_FASHION_MNIST}
   * @param train true for the training part, false for the test part
   * @return the labelled images
   * @throws IOException if the files are missing (the message says how to install them) or unreadable
   */
  public static ByteImageSet fashionMnist(Path folder, boolean train) throws IOException {
    String prefix = train ? "train" : "t10k";
    Path images = find(folder, prefix + "-images-idx3-ubyte");
    Path labels = find(folder, prefix + "-labels-idx1-ubyte");
    return read(images, labels);
  }

  private static Path find(Path folder, String name) throws IOException {
    for (String candidate : new String[] {name + ".gz", name}) {
      Path p = folder.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IOException(
        "no " + name + "[.gz] in " + folder + " (on Debian: apt-get install dataset-fashion-mnist)");
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new DataInputStream(in);
  }

  private static void readFully(DataInputStream in, byte[] out, Path file) throws IOException {
    try {
      in.readFully(out);
    } catch (EOFException e) {
      throw new IOException(file + " is truncated: expected " + out.length + " bytes of data", e);
    }
  }
}
