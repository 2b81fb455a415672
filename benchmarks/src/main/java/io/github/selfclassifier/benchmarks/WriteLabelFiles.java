package io.github.selfclassifier.benchmarks;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.metrics.ContingencyTable;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes every {@link LabelSet} as two text files, one label per line ({@code <stem>.truth.txt},
 * {@code <stem>.pred.txt}), for {@code scripts/sklearn_metrics_timing.py}, and our values of every metric to
 * {@code ours_values.properties} (keys {@code <stem>.<metric>}) so the driver can print them side by side.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.selfclassifier.benchmarks.WriteLabelFiles [dir]}
 * (default {@code benchmarks/target/labels}).
 */
public final class WriteLabelFiles {
  private WriteLabelFiles() {}

  /**
   * Entry point.
   *
   * @param args optional output directory
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/labels");
    Files.createDirectories(dir);
    StringBuilder values = new StringBuilder("# our values, from " + WriteLabelFiles.class.getName() + "\n");
    for (LabelSet set : LabelSet.values()) {
      ImageNetLikeLabels labels = set.labels();
      write(dir.resolve(set.stem() + ".truth.txt"), labels.truth);
      write(dir.resolve(set.stem() + ".pred.txt"), labels.predicted);
      ContingencyTable t = ContingencyTable.of(labels.truth, labels.predicted);
      ExactClusterMetrics m = new ExactClusterMetrics();
      put(values, set, "acc", m.accuracy(labels.truth, labels.predicted));
      if (set != LabelSet.N1281167_1000X8000) {
        put(values, set, "nmi_arithmetic", ExactClusterMetrics.nmi(t, AverageMethod.ARITHMETIC));
        put(values, set, "nmi_min", ExactClusterMetrics.nmi(t, AverageMethod.MIN));
        put(values, set, "ami_arithmetic", ExactClusterMetrics.ami(t, AverageMethod.ARITHMETIC));
        put(values, set, "ami_min", ExactClusterMetrics.ami(t, AverageMethod.MIN));
        put(values, set, "ari", ExactClusterMetrics.ari(t));
      }
      System.out.printf(
          Locale.ROOT, "wrote %s (%d samples, %d classes, %d clusters, %d non-zero cells)%n",
          dir.resolve(set.stem() + ".{truth,pred}.txt"), set.n, t.classes(), t.clusters(), t.nonZeroCells());
    }
    Files.writeString(dir.resolve("ours_values.properties"), values, StandardCharsets.UTF_8);
    System.out.println("wrote " + dir.resolve("ours_values.properties"));
  }

  private static void put(StringBuilder sb, LabelSet set, String metric, double value) {
    sb.append(set.stem()).append('.').append(metric).append('=')
        .append(String.format(Locale.ROOT, "%.17g", value)).append('\n');
  }

  private static void write(Path file, int[] labels) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        BufferedWriter b = new BufferedWriter(w, 1 << 16)) {
      for (int v : labels) {
        b.write(Integer.toString(v));
        b.write('\n');
      }
    }
  }
}
