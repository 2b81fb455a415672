package io.github.selfclassifier.djl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.metrics.AverageMethod;
import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.djl.data.ByteImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EvaluationReport}: scores, escaping, the embedded grid, the JSON form and the files written. */
class EvaluationReportTest {
  private static final String EVIL = "<script>alert('x')</script>";

  // Hand-picked scores, so the expected table cells are known: 12.35, 50.00, -1.00, 98.77, 43.21.
  private static final ClusteringScores HEAD0 =
      new ClusteringScores(100, 10, 12, AverageMethod.ARITHMETIC, 0.123456, 0.5, -0.01, 0.98765, OptionalDouble.of(0.4321));
  private static final ClusteringScores HEAD1 =
      new ClusteringScores(100, 10, 20, AverageMethod.ARITHMETIC, 0.25, 0.125, 0.0625, 0.75, OptionalDouble.empty());

  /** 12 images in clusters 0 (8 images, labels 0 and one 1) and 1 (4 images, label 1); names include EVIL. */
  private static ClusterGrid grid() {
    int n = 12;
    byte[] px = new byte[n * 4 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 7);
    }
    int[] predicted = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    int[] truth = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    return ClusterGridRenderer.builder()
        .optImagesPerCluster(4)
        .optClassNames(List.of(EVIL, "B & W"))
        .build()
        .render(ByteImageSet.of(1, 4, 4, px, null), predicted, truth);
  }

  private static EvaluationReport report() {
    return EvaluationReport.builder()
        .setTitle("Run <1> & co")
        .addHead("head 0 \"1000\"", HEAD0)
        .addHead("head 1", HEAD1)
        .optConfigJson("{\"epochs\": 3, \"folder\": \"</pre><img src=x>\"}")
        .addGrid("head 0 <grid>", grid())
        .build();
  }

  @Test
  void htmlShowsTheScoresOfEveryHead() {
    String html = report().toHtml();
    assertThat(html)
        .contains("<td>head 0 &quot;1000&quot;</td><td>100</td><td>10</td><td>12</td>")
        .contains("<td>12.35</td><td>50.00</td><td>-1.00</td><td>98.77</td><td>43.21</td>")
        .contains("<td>25.00</td><td>12.50</td><td>6.25</td><td>75.00</td><td>&ndash;</td>");
  }

  @Test
  void everyUserStringIsEscaped() {
    String html = report().toHtml();
    assertThat(html).doesNotContain("<script").doesNotContain("<img src=x>").doesNotContain("<1>");
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("B &amp; W")
        .contains("<title>Run &lt;1&gt; &amp; co</title>")
        .contains("head 0 &lt;grid&gt;");
    // the configuration is shown, and its text cannot close the <pre>
    assertThat(html).contains("&quot;epochs&quot;: 3");
    assertThat(html.indexOf("</pre>")).isEqualTo(html.lastIndexOf("</pre>"));
  }

  @Test
  void theGridIsEmbeddedAsPngWithItsRows() throws IOException {
    EvaluationReport report = report();
    String html = report.toHtml();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
    BufferedImage expected = grid().image();
    assertThat(png.getWidth()).isEqualTo(expected.getWidth());
    assertThat(png.getHeight()).isEqualTo(expected.getHeight());
    for (int y = 0; y < png.getHeight(); y += 3) {
      for (int x = 0; x < png.getWidth(); x += 3) {
        assertThat(png.getRGB(x, y)).isEqualTo(expected.getRGB(x, y));
      }
    }
    // row table: cluster 1 (purity 1) first, then cluster 0 (7 of 8)
    assertThat(html)
        .contains("<td>1</td><td>1</td><td>4</td><td class=\"name\">B &amp; W</td><td>100.00</td>")
        .contains("<td>2</td><td>0</td><td>8</td><td class=\"name\">&lt;script&gt;");
  }

  @Test
  void jsonRoundTripsThroughGson() {
    EvaluationReport report = report();
    String json = report.toJson();
    ReportData back = ReportData.fromJson(json);
    assertThat(back).isEqualTo(report.data());

    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    JsonObject h0 = o.getAsJsonArray("heads").get(0).getAsJsonObject();
    assertThat(h0.get("nmi").getAsDouble()).isEqualTo(0.123456);
    assertThat(h0.get("superclassAcc").getAsDouble()).isEqualTo(0.4321);
    assertThat(o.getAsJsonArray("heads").get(1).getAsJsonObject().has("superclassAcc")).isFalse();
    assertThat(o.getAsJsonObject("config").get("epochs").getAsInt()).isEqualTo(3);
    JsonObject row0 = o.getAsJsonArray("grids").get(0).getAsJsonObject().getAsJsonArray("rows").get(0).getAsJsonObject();
    assertThat(row0.get("cluster").getAsInt()).isEqualTo(1);
    assertThat(row0.get("majorityClassName").getAsString()).isEqualTo("B & W");
    assertThat(row0.getAsJsonArray("samples")).hasSize(4);
  }

  @Test
  void unlabelledReportsHaveNoClassColumnsInTheJson() {
    byte[] px = new byte[6 * 2 * 2];
    ClusterGrid g =
        ClusterGridRenderer.builder().optImagesPerCluster(2).build()
            .render(ByteImageSet.of(1, 2, 2, px, null), new int[] {4, 4, 4, 5, 5, 6});
    EvaluationReport r = EvaluationReport.builder().setTitle("unlabelled").addGrid("g", g).build();
    ReportData.Row row = r.data().grids().get(0).rows().get(0);
    assertThat(row.cluster()).isEqualTo(4);
    assertThat(row.majorityClass()).isNull();
    assertThat(row.purity()).isNull();
    assertThat(ReportData.fromJson(r.toJson())).isEqualTo(r.data());
    assertThat(r.toHtml()).doesNotContain("<h2>Scores</h2>").contains("<td>4</td><td>3</td><td class=\"name\">&ndash;");
  }

  @Test
  void writeToPutsHtmlJsonAndPngsInTheFolder(@TempDir Path dir) throws IOException {
    EvaluationReport report = report();
    Path out = dir.resolve("nested/report");
    Path html = report.writeTo(out);
    assertThat(html).isEqualTo(out.resolve("report.html"));
    assertThat(Files.readString(html)).isEqualTo(report.toHtml());
    assertThat(ReportData.fromJson(Files.readString(out.resolve("report.json")))).isEqualTo(report.data());
    assertThat(report.data().grids().get(0).file()).isEqualTo("grid-0.png");
    assertThat(Files.readAllBytes(out.resolve("grid-0.png"))).isEqualTo(grid().toPng());
  }

  @Test
  void invalidInputsAreRejected() {
    assertThatThrownBy(() -> EvaluationReport.builder().optConfigJson("{epochs: 3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> EvaluationReport.builder().optConfigJson("{} {}"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> EvaluationReport.builder().setTitle("t").build())
        .hasMessageContaining("neither scores nor grids");
    assertThatThrownBy(() -> EvaluationReport.builder().addHead("h", HEAD0).build())
        .hasMessageContaining("title is not set");
  }
}
