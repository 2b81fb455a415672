package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderDataset;
import io.github.selfclassifier.djl.data.ImageFolderLoadReport;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import io.github.selfclassifier.djl.data.SyntheticShapes;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a command's images come from, as written after {@code --data}: an image folder, Fashion-MNIST (from
 * Debian's IDX files or a folder holding them) or the generated shapes. {@link #parse} reads the text, {@link
 * #load} reads the images; neither depends on picocli, so any command can take several sources under its own
 * option names (e.g. {@code --train-data} and {@code --test-data}) with {@link Converter}.
 *
 * <p>Spellings:
 *
 * <ul>
 *   <li>{@code shapes}: {@value #SHAPES_PER_CLASS} images of each of 10 generated shapes (the quick start's
 *       set, {@link SyntheticShapes}), labelled, any size and channel count (default 28 px, grayscale);
 *   <li>{@code fashion-mnist} (train and test parts, 70,000 images), {@code fashion-mnist-train} (60,000),
 *       {@code fashion-mnist-test} (10,000), each optionally followed by {@code :DIR} for a folder holding the
 *       four IDX files (default Debian's {@link IdxFiles#DEBIAN_FASHION_MNIST}); 28x28 grayscale, labelled;
 *   <li>anything else is an image folder: labelled (one sub-folder per class, classes in name order) when it
 *       has sub-folders, else unlabelled; {@link DataLoadOptions#unlabelled()} reads every image at any depth
 *       without labels. A folder literally named {@code shapes} is written {@code ./shapes}.
 * </ul>
 */
public final class DataSource {
  /** Images per class of the {@code shapes} source (3,000 in all, as the quick start). */
  public static final int SHAPES_PER_CLASS = 300;
  /** The seed of the {@code shapes} source. */
  public static final long SHAPES_SEED = 2024;
  /** Fashion-MNIST's class names in label order (Zalando's README). */
  public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  /** The spellings, for help texts and error messages. */
  public static final String SPELLINGS =
      "an image folder, fashion-mnist[:DIR], fashion-mnist-train[:DIR], fashion-mnist-test[:DIR] or shapes";

  /** The kinds of source. */
  public enum Kind {
    /** An image folder. */
    FOLDER,
    /** Fashion-MNIST, train and test parts. */
    FASHION_MNIST,
    /** Fashion-MNIST, train part. */
    FASHION_MNIST_TRAIN,
    /** Fashion-MNIST, test part. */
    FASHION_MNIST_TEST,
    /** The generated shapes. */
    SHAPES
  }

  private final String text;
  private final Kind kind;
  private final Path path;

  private DataSource(String text, Kind kind, Path path) {
    this.text = text;
    this.kind = kind;
    this.path = path;
  }

  /**
   * Reads a source as written on the command line.
   *
   * @param text e.g. {@code images/}, {@code fashion-mnist}, {@code fashion-mnist-test:/data/fmnist}, {@code
   *     shapes}
   * @return the source (nothing is read yet)
   * @throws IllegalArgumentException if the text is empty, or {@code shapes} has a suffix, or a Fashion-MNIST
   *     spelling has an empty folder
   */
  public static DataSource parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty data source; expected " + SPELLINGS);
    }
    if (text.equals("shapes")) {
      return new DataSource(text, Kind.SHAPES, null);
    }
    if (text.startsWith("shapes:")) {
      throw new IllegalArgumentException("'shapes' takes no folder, found '" + text + "'");
    }
    for (Kind k : new Kind[] {Kind.FASHION_MNIST_TRAIN, Kind.FASHION_MNIST_TEST, Kind.FASHION_MNIST}) {
      String name = keyword(k);
      if (text.equals(name)) {
        return new DataSource(text, k, IdxFiles.DEBIAN_FASHION_MNIST);
      }
      if (text.startsWith(name + ":")) {
        String dir = text.substring(name.length() + 1);
        if (dir.isBlank()) {
          throw new IllegalArgumentException("no folder after '" + name + ":'");
        }
        return new DataSource(text, k, Path.of(dir));
      }
    }
    return new DataSource(text, Kind.FOLDER, Path.of(text));
  }

  private static String keyword(Kind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The kind of source.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The image folder, or the folder of the IDX files.
   *
   * @return the folder, or null for {@code shapes}
   */
  public Path path() {
    return path;
  }

  /**
   * Whether the images are (a part of) Fashion-MNIST: a fixed 28x28 grayscale shape, and a preset of their
   * own in {@code train}.
   *
   * @return true for the Fashion-MNIST sources
   */
  public boolean isFashionMnist() {
    return kind == Kind.FASHION_MNIST || kind == Kind.FASHION_MNIST_TRAIN || kind == Kind.FASHION_MNIST_TEST;
  }

  /**
   * The image side used when none is asked for: 224 for folders (the paper's), 28 otherwise.
   *
   * @return the default size in pixels
   */
  public int defaultSize() {
    return kind == Kind.FOLDER ? 224 : 28;
  }

  /**
   * The channel count used when none is asked for: 3 for folders, 1 otherwise.
   *
   * @return 1 or 3
   */
  public int defaultChannels() {
    return kind == Kind.FOLDER ? 3 : 1;
  }

  /**
   * Loads the images.
   *
   * @param options size, channels, labelling, strictness and subset
   * @return the images with their class names, files and skipped files
   * @throws CliException if a path is missing, not a folder, holds no images, an image is corrupt in strict
   *     mode, the IDX files are missing or damaged, or a size or channel count does not fit the source; the
   *     message names the path
   */
  public LoadedImages load(DataLoadOptions options) {
    int size = options.size() > 0 ? options.size() : defaultSize();
    int channels = options.channels() > 0 ? options.channels() : defaultChannels();
    if (isFashionMnist() && (size != 28 || channels != 1)) {
      throw new CliException("--data " + text + " holds 28x28 grayscale images, not " + channels + "x" + size
          + "x" + size + (options.sizeFromModel() ? " as the model takes" : "")
          + "; Fashion-MNIST cannot be resized or coloured");
    }
    try {
      return switch (kind) {
        case SHAPES -> subset(new LoadedImages("generated shapes", null,
            SyntheticShapes.generate(SHAPES_PER_CLASS, 10, size, channels, SHAPES_SEED),
            List.of(SyntheticShapes.CLASS_NAMES), List.of(), List.of()), options);
        case FASHION_MNIST, FASHION_MNIST_TRAIN, FASHION_MNIST_TEST -> subset(fashionMnist(), options);
        case FOLDER -> folder(size, channels, options);
      };
    } catch (NoSuchFileException e) {
      throw new CliException("no such image folder: " + text + " (--data takes " + SPELLINGS + ")", e);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "cannot be read" : e.getReason();
      throw new CliException("--data " + e.getFile() + ": " + reason, e);
    } catch (IOException e) {
      throw new CliException("cannot read --data " + text + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  private LoadedImages fashionMnist() throws IOException {
    if (!Files.isDirectory(path)) {
      throw new CliException("no Fashion-MNIST folder " + path + " for --data " + text
          + (path.equals(IdxFiles.DEBIAN_FASHION_MNIST)
              ? " (on Debian: apt-get install dataset-fashion-mnist; elsewhere: " + keyword(kind)
                  + ":DIR with the four IDX files)"
              : ""));
    }
    ByteImageSet images = switch (kind) {
      case FASHION_MNIST_TRAIN -> IdxFiles.fashionMnist(path, true);
      case FASHION_MNIST_TEST -> IdxFiles.fashionMnist(path, false);
      default -> IdxFiles.fashionMnist(path, true).concat(IdxFiles.fashionMnist(path, false));
    };
    String what = switch (kind) {
      case FASHION_MNIST_TRAIN -> "Fashion-MNIST train";
      case FASHION_MNIST_TEST -> "Fashion-MNIST test";
      default -> "Fashion-MNIST train+test";
    };
    return new LoadedImages(what + " from " + path, null, images, FASHION_MNIST_CLASSES, List.of(), List.of());
  }

  private LoadedImages folder(int size, int channels, DataLoadOptions options) throws IOException {
    boolean labelled = !options.unlabelled() && hasSubFolders(path);
    ImageFolderOptions.Builder b = ImageFolderOptions.builder()
        .setSize(size)
        .optChannels(channels)
        .optLabelled(labelled)
        .optStrict(options.strict());
    if (options.interpolation() != null) {
      b.optInterpolation(options.interpolation());
    }
    ImageFolderOptions folderOptions = b.build();
    String what = "image folder " + path;
    if (options.maxImages() <= 0) {
      ImageFolderDataset d = ImageFolder.load(path, folderOptions);
      return new LoadedImages(what, path, d.images(), d.classNames(), d.files(), d.report().skipped());
    }
    // a subset: choose files before decoding, so a trial run on a big folder decodes only what it uses
    ImageFolder.ImageFolderListing listing = ImageFolder.list(path, labelled);
    int[] chosen = chooseSubset(listing.files().size(), options.maxImages());
    List<Path> files = new ArrayList<>(chosen.length);
    for (int i : chosen) {
      files.add(listing.files().get(i));
    }
    ImageFolder.DecodedImages decoded = ImageFolder.decode(files, folderOptions);
    if (decoded.files().isEmpty()) {
      throw new CliException("none of the " + files.size() + " chosen image files of " + path
          + " could be decoded; the first: " + decoded.skipped().get(0).file() + ": "
          + decoded.skipped().get(0).reason());
    }
    int[] labels = null;
    if (labelled) {
      int[] listed = listing.labels();
      labels = new int[decoded.files().size()];
      for (int k = 0; k < labels.length; k++) {
        labels[k] = listed[chosen[decoded.sourceIndices()[k]]];
      }
    }
    ByteImageSet images = ByteImageSet.of(channels, size, size, decoded.pixels(), labels);
    return new LoadedImages(what + " (" + chosen.length + " of " + listing.files().size() + " files)", path,
        images, listing.classNames(), decoded.files(), decoded.skipped());
  }

  private static boolean hasSubFolders(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      throw new NoSuchFileException(folder.toString());
    }
    if (!Files.isDirectory(folder)) {
      throw new FileSystemException(folder.toString(), null, "is a file, not an image folder");
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
    }
  }

  private static LoadedImages subset(LoadedImages all, DataLoadOptions options) {
    if (options.maxImages() <= 0 || options.maxImages() >= all.images().size()) {
      return all;
    }
    int[] chosen = chooseSubset(all.images().size(), options.maxImages());
    return new LoadedImages(all.description() + " (" + chosen.length + " of " + all.images().size()
        + " images)", all.root(), all.images().subset(chosen), all.classNames(), List.of(), all.skipped());
  }

  /**
   * The images a {@code --max-images} subset keeps: {@code max} distinct indices drawn with a fixed seed, in
   * increasing order, so the subset is the same on every run and keeps the source's order.
   *
   * @param n the number of images
   * @param max how many to keep
   * @return the indices, increasing; all of them when {@code max >= n}
   */
  static int[] chooseSubset(int n, int max) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    if (max >= n) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(0x5EED);
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, max);
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * The source as written.
   *
   * @return the text given to {@link #parse}
   */
  @Override
  public String toString() {
    return text;
  }

  /**
   * How to load a source.
   *
   * @param size the image side in pixels, 0 for the source's default
   * @param channels 1 or 3, 0 for the source's default
   * @param unlabelled read a folder without labels, every image at any depth
   * @param strict fail on an unreadable image instead of skipping it
   * @param maxImages keep a fixed random subset of this many images, 0 for all
   * @param interpolation the resize filter for folders, or null for the default (bicubic)
   * @param sizeFromModel whether size and channels are a model's input (for error messages)
   */
  public record DataLoadOptions(int size, int channels, boolean unlabelled, boolean strict, int maxImages,
      Interpolation interpolation, boolean sizeFromModel) {
    /**
     * The defaults of a source: its size and channels, labels when it has them, bad files skipped, all images.
     *
     * @return the options
     */
    public static DataLoadOptions defaults() {
      return new DataLoadOptions(0, 0, false, false, 0, null, false);
    }
  }

  /** Picocli converter: a bad spelling is a usage error (exit code 2). */
  public static final class Converter implements ITypeConverter<DataSource> {
    /** Created by picocli. */
    public Converter() {}

    @Override
    public DataSource convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
