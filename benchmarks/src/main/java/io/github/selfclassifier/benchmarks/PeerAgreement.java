package io.github.selfclassifier.benchmarks;

import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.metrics.ContingencyTable;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.DoubleSupplier;

/**
 * Prints every peer's value next to ours (and scikit-learn's, when the script's
 * {@code sklearn_values.properties} is given) on the benchmark inputs, so that disagreements are visible. Not
 * a benchmark: each value is computed once, with its wall time in parentheses for orientation only.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.selfclassifier.benchmarks.PeerAgreement
 * [sklearn_values.properties]}. Smile's NMI and ARI take about 45 s each at 1,000 x 1,000; its AMI is only
 * run on the small set (it would take hours at full size, see {@code SmileAmiCostBenchmark}).
 */
public final class PeerAgreement {
  private static final double TOLERANCE = 1e-9;
  private static Properties sklearn = new Properties();

  private PeerAgreement() {}

  /**
   * Entry point.
   *
   * @param args optional path of the sklearn values file
   * @throws IOException if that file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0) {
      try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
        sklearn.load(r);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-26s %-30s %20s %20s %12s %20s  %s%n",
        "set / metric", "peer", "peer value", "ours", "peer-ours", "sklearn/scipy", "verdict");
    compare(LabelSet.N50K_1000X1000, true, true);
    compare(LabelSet.N50K_1000X2000, false, false);
    compare(LabelSet.N5K_100X100, true, true);
  }

  private static void compare(LabelSet set, boolean smile, boolean jgrapht) {
    ImageNetLikeLabels l = set.labels();
    int[] y = l.truth;
    int[] p = l.predicted;
    List<Integer> yBoxed = Peers.boxed(y);
    List<Integer> pBoxed = Peers.boxed(p);
    ContingencyTable t = ContingencyTable.of(y, p);
    String s = set.stem();
    System.out.println();
    System.out.printf(
        Locale.ROOT, "== %s: n=%d, %d classes, %d clusters, %d non-zero cells%n",
        s, set.n, t.classes(), t.clusters(), t.nonZeroCells());

    double oursNmiAri = ExactClusterMetrics.nmi(t, AverageMethod.ARITHMETIC);
    double oursNmiMin = ExactClusterMetrics.nmi(t, AverageMethod.MIN);
    double oursAmiAri = ExactClusterMetrics.ami(t, AverageMethod.ARITHMETIC);
    double oursAmiMin = ExactClusterMetrics.ami(t, AverageMethod.MIN);
    double oursAri = ExactClusterMetrics.ari(t);
    double oursAcc = new ExactClusterMetrics().accuracy(y, p);

    row(s, "NMI (arithmetic)", "Smile NMI.sum", smile ? () -> Peers.smileNmi(y, p) : null, oursNmiAri,
        "nmi_arithmetic");
    row(s, "NMI (min)", "Tribuo normalizedMI", () -> Peers.tribuoNmi(yBoxed, pBoxed), oursNmiMin, "nmi_min");
    row(s, "AMI (arithmetic)", "Smile AMI.sum",
        smile && set.n <= 5_000 ? () -> Peers.smileAmi(y, p) : null, oursAmiAri, "ami_arithmetic");
    row(s, "AMI (min)", "Tribuo adjustedMI", () -> Peers.tribuoAmi(yBoxed, pBoxed), oursAmiMin, "ami_min");
    tribuoAmiExplained(t, oursAmiMin);
    row(s, "ARI", "Smile AdjustedRandIndex", smile ? () -> Peers.smileAri(y, p) : null, oursAri, "ari");
    row(s, "ACC (Hungarian)", "JGraphT Kuhn-Munkres",
        jgrapht && set.classes == set.clusters
            ? () -> Peers.AssignmentGraph.of(y, p, set.classes, set.clusters).accuracy()
            : null,
        oursAcc, "acc");
  }

  /**
   * Tribuo's AMI mixes units: {@code InformationTheory.mi} and {@code entropy} are in bits (its default
   * {@code LOG_BASE} is 2), {@code expectedMI} in nats. Recomputes its value from our MI, entropies and EMI
   * (the EMI recovered from our AMI) with that mix, to show that this explains the difference.
   */
  private static void tribuoAmiExplained(ContingencyTable t, double oursAmiMin) {
    double mi = t.mutualInformation();
    double minH = Math.min(t.classEntropy(), t.clusterEntropy());
    double emi = (mi - oursAmiMin * minH) / (1 - oursAmiMin);
    double ln2 = Math.log(2);
    double mixed = (mi / ln2 - emi) / (minH / ln2 - emi);
    System.out.printf(
        Locale.ROOT,
        "%-26s %-30s %20.15f   (MI and H in bits, EMI = %.6f in nats: reproduces Tribuo's value)%n",
        "", "  ours with Tribuo's units", mixed, emi);
  }

  private static void row(
      String set, String metric, String peer, DoubleSupplier peerValue, double ours, String key) {
    String sk = sklearn.getProperty(set + "." + key);
    String skText = sk == null ? "-" : String.format(Locale.ROOT, "%.15f", Double.parseDouble(sk));
    String skVerdict = "";
    if (sk != null) {
      double d = Double.parseDouble(sk) - ours;
      skVerdict =
          String.format(
              Locale.ROOT, "; ours-sklearn %.2g (%s)", d, Math.abs(d) <= TOLERANCE ? "agrees" : "DIFFERS");
    }
    if (peerValue == null) {
      System.out.printf(
          Locale.ROOT, "%-26s %-30s %20s %20.15f %12s %20s  %s%n",
          metric, peer, "skipped", ours, "", skText, "(see README)" + skVerdict);
      return;
    }
    long t0 = System.nanoTime();
    double v = peerValue.getAsDouble();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double d = v - ours;
    String verdict = Math.abs(d) <= TOLERANCE ? "agrees" : "DIFFERS";
    System.out.printf(
        Locale.ROOT, "%-26s %-30s %20.15f %20.15f %12.3g %20s  %s (peer took %.2f s)%s%n",
        metric, peer, v, ours, d, skText, verdict, seconds, skVerdict);
  }
}
