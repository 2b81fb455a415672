package io.github.selfclassifier.djl.augment;

import io.github.selfclassifier.api.augment.AugmentationConfig;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the single-thread throughput (views per second) of {@link MultiCropAugmenter} for the ImageNet
 * preset on a 256x256 RGB image and the 28x28 grayscale preset: the Java side of
 * {@code benchmarks/scripts/augment_throughput_torchvision.py}, which times torchvision on the same
 * pipelines. A main class, not a test: timing does not belong in the unit-test run. Both report views per
 * second of wall-clock time and of process CPU time; on a shared machine compare the second.
 *
 * <p>Run after {@code mvn -pl selfclassifier-djl -am test-compile}:
 *
 * <pre>
 * java -cp selfclassifier-api/target/classes:selfclassifier-djl/target/classes:\
 * selfclassifier-djl/target/test-classes:$HOME/.m2/repository/ai/djl/api/0.36.0/api-0.36.0.jar \
 *   io.github.selfclassifier.djl.augment.MultiCropThroughputMain [seconds per case] [local crops]
 * </pre>
 */
public final class MultiCropThroughputMain {
  private MultiCropThroughputMain() {}

  /**
   * Times both presets.
   *
   * @param args optional: seconds per case (default 20), local crops per image (default 6)
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    int locals = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    System.out.printf(Locale.ROOT, "java %s, 1 thread, %d views per image%n",
        System.getProperty("java.version"), 2 + locals);
    AugmentationConfig imagenet = AugmentationConfig.imagenet().toBuilder().optLocalCropCount(locals).build();
    AugmentationConfig gray = AugmentationConfig.grayscale28().toBuilder().optLocalCropCount(locals).build();
    report("imagenet", imagenet, rgbImages(256), seconds);
    report("grayscale28", gray, grayImages(28), seconds);
  }

  private static void report(String name, AugmentationConfig config, FloatImage[] images, double seconds) {
    MultiCropAugmenter augmenter = new MultiCropAugmenter(config);
    run(augmenter, images, Math.min(5, seconds / 2), 1); // warm up the JIT
    double[] result = run(augmenter, images, seconds, 2);
    System.out.printf(Locale.ROOT,
        "%-12s java    %10.1f views/s wall-clock %10.1f views/s of process CPU time  (%d images)%n",
        name, result[0], result[1], (long) result[2]);
  }

  /**
   * Returns views per second of wall-clock time, views per second of process CPU time (all JVM threads,
   * so JIT and GC work counts against us) and the number of images augmented.
   */
  private static double[] run(MultiCropAugmenter augmenter, FloatImage[] images, double seconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long deadline = (long) (seconds * 1e9);
    long startCpu = processCpuNanos();
    long start = System.nanoTime();
    long count = 0;
    long sink = 0;
    long elapsed;
    do {
      sink += augmenter.augment(images[(int) (count % images.length)], random).size();
      count++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < deadline);
    long cpu = processCpuNanos() - startCpu;
    if (sink != count * augmenter.viewCount()) {
      throw new IllegalStateException("lost views");
    }
    double views = count * augmenter.viewCount();
    return new double[] {views / (elapsed / 1e9), views / (cpu / 1e9), count};
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("process CPU time is not available on this JVM");
  }

  /** Gradient plus Gaussian noise, as the Python script makes them. */
  private static FloatImage[] rgbImages(int size) {
    SplittableRandom random = new SplittableRandom(0);
    FloatImage[] images = new FloatImage[8];
    for (int i = 0; i < images.length; i++) {
      byte[] hwc = new byte[size * size * 3];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int[] base = {x, y, (x + y) / 2};
          for (int c = 0; c < 3; c++) {
            hwc[(y * size + x) * 3 + c] = (byte) clampByte(base[c] + 30 * gaussian(random));
          }
        }
      }
      images[i] = FloatImage.fromInterleavedBytes(hwc, size, size, 3);
    }
    return images;
  }

  /** A bright disc plus Gaussian noise, as the Python script makes them. */
  private static FloatImage[] grayImages(int size) {
    SplittableRandom random = new SplittableRandom(1);
    FloatImage[] images = new FloatImage[8];
    for (int i = 0; i < images.length; i++) {
      byte[] pixels = new byte[size * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int dx = x - size / 2;
          int dy = y - size / 2;
          double disc = dx * dx + dy * dy < 100 ? 200 : 0;
          pixels[y * size + x] = (byte) clampByte(disc + 20 * gaussian(random));
        }
      }
      images[i] = FloatImage.fromInterleavedBytes(pixels, size, size, 1);
    }
    return images;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static int clampByte(double v) {
    return (int) Math.max(0, Math.min(255, v));
  }
}
