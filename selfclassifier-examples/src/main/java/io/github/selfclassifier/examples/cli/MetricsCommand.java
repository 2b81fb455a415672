package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusterMetrics;
import io.github.selfclassifier.api.metrics.ClusteringReport;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code selfclassifier metrics}: scores predicted cluster labels against true labels (NMI, AMI, ARI,
 * Hungarian-matched accuracy and optionally superclass accuracy) with {@link ExactClusterMetrics}.
 *
 * <p>The label files are read by {@link LabelFile}, the superclass file by {@link SuperclassFile}; the output
 * is written by {@link MetricsOutput}.
 */
@Command(
    name = "metrics",
    usageHelpAutoWidth = true,
    sortOptions = false,
    customSynopsis = {
      "selfclassifier metrics --truth FILE --pred FILE [--superclasses FILE]",
      "                              [--average METHOD] [--json] [--report [--sort KEY]]"
    },
    header = "Score predicted cluster labels against true labels.",
    description = {
      "Computes NMI, AMI, ARI and the clustering accuracy ACC (clusters matched one-to-one to classes by the"
          + " Hungarian algorithm; with more clusters than classes, unmatched clusters take their majority"
          + " class), and with --superclasses the superclass accuracy.",
      "",
      "Label files (--truth, --pred): UTF-8 text, one label per line, line i of both files describing the"
          + " same sample. A label is one token: an integer (0, 17, -3) or a name (cat, n01440764). Blank"
          + " lines and lines starting with # are ignored, surrounding whitespace is trimmed. The files are"
          + " read independently: cluster names in --pred need not resemble class names in --truth.",
      "",
      "Superclass file (--superclasses): one 'fine_label super_label' pair per line, separated by spaces"
          + " or tabs, fine labels spelled as in the truth file. Every truth label needs a line; lines for"
          + " labels the truth file does not contain are ignored.",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%nExample:%n",
    footer = {
      "  $ printf '# true classes\\ncat\\ncat\\ndog\\ndog\\nbird\\nbird\\n' > truth.txt",
      "  $ printf '7\\n7\\n3\\n3\\n3\\n5\\n' > pred.txt",
      "  $ java -jar selfclassifier.jar metrics --truth truth.txt --pred pred.txt",
      "",
      "Exit status: 0 on success, 1 if a file is missing or malformed, 2 on a usage error."
    })
public final class MetricsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "FILE",
      description = "True class labels, one per line.")
  private Path truth;

  @Option(
      names = "--pred",
      required = true,
      paramLabel = "FILE",
      description = "Predicted cluster labels, one per line, as many as in --truth.")
  private Path pred;

  @Option(
      names = "--superclasses",
      paramLabel = "FILE",
      description = "Also report the superclass accuracy, with the fine-to-superclass pairs in FILE.")
  private Path superclasses;

  @Option(
      names = "--average",
      paramLabel = "METHOD",
      defaultValue = "arithmetic",
      converter = AverageConverter.class,
      description =
          "How NMI and AMI average the two entropies: arithmetic (default, as scikit-learn), geometric,"
              + " min or max.")
  private AverageMethod average;

  @Option(
      names = "--json",
      description = "Print one JSON object instead of the table (keys n, classes, clusters, nmi, ami, ari,"
          + " acc, superclass_acc, average_method; with --report also report.clusters).")
  private boolean json;

  @Option(
      names = "--report",
      description = "Also list every predicted cluster: its size, assigned class, hits and purity.")
  private boolean report;

  @Option(
      names = "--sort",
      paramLabel = "KEY",
      defaultValue = "size",
      converter = SortConverter.class,
      description = "Order of the --report rows: size (default, largest first), hits (largest first) or"
          + " cluster (by label).")
  private MetricsOutput.SortKey sort;

  /** Created by picocli. */
  public MetricsCommand() {}

  @Override
  public Integer call() {
    LabelFile truthLabels = LabelFile.read(truth, "--truth file");
    LabelFile predLabels = LabelFile.read(pred, "--pred file");
    if (truthLabels.size() != predLabels.size()) {
      throw new CliException(
          truthLabels.source()
              + " has "
              + truthLabels.size()
              + " labels but "
              + predLabels.source()
              + " has "
              + predLabels.size()
              + " (blank and # lines not counted); line i of both files must describe the same sample");
    }
    MetricsOptions.Builder options = MetricsOptions.builder().optAverageMethod(average);
    if (superclasses != null) {
      options.optSuperclasses(SuperclassFile.read(superclasses, "--superclasses file", truthLabels));
    }

    ClusterMetrics metrics = new ExactClusterMetrics();
    int[] t = truthLabels.labels();
    int[] p = predLabels.labels();
    MetricsOutput out = new MetricsOutput(truthLabels, predLabels, sort);
    PrintWriter writer = spec.commandLine().getOut();
    if (report) {
      ClusteringReport r = metrics.report(t, p, options.build());
      writer.print(json ? out.json(r.scores(), r.clusters()) : out.table(r.scores(), r.clusters()));
    } else {
      ClusteringScores s = metrics.scores(t, p, options.build());
      writer.print(json ? out.json(s, null) : out.table(s, null));
    }
    writer.flush();
    return 0;
  }

  /** Parses {@code --sort} case-insensitively, naming the valid keys in lower case. */
  static final class SortConverter implements ITypeConverter<MetricsOutput.SortKey> {
    @Override
    public MetricsOutput.SortKey convert(String value) {
      for (MetricsOutput.SortKey k : MetricsOutput.SortKey.values()) {
        if (k.name().equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new TypeConversionException(
          "unknown sort key '" + value + "': expected size, hits or cluster");
    }
  }

  /** Parses {@code --average} with {@link AverageMethod#parse}, whose message lists the valid names. */
  static final class AverageConverter implements ITypeConverter<AverageMethod> {
    @Override
    public AverageMethod convert(String value) {
      try {
        return AverageMethod.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
