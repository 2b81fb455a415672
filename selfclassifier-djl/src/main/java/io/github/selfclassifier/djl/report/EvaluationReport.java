package io.github.selfclassifier.djl.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.selfclassifier.api.metrics.ClusteringReport;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A report of one evaluation for people and for machines: the scores table (NMI, AMI, ARI, ACC and superclass
 * ACC per head), the run's configuration and the qualitative grids of {@link ClusterGridRenderer}.
 * {@link #writeTo(Path)} writes into a folder:
 *
 * <ul>
 *   <li>{@value #HTML_FILE}: one self-contained HTML file; the grids are embedded as base64 PNG data, so the
 *       file can be mailed or archived alone;
 *   <li>{@value #JSON_FILE}: the same results as JSON ({@link ReportData});
 *   <li>{@code grid-<i>.png}: each grid as a PNG file, named in the JSON.
 * </ul>
 *
 * Every user-provided string (title, head and grid names, class names, the configuration) is HTML-escaped.
 *
 * <pre>{@code
 * EvaluationReport.builder().setTitle("Fashion-MNIST")
 *     .addHead("head 0", scores).optConfigJson(configJson).addGrid("head 0", grid)
 *     .build().writeTo(Path.of("report"));
 * }</pre>
 */
public final class EvaluationReport {
  /** The HTML file name. */
  public static final String HTML_FILE = "report.html";

  /** The JSON file name. */
  public static final String JSON_FILE = "report.json";

  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  private final String title;
  private final JsonElement config;
  private final List<ReportData.Head> heads;
  private final List<String> gridTitles;
  private final List<ClusterGrid> grids;

  private EvaluationReport(Builder b) {
    this.title = b.title;
    this.config = b.config;
    this.heads = List.copyOf(b.heads);
    this.gridTitles = List.copyOf(b.gridTitles);
    this.grids = List.copyOf(b.grids);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The report's content as data.
   *
   * @return the data, grids named {@code grid-<i>.png}
   */
  public ReportData data() {
    List<ReportData.Grid> g = new ArrayList<>();
    for (int i = 0; i < grids.size(); i++) {
      ClusterGrid grid = grids.get(i);
      g.add(
          new ReportData.Grid(
              gridTitles.get(i),
              gridFile(i),
              grid.scale(),
              grid.rows().stream().map(ReportData.Row::of).toList()));
    }
    return new ReportData(title, config == null ? null : config.deepCopy(), heads, g);
  }

  /**
   * The JSON text of {@link #data()}.
   *
   * @return the JSON
   */
  public String toJson() {
    return data().toJson();
  }

  /**
   * The self-contained HTML page.
   *
   * @return the HTML
   */
  public String toHtml() {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
        .append("th:first-child,td:first-child,td.name{text-align:left}")
        .append("pre{background:#f6f6f6;padding:1em;overflow:auto}")
        .append("img{image-rendering:pixelated;max-width:100%}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(esc(title))
        .append("</h1>\n");
    if (!heads.isEmpty()) {
      h.append("<h2>Scores</h2>\n<table>\n<tr><th>head</th><th>samples</th><th>classes</th><th>clusters</th>")
          .append("<th>NMI (%)</th><th>AMI (%)</th><th>ARI (%)</th><th>ACC (%)</th>")
          .append("<th>superclass ACC (%)</th></tr>\n");
      for (ReportData.Head s : heads) {
        h.append("<tr><td>")
            .append(esc(s.name()))
            .append("</td><td>")
            .append(s.n())
            .append("</td><td>")
            .append(s.classes())
            .append("</td><td>")
            .append(s.clusters())
            .append("</td><td>")
            .append(percent(s.nmi()))
            .append("</td><td>")
            .append(percent(s.ami()))
            .append("</td><td>")
            .append(percent(s.ari()))
            .append("</td><td>")
            .append(percent(s.acc()))
            .append("</td><td>")
            .append(s.superclassAcc() == null ? "&ndash;" : percent(s.superclassAcc()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n<p>NMI and AMI use the ")
          .append(esc(heads.get(0).averageMethod().toLowerCase(Locale.ROOT)))
          .append(" mean of the entropies; ACC matches clusters to classes (Hungarian), leftover clusters take")
          .append(" their majority class.</p>\n");
    }
    if (config != null) {
      h.append("<h2>Configuration</h2>\n<pre>")
          .append(esc(new GsonBuilder().setPrettyPrinting().create().toJson(config)))
          .append("</pre>\n");
    }
    for (int i = 0; i < grids.size(); i++) {
      ClusterGrid grid = grids.get(i);
      h.append("<h2>")
          .append(esc(gridTitles.get(i)))
          .append("</h2>\n<img alt=\"")
          .append(esc(gridTitles.get(i)))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(grid.toPng()))
          .append("\">\n<table>\n<tr><th>row</th><th>cluster</th><th>images</th><th>majority class</th>")
          .append("<th>purity (%)</th></tr>\n");
      List<GridRow> rows = grid.rows();
      for (int r = 0; r < rows.size(); r++) {
        RankedCluster c = rows.get(r).cluster();
        h.append("<tr><td>")
            .append(r + 1)
            .append("</td><td>")
            .append(c.cluster())
            .append("</td><td>")
            .append(c.size())
            .append("</td><td class=\"name\">")
            .append(rows.get(r).majorityClassName().map(EvaluationReport::esc).orElse("&ndash;"))
            .append("</td><td>")
            .append(c.purity().isPresent() ? percent(c.purity().getAsDouble()) : "&ndash;")
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Writes {@value #HTML_FILE}, {@value #JSON_FILE} and the grid PNGs into a folder (created if needed;
   * existing files of these names are replaced).
   *
   * @param folder the output folder
   * @return the HTML file
   * @throws IOException if a file cannot be written
   */
  public Path writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < grids.size(); i++) {
      grids.get(i).writePng(folder.resolve(gridFile(i)));
    }
    Files.writeString(folder.resolve(JSON_FILE), toJson(), StandardCharsets.UTF_8);
    Path html = folder.resolve(HTML_FILE);
    Files.writeString(html, toHtml(), StandardCharsets.UTF_8);
    return html;
  }

  private static String gridFile(int i) {
    return "grid-" + i + ".png";
  }

  private static String esc(String s) {
    return HTML.escape(s);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  /** Builder of {@link EvaluationReport}: a title and at least one head or grid are required. */
  public static final class Builder {
    private String title;
    private JsonElement config;
    private final List<ReportData.Head> heads = new ArrayList<>();
    private final List<String> gridTitles = new ArrayList<>();
    private final List<ClusterGrid> grids = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the report title.
     *
     * @param title the title
     * @return this builder
     */
    public Builder setTitle(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Adds the scores of one head (a row of the scores table).
     *
     * @param name the head's name, e.g. "head 0 (1000 classes)"
     * @param scores its scores
     * @return this builder
     */
    public Builder addHead(String name, ClusteringScores scores) {
      Objects.requireNonNull(name, "name");
      heads.add(ReportData.Head.of(name, Objects.requireNonNull(scores, "scores")));
      return this;
    }

    /**
     * Adds the scores of one head from its full clustering report.
     *
     * @param name the head's name
     * @param report its report
     * @return this builder
     */
    public Builder addHead(String name, ClusteringReport report) {
      return addHead(name, Objects.requireNonNull(report, "report").scores());
    }

    /**
     * Sets the run's configuration, shown pretty-printed and stored in the JSON (default none).
     *
     * @param json a JSON text (strict JSON: one value, nothing after it)
     * @return this builder
     * @throws IllegalArgumentException if the text is not strict JSON
     */
    public Builder optConfigJson(String json) {
      Objects.requireNonNull(json, "json");
      try (JsonReader reader = new JsonReader(new StringReader(json))) {
        reader.setStrictness(Strictness.STRICT);
        // the adapter keeps the reader's strictness (JsonParser.parseReader would make it lenient)
        JsonElement e = new Gson().getAdapter(JsonElement.class).read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
          throw new IllegalArgumentException("the configuration has text after its JSON value");
        }
        this.config = e;
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("the configuration is not valid JSON: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * Adds a grid.
     *
     * @param title its title, e.g. "head 0: the 15 most accurate clusters"
     * @param grid the grid
     * @return this builder
     */
    public Builder addGrid(String title, ClusterGrid grid) {
      gridTitles.add(Objects.requireNonNull(title, "title"));
      grids.add(Objects.requireNonNull(grid, "grid"));
      return this;
    }

    /**
     * Builds the report.
     *
     * @return the report
     * @throws IllegalArgumentException if the title is missing or there is neither a head nor a grid
     */
    public EvaluationReport build() {
      if (title == null) {
        throw new IllegalArgumentException("the report title is not set");
      }
      if (heads.isEmpty() && grids.isEmpty()) {
        throw new IllegalArgumentException("the report has neither scores nor grids");
      }
      return new EvaluationReport(this);
    }
  }
}
