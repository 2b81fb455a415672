package io.github.selfclassifier.djl.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a folder of image files into a {@link ByteImageSet}, in plain Java ({@link ImageIO} decodes, {@link
 * CenterCropResizer} resizes: shorter side to the size, then centre crop).
 *
 * <p>Layout. Labelled ({@link ImageFolderOptions#labelled()}, as PyTorch's {@code ImageFolder}): one
 * sub-folder per class directly under the root; the classes are the sorted sub-folder names and a class's
 * label is its index; images are found at any depth inside a class folder; files directly in the root are
 * ignored. Unlabelled: every image at any depth under the root, no labels.
 *
 * <p>Which files. Image files are recognised by extension, case-insensitively: the suffixes ImageIO can
 * decode in this JVM ({@link #imageExtensions()}; on a plain JDK 17: {@code bmp, gif, jpeg, jpg, png, tif,
 * tiff, wbmp}; ImageIO plug-ins on the class path add theirs). Hidden files and folders (name starting with
 * {@code .}, e.g. {@code .DS_Store}, {@code .ipynb_checkpoints}) and other extensions are ignored. Symbolic
 * links are followed.
 *
 * <p>Order. Deterministic and independent of the thread count: classes by name, then within a class (or the
 * whole root) by the containing folder's relative path, then by file name, as torchvision's {@code
 * ImageFolder} orders its samples (Java's {@code String} order, which equals Python's for names in the Basic
 * Multilingual Plane).
 *
 * <p>Errors. A file that ImageIO cannot decode (corrupt, truncated, an unsupported variant such as CMYK
 * JPEG) is skipped with an SLF4J warning naming it, and listed in the {@link ImageFolderLoadReport}; with
 * {@link ImageFolderOptions#strict()} the load fails with an {@link IOException} naming the first such file
 * in path order. A missing root, a file given as the root, no image files at all, or no decodable image is
 * an error naming the root.
 */
public final class ImageFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
  private static final int PROGRESS_EVERY = 10_000;

  private ImageFolder() {}

  /**
   * The file extensions treated as images: ImageIO's reader suffixes, lower case.
   *
   * @return the extensions, without dot, sorted
   */
  public static Set<String> imageExtensions() {
    Set<String> out = new TreeSet<>();
    for (String suffix : ImageIO.getReaderFileSuffixes()) {
      if (!suffix.isEmpty()) {
        out.add(suffix.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * Loads a folder: lists its image files, decodes, converts and resizes them.
   *
   * @param root the folder
   * @param options size, channels, layout, strictness and threads
   * @return the images with class names, files and the load report
   * @throws NoSuchFileException if the root does not exist
   * @throws FileSystemException if the root is not a folder or cannot be listed
   * @throws IOException in strict mode, if an image cannot be decoded (the message names the file)
   * @throws IllegalArgumentException if the folder holds no image file, none could be decoded, a labelled
   *     folder has no class sub-folder, or the images do not fit in one array (the message names the root)
   */
  public static ImageFolderDataset load(Path root, ImageFolderOptions options) throws IOException {
    ImageFolderListing listing = list(root, options.labelled());
    int per = options.channels() * options.size() * options.size();
    if ((long) listing.files().size() * per > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(listing.files().size() + " images of " + per + " bytes in " + root
          + " do not fit in one array (2 GB); load sub-folders separately or use a smaller size");
    }
    long start = System.nanoTime();
    LOG.info("loading {} image files from {} as {}x{}x{}", listing.files().size(), root, options.channels(),
        options.size(), options.size());
    DecodedImages decoded = decode(listing.files(), options);
    if (decoded.files().isEmpty()) {
      ImageFolderLoadReport.SkippedImage first = decoded.skipped().get(0);
      throw new IllegalArgumentException("none of the " + listing.files().size() + " image files in " + root
          + " could be decoded; the first: " + first.file() + ": " + first.reason());
    }
    int[] labels = null;
    int[] listed = listing.labels();
    if (listed != null) {
      labels = new int[decoded.files().size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = listed[decoded.sourceIndices()[i]];
      }
    }
    ByteImageSet images =
        ByteImageSet.wrap(options.channels(), options.size(), options.size(), decoded.pixels(), labels);
    ImageFolderLoadReport report = new ImageFolderLoadReport(
        root, listing.files().size(), decoded.files().size(), decoded.skipped());
    LOG.info("loaded {} images from {} ({} skipped) in {} s", images.size(), root, decoded.skipped().size(),
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return new ImageFolderDataset(images, listing.classNames(), decoded.files(), report);
  }

  /**
   * Lists the image files of a folder in data-set order, without decoding them.
   *
   * @param root the folder
   * @param labelled true for one sub-folder per class
   * @return the files, their labels and the class names
   * @throws NoSuchFileException if the root does not exist
   * @throws FileSystemException if the root is not a folder or cannot be listed
   * @throws IllegalArgumentException if there is no image file, or a labelled folder has no class folder
   */
  public static ImageFolderListing list(Path root, boolean labelled) throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such image folder");
    }
    if (!Files.isDirectory(root)) {
      throw new FileSystemException(root.toString(), null, "is a file, not an image folder");
    }
    Set<String> extensions = imageExtensions();
    List<Path> files = new ArrayList<>();
    List<String> classNames = new ArrayList<>();
    int[] labels = null;
    if (labelled) {
      try (Stream<Path> children = Files.list(root)) {
        children.filter(p -> Files.isDirectory(p) && !isHidden(p))
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(classNames::add);
      }
      if (classNames.isEmpty()) {
        throw new IllegalArgumentException("no class sub-folders in " + root
            + "; a labelled image folder holds one sub-folder per class (for images without classes, load"
            + " it unlabelled)");
      }
      List<Integer> labelList = new ArrayList<>();
      for (int c = 0; c < classNames.size(); c++) {
        List<Path> classFiles = walk(root.resolve(classNames.get(c)), extensions);
        if (classFiles.isEmpty()) {
          LOG.warn("class folder {} holds no image files; class {} stays in the class list without images",
              root.resolve(classNames.get(c)), c);
        }
        files.addAll(classFiles);
        for (int k = 0; k < classFiles.size(); k++) {
          labelList.add(c);
        }
      }
      labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    } else {
      files.addAll(walk(root, extensions));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no image files in " + root + " (looked for the extensions "
          + extensions + ", hidden files and folders ignored)");
    }
    return new ImageFolderListing(root, files, labels, classNames);
  }

  /**
   * Decodes, converts and resizes image files, skipping (or, in strict mode, failing on) unreadable ones.
   * Used by {@link #load}, and by callers that process a big folder in chunks.
   *
   * @param files the files, in the order wanted
   * @param options size, channels, strictness and threads (the layout is ignored)
   * @return the decoded images in the files' order and the skipped files
   * @throws IOException in strict mode, if a file cannot be decoded (the message names it)
   */
  public static DecodedImages decode(List<Path> files, ImageFolderOptions options) throws IOException {
    CenterCropResizer resizer = options.resizer();
    int n = files.size();
    int per = options.channels() * options.size() * options.size();
    byte[] pixels = new byte[Math.multiplyExact(n, per)];
    String[] failures = new String[n];
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), Math.max(1, n)), r -> {
      Thread t = new Thread(r, "image-folder-decoder");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          failures[index] = decodeOne(files.get(index), resizer, pixels, index * per);
          int count = done.incrementAndGet();
          if (count % PROGRESS_EVERY == 0) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            LOG.info("decoded {} of {} images, about {} s left", count, n,
                String.format(Locale.ROOT, "%.0f", elapsed / count * (n - count)));
          }
        }));
      }
      for (int i = 0; i < n; i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          throw new IOException("cannot decode image " + files.get(i) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while decoding images", e);
        }
        if (failures[i] != null && options.strict()) {
          throw new IOException("cannot decode image " + files.get(i) + ": " + failures[i]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Path> decodedFiles = new ArrayList<>(n);
    int[] sourceIndices = new int[n];
    List<ImageFolderLoadReport.SkippedImage> skipped = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (failures[i] != null) {
        LOG.warn("skipping image {}: {}", files.get(i), failures[i]);
        skipped.add(new ImageFolderLoadReport.SkippedImage(files.get(i), failures[i]));
        continue;
      }
      int k = decodedFiles.size();
      if (k != i) {
        System.arraycopy(pixels, i * per, pixels, k * per, per);
      }
      sourceIndices[k] = i;
      decodedFiles.add(files.get(i));
    }
    int kept = decodedFiles.size();
    return new DecodedImages(decodedFiles, Arrays.copyOf(sourceIndices, kept),
        kept == n ? pixels : Arrays.copyOf(pixels, kept * per), skipped);
  }

  /** Decodes one file into {@code out}; returns null on success, else why it failed. */
  private static String decodeOne(Path file, CenterCropResizer resizer, byte[] out, int offset) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      return e + (e.getCause() == null ? "" : " (caused by " + e.getCause() + ")");
    }
    if (image == null) {
      return "no ImageIO decoder recognises its content";
    }
    if (image.getWidth() < 1 || image.getHeight() < 1) {
      return "it has no pixels (" + image.getWidth() + "x" + image.getHeight() + ")";
    }
    try {
      resizer.toBytes(image, out, offset);
    } catch (RuntimeException e) {
      return "cannot convert the decoded " + image.getWidth() + "x" + image.getHeight() + " image: " + e;
    }
    return null;
  }

  private static List<Path> walk(Path folder, Set<String> extensions) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(folder) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !isHidden(file) && extensions.contains(extension(file))) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    // torchvision: sorted(os.walk(...)) orders folders by path, then sorted(file names) within a folder
    Comparator<Path> order = Comparator.comparing((Path p) -> relativeFolder(folder, p))
        .thenComparing(p -> p.getFileName().toString());
    found.sort(order);
    return found;
  }

  private static String relativeFolder(Path root, Path file) {
    Path parent = root.relativize(file).getParent();
    if (parent == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Path element : parent) {
      s.append('/').append(element);
    }
    return s.toString();
  }

  private static boolean isHidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The image files of a folder in data-set order.
   *
   * @param root the folder
   * @param files the image files
   * @param labels the label of each file, or null for an unlabelled listing
   * @param classNames the class names in label order, empty for an unlabelled listing
   */
  public record ImageFolderListing(Path root, List<Path> files, int[] labels, List<String> classNames) {
    /** Copies the lists and the labels. */
    public ImageFolderListing {
      files = List.copyOf(files);
      classNames = List.copyOf(classNames);
      labels = labels == null ? null : labels.clone();
    }

    /**
     * The label of each file.
     *
     * @return a copy of the labels, or null for an unlabelled listing
     */
    @Override
    public int[] labels() {
      return labels == null ? null : labels.clone();
    }
  }

  /**
   * Images decoded from a list of files.
   *
   * @param files the files that were decoded, in order
   * @param sourceIndices for each decoded image, its index in the list of files given to {@link #decode}
   * @param pixels the images, NCHW unsigned bytes, one per decoded file
   * @param skipped the files that could not be decoded, in order
   */
  public record DecodedImages(
      List<Path> files, int[] sourceIndices, byte[] pixels, List<ImageFolderLoadReport.SkippedImage> skipped) {
    /** Copies the lists. */
    public DecodedImages {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }
}
