package io.github.selfclassifier.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.tribuo.clustering.evaluation.ClusteringMetrics;
import org.tribuo.util.infotheory.InformationTheory;

/**
 * The peers' public entry points, called exactly as a user would, in one place so that the benchmarks and
 * {@link PeerAgreement} measure and print the same calls.
 *
 * <ul>
 *   <li>Smile 3.1.1: {@code smile.validation.metric.NormalizedMutualInformation.sum} (= arithmetic mean,
 *       scikit-learn's default), {@code AdjustedMutualInformation.sum}, {@code AdjustedRandIndex.of}, all on
 *       {@code int[]}.
 *   <li>Tribuo 4.3.2: {@code org.tribuo.clustering.evaluation.ClusteringMetrics.adjustedMI(List, List)}
 *       (public static; min-normalised). Its NMI, {@code ClusteringMetrics.normalizedMI(Context)}, only takes a
 *       package-private {@code Context} built from a {@code Model} and its {@code Prediction}s; its body is three
 *       calls to the public {@code InformationTheory.mi / entropy} and a division by the smaller entropy, which
 *       {@link #tribuoNmi} repeats verbatim (same calls, same order), leaving out only the model plumbing.
 *   <li>JGraphT 1.5.2: {@code KuhnMunkresMinimalWeightBipartitePerfectMatching} on the complete bipartite graph
 *       classes x clusters with edge weight {@code maxCount - count(class, cluster)}; a minimum-weight perfect
 *       matching is a maximum-count matching, so ACC = matched count / n. It needs as many clusters as classes.
 * </ul>
 */
public final class Peers {
  private Peers() {}

  /**
   * Smile's NMI with the arithmetic mean of the entropies ({@code 2 I / (H1 + H2)}).
   *
   * @param truth true labels
   * @param predicted predicted labels
   * @return Smile's value
   */
  public static double smileNmi(int[] truth, int[] predicted) {
    return smile.validation.metric.NormalizedMutualInformation.sum(truth, predicted);
  }

  /**
   * Smile's AMI with the arithmetic mean of the entropies.
   *
   * @param truth true labels
   * @param predicted predicted labels
   * @return Smile's value
   */
  public static double smileAmi(int[] truth, int[] predicted) {
    return smile.validation.metric.AdjustedMutualInformation.sum(truth, predicted);
  }

  /**
   * Smile's ARI.
   *
   * @param truth true labels
   * @param predicted predicted labels
   * @return Smile's value
   */
  public static double smileAri(int[] truth, int[] predicted) {
    return smile.validation.metric.AdjustedRandIndex.of(truth, predicted);
  }

  /**
   * Tribuo's NMI (min-normalised), the body of {@code ClusteringMetrics.normalizedMI(Context)}.
   *
   * @param truth true labels, boxed
   * @param predicted predicted labels, boxed
   * @return Tribuo's value
   */
  public static double tribuoNmi(List<Integer> truth, List<Integer> predicted) {
    double mi = InformationTheory.mi(predicted, truth);
    double predictedEntropy = InformationTheory.entropy(predicted);
    double truthEntropy = InformationTheory.entropy(truth);
    return predictedEntropy < truthEntropy ? mi / predictedEntropy : mi / truthEntropy;
  }

  /**
   * Tribuo's AMI (min-normalised), {@code ClusteringMetrics.adjustedMI(List, List)}.
   *
   * @param truth true labels, boxed
   * @param predicted predicted labels, boxed
   * @return Tribuo's value
   */
  public static double tribuoAmi(List<Integer> truth, List<Integer> predicted) {
    return ClusteringMetrics.adjustedMI(truth, predicted);
  }

  /**
   * Boxes labels for Tribuo.
   *
   * @param labels labels
   * @return a new list
   */
  public static List<Integer> boxed(int[] labels) {
    List<Integer> out = new ArrayList<>(labels.length);
    for (int v : labels) {
      out.add(v);
    }
    return out;
  }

  /** The weighted complete bipartite graph of a count matrix, ready for JGraphT's Kuhn-Munkres. */
  public static final class AssignmentGraph {
    final Graph<Integer, DefaultWeightedEdge> graph;
    final Set<Integer> classVertices;
    final Set<Integer> clusterVertices;
    final int classes;
    final int[][] counts;
    final int n;

    private AssignmentGraph(
        Graph<Integer, DefaultWeightedEdge> graph,
        Set<Integer> classVertices,
        Set<Integer> clusterVertices,
        int classes,
        int[][] counts,
        int n) {
      this.graph = graph;
      this.classVertices = classVertices;
      this.clusterVertices = clusterVertices;
      this.classes = classes;
      this.counts = counts;
      this.n = n;
    }

    /**
     * Builds the graph: vertices {@code 0..classes-1} are classes, {@code classes..classes+clusters-1} are
     * clusters, every pair is an edge of weight {@code maxCount - count}.
     *
     * @param truth true labels in {@code 0..classes-1}
     * @param predicted predicted labels in {@code 0..clusters-1}
     * @param classes number of classes
     * @param clusters number of clusters, equal to {@code classes} (a perfect matching is needed)
     * @return the graph
     */
    public static AssignmentGraph of(int[] truth, int[] predicted, int classes, int clusters) {
      if (classes != clusters) {
        throw new IllegalArgumentException("Kuhn-Munkres needs a square matrix: " + classes + " x " + clusters);
      }
      int[][] counts = new int[classes][clusters];
      int max = 0;
      for (int i = 0; i < truth.length; i++) {
        max = Math.max(max, ++counts[truth[i]][predicted[i]]);
      }
      SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
      Set<Integer> left = new TreeSet<>();
      Set<Integer> right = new TreeSet<>();
      for (int c = 0; c < classes; c++) {
        g.addVertex(c);
        left.add(c);
      }
      for (int k = 0; k < clusters; k++) {
        g.addVertex(classes + k);
        right.add(classes + k);
      }
      for (int c = 0; c < classes; c++) {
        for (int k = 0; k < clusters; k++) {
          DefaultWeightedEdge e = g.addEdge(c, classes + k);
          g.setEdgeWeight(e, max - counts[c][k]);
        }
      }
      return new AssignmentGraph(g, left, right, classes, counts, truth.length);
    }

    /**
     * Runs JGraphT's Kuhn-Munkres and reads the accuracy off the matching.
     *
     * @return matched count / n
     */
    public double accuracy() {
      MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> m =
          new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, classVertices, clusterVertices)
              .getMatching();
      long hits = 0;
      for (DefaultWeightedEdge e : m.getEdges()) {
        int a = graph.getEdgeSource(e);
        int b = graph.getEdgeTarget(e);
        int c = Math.min(a, b);
        int k = Math.max(a, b) - classes;
        hits += counts[c][k];
      }
      return (double) hits / n;
    }
  }
}
