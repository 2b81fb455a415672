package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes small labelled image folders for the command-line tests: the generated shapes as 28x28 grayscale
 * PNGs, one sub-folder per shape named like an ImageNet WordNet id, with some images one folder deeper, one
 * file name holding a comma, and one corrupt file. Public for the tutorial tests.
 */
public final class TestImageFolders {
  /** Images per class. */
  static final int PER_CLASS = 8;
  /** Number of classes. */
  static final int CLASSES = 10;
  /** The corrupt file, relative to the folder. */
  public static final String CORRUPT = classFolder(0) + "/broken.png";

  private TestImageFolders() {}

  /** The class folder name of class c: a WordNet-like id, so the folders sort in class order. */
  static String classFolder(int c) {
    return String.format("n0100000%d", c);
  }

  /**
   * Writes the folder.
   *
   * @param root the folder to create
   * @return the image files written (without the corrupt one), in no particular order
   */
  public static List<Path> writeShapes(Path root) throws IOException {
    return writeShapes(root, 77);
  }

  /**
   * Writes a folder of other shape images of the same classes, e.g. a test set.
   *
   * @param root the folder to create
   * @param seed the seed of the generated shapes
   * @return the image files written (without the corrupt one), in no particular order
   */
  static List<Path> writeShapes(Path root, long seed) throws IOException {
    ByteImageSet shapes = SyntheticShapes.generate(PER_CLASS, CLASSES, 28, 1, seed);
    List<Path> files = new ArrayList<>();
    int[] labels = shapes.labels().orElseThrow();
    for (int i = 0; i < shapes.size(); i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          image.getRaster().setSample(x, y, 0, shapes.pixel(i, 0, y, x));
        }
      }
      String name = i == 13 ? "img,13.png" : String.format("img%03d.png", i);
      String sub = i % 5 == 0 ? "/deeper/" : "/";
      Path file = root.resolve(classFolder(labels[i]) + sub + name);
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
      files.add(file);
    }
    Files.write(root.resolve(CORRUPT), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    return files;
  }

  /** The class of an image file of such a folder: the index of its class folder. */
  public static int classOf(Path root, Path file) {
    String folder = root.relativize(file).getName(0).toString();
    for (int c = 0; c < CLASSES; c++) {
      if (classFolder(c).equals(folder)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not in a class folder: " + file);
  }
}
