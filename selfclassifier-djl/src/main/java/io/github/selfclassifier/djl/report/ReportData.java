package io.github.selfclassifier.djl.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import java.util.List;
import java.util.Objects;

/**
 * The machine-readable content of an {@link EvaluationReport}, as written to {@code report.json}: the title,
 * the run's configuration (any JSON), the scores of every head and the rows of every grid. Read it back with
 * {@link #fromJson(String)}. Absent values (no superclass accuracy, no labels) are left out of the JSON and are
 * null here.
 *
 * @param title the report title
 * @param config the run's configuration, or null
 * @param heads the scores of each evaluated head
 * @param grids the qualitative grids
 */
public record ReportData(String title, JsonElement config, List<Head> heads, List<Grid> grids) {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  /** Copies the lists. */
  public ReportData {
    Objects.requireNonNull(title, "title");
    heads = List.copyOf(heads);
    grids = List.copyOf(grids);
  }

  /**
   * The scores of one classifier head.
   *
   * @param name the head's name in the report
   * @param n samples
   * @param classes distinct true labels
   * @param clusters distinct predicted labels
   * @param averageMethod the NMI/AMI averaging
   * @param nmi normalised mutual information
   * @param ami adjusted mutual information
   * @param ari adjusted Rand index
   * @param acc Hungarian-matched accuracy
   * @param superclassAcc superclass accuracy, or null
   */
  public record Head(
      String name,
      int n,
      int classes,
      int clusters,
      String averageMethod,
      double nmi,
      double ami,
      double ari,
      double acc,
      Double superclassAcc) {

    /**
     * The JSON form of a head's scores.
     *
     * @param name the head's name
     * @param s its scores
     * @return the head
     */
    public static Head of(String name, ClusteringScores s) {
      return new Head(
          name,
          s.n(),
          s.classes(),
          s.clusters(),
          s.averageMethod().name(),
          s.nmi(),
          s.ami(),
          s.ari(),
          s.acc(),
          s.superclassAcc().isPresent() ? s.superclassAcc().getAsDouble() : null);
    }
  }

  /**
   * One grid.
   *
   * @param title its title
   * @param file the PNG file name, relative to the report
   * @param scale the enlargement of the images
   * @param rows its rows, top to bottom
   */
  public record Grid(String title, String file, int scale, List<Row> rows) {
    /** Copies the rows. */
    public Grid {
      rows = List.copyOf(rows);
    }
  }

  /**
   * One grid row.
   *
   * @param cluster the predicted cluster
   * @param size its number of images
   * @param majorityClass its majority true label, or null when unlabelled
   * @param majorityClassName that label's name, or null
   * @param purity the share of its images in the majority class, or null
   * @param samples the dataset indices of the images shown
   */
  public record Row(
      int cluster,
      int size,
      Integer majorityClass,
      String majorityClassName,
      Double purity,
      List<Integer> samples) {
    /** Copies the samples. */
    public Row {
      samples = List.copyOf(samples);
    }

    static Row of(GridRow r) {
      RankedCluster c = r.cluster();
      return new Row(
          c.cluster(),
          c.size(),
          c.majorityClass().isPresent() ? c.majorityClass().getAsInt() : null,
          r.majorityClassName().orElse(null),
          c.purity().isPresent() ? c.purity().getAsDouble() : null,
          r.samples());
    }
  }

  /**
   * The JSON text (pretty-printed).
   *
   * @return the JSON
   */
  public String toJson() {
    return GSON.toJson(this);
  }

  /**
   * Reads report data written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the data
   */
  public static ReportData fromJson(String json) {
    return GSON.fromJson(json, ReportData.class);
  }
}
