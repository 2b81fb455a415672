package io.github.selfclassifier.examples.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.selfclassifier.api.metrics.ClusterSummary;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the result of {@code selfclassifier metrics}: a short aligned table for people, or one JSON object
 * for programs. Cluster and class labels are shown as the tokens of the label files ({@code cat}, not its
 * internal id).
 *
 * <p>The JSON object has the keys {@code n}, {@code classes}, {@code clusters} (counts), {@code nmi}, {@code
 * ami}, {@code ari}, {@code acc}, {@code superclass_acc} (only with a superclass file) and {@code
 * average_method}; with the per-cluster report also {@code report}, an object whose {@code clusters} array
 * holds one object per predicted cluster with {@code cluster}, {@code size}, {@code class}, {@code hits},
 * {@code purity}, {@code matched}, {@code majority_class} and {@code majority_count}. Labels are JSON strings;
 * a score that is not a finite number would be {@code null}.
 */
public final class MetricsOutput {
  /** Order of the per-cluster report. */
  public enum SortKey {
    /** Largest cluster first (then most hits, then by label). */
    SIZE,
    /** Most hits first (then largest, then by label). */
    HITS,
    /** By predicted label: numerically for integer labels, else in order of first appearance. */
    CLUSTER
  }

  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final LabelFile truth;
  private final LabelFile pred;
  private final SortKey sort;

  /**
   * Creates a formatter.
   *
   * @param truth the true labels, to show classes as their tokens
   * @param pred the predicted labels, to show clusters as their tokens
   * @param sort the order of the per-cluster report
   */
  public MetricsOutput(LabelFile truth, LabelFile pred, SortKey sort) {
    this.truth = truth;
    this.pred = pred;
    this.sort = sort;
  }

  /**
   * The human-readable table.
   *
   * @param s the scores
   * @param clusters the per-cluster report, or null for none
   * @return lines ending with a line separator
   */
  public String table(ClusteringScores s, List<ClusterSummary> clusters) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"n", Integer.toString(s.n())});
    rows.add(new String[] {"classes", Integer.toString(s.classes())});
    rows.add(new String[] {"clusters", Integer.toString(s.clusters())});
    rows.add(new String[] {"NMI", score(s.nmi())});
    rows.add(new String[] {"AMI", score(s.ami())});
    rows.add(new String[] {"ARI", score(s.ari())});
    rows.add(new String[] {"ACC", score(s.acc())});
    if (s.superclassAcc().isPresent()) {
      rows.add(new String[] {"superclass ACC", score(s.superclassAcc().getAsDouble())});
    }
    rows.add(new String[] {"average method", name(s.averageMethod())});
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      b.append(String.format(Locale.ROOT, "%-15s %s%n", r[0], r[1]));
    }
    if (clusters != null) {
      b.append(System.lineSeparator());
      appendClusterTable(b, sorted(clusters));
    }
    return b.toString();
  }

  /**
   * The JSON object, on one line.
   *
   * @param s the scores
   * @param clusters the per-cluster report, or null for none
   * @return the JSON text followed by a line separator
   */
  public String json(ClusteringScores s, List<ClusterSummary> clusters) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("n", s.n());
    o.put("classes", s.classes());
    o.put("clusters", s.clusters());
    o.put("nmi", finite(s.nmi()));
    o.put("ami", finite(s.ami()));
    o.put("ari", finite(s.ari()));
    o.put("acc", finite(s.acc()));
    if (s.superclassAcc().isPresent()) {
      o.put("superclass_acc", finite(s.superclassAcc().getAsDouble()));
    }
    o.put("average_method", name(s.averageMethod()));
    if (clusters != null) {
      List<Map<String, Object>> list = new ArrayList<>(clusters.size());
      for (ClusterSummary c : sorted(clusters)) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("cluster", pred.tokenOf(c.cluster()));
        e.put("size", c.size());
        e.put("class", truth.tokenOf(c.assignedClass()));
        e.put("hits", c.hits());
        e.put("purity", finite(c.purity()));
        e.put("matched", c.matched());
        e.put("majority_class", truth.tokenOf(c.majorityClass()));
        e.put("majority_count", c.majorityCount());
        list.add(e);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("sort", name(sort));
      report.put("clusters", list);
      o.put("report", report);
    }
    return GSON.toJson(o) + System.lineSeparator();
  }

  private List<ClusterSummary> sorted(List<ClusterSummary> clusters) {
    Comparator<ClusterSummary> byLabel = Comparator.comparingInt(ClusterSummary::cluster);
    Comparator<ClusterSummary> bySize = Comparator.comparingInt(ClusterSummary::size).reversed();
    Comparator<ClusterSummary> byHits = Comparator.comparingInt(ClusterSummary::hits).reversed();
    Comparator<ClusterSummary> order =
        switch (sort) {
          case SIZE -> bySize.thenComparing(byHits).thenComparing(byLabel);
          case HITS -> byHits.thenComparing(bySize).thenComparing(byLabel);
          case CLUSTER -> byLabel;
        };
    List<ClusterSummary> out = new ArrayList<>(clusters);
    out.sort(order);
    return out;
  }

  private void appendClusterTable(StringBuilder b, List<ClusterSummary> clusters) {
    String[] head = {"cluster", "size", "class", "hits", "purity", "assigned by"};
    boolean[] rightAligned = {false, true, false, true, true, false};
    List<String[]> rows = new ArrayList<>(clusters.size() + 1);
    rows.add(head);
    for (ClusterSummary c : clusters) {
      String cls = truth.tokenOf(c.assignedClass());
      rows.add(
          new String[] {
            pred.tokenOf(c.cluster()),
            Integer.toString(c.size()),
            cls == null ? "-" : cls,
            Integer.toString(c.hits()),
            String.format(Locale.ROOT, "%.4f", c.purity()),
            c.matched() ? "matching" : "majority"
          });
    }
    int[] width = new int[head.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(width[i] - r[i].length());
        line.append(rightAligned[i] ? pad + r[i] : r[i] + pad);
      }
      b.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
  }

  private static String score(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
