package io.github.selfclassifier.djl.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart of scores against training time (for example NMI and ACC per epoch against minutes), drawn
 * with java.awt in headless mode and written as PNG. The y axis spans [0, 1]; the x axis spans [0, the
 * largest x]. Each series gets the next colour of a fixed palette, a line through its points and a dot at
 * each point.
 *
 * <pre>{@code
 * LearningCurveChart chart = new LearningCurveChart("Fashion-MNIST", "training minutes", "score");
 * chart.addSeries("NMI", minutes, nmi);
 * chart.addSeries("ACC", minutes, acc);
 * chart.writePng(Path.of("curve.png"));
 * }</pre>
 */
public final class LearningCurveChart {
  /** The series colours, in order. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b)
  };
  static final int WIDTH = 800;
  static final int HEIGHT = 500;
  static final int LEFT = 70;
  static final int RIGHT = 160;
  static final int TOP = 40;
  static final int BOTTOM = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();

  private record Series(String name, double[] x, double[] y) {}

  /**
   * Creates an empty chart.
   *
   * @param title the title drawn above the plot
   * @param xLabel the x axis label
   * @param yLabel the y axis label
   */
  public LearningCurveChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * Adds a series.
   *
   * @param name its legend entry
   * @param x the x values, finite and at least 0
   * @param y the y values in [0, 1], as many as {@code x}
   * @return this chart
   * @throws IllegalArgumentException if the lengths differ, a series is empty, or a value is out of range
   */
  public LearningCurveChart addSeries(String name, double[] x, double[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' needs as many x as y values, at least one: "
          + x.length + " x, " + y.length + " y");
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0) || Double.isInfinite(x[i]) || !(y[i] >= 0 && y[i] <= 1)) {
        throw new IllegalArgumentException("series '" + name + "' point " + i + " is outside x >= 0, y in"
            + " [0, 1]: (" + x[i] + ", " + y[i] + ")");
      }
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /**
   * Draws the chart.
   *
   * @return an RGB image of {@value #WIDTH} x {@value #HEIGHT} pixels
   */
  public BufferedImage render() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      double xMax = xMax();
      drawAxes(g, xMax);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      for (int s = 0; s < series.size(); s++) {
        Series ser = series.get(s);
        g.setColor(PALETTE[s % PALETTE.length]);
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < ser.x.length; i++) {
          g.drawLine(px(ser.x[i - 1], xMax), py(ser.y[i - 1]), px(ser.x[i], xMax), py(ser.y[i]));
        }
        for (int i = 0; i < ser.x.length; i++) {
          g.fillOval(px(ser.x[i], xMax) - 3, py(ser.y[i]) - 3, 7, 7);
        }
        drawText(g, ser.name, WIDTH - RIGHT + 30, TOP + 20 + 22 * s);
        g.fillRect(WIDTH - RIGHT + 10, TOP + 12 + 22 * s, 14, 4);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Draws the chart and writes it as PNG, creating the parent folders.
   *
   * @param file the PNG file
   * @throws IOException if it cannot be written
   */
  public void writePng(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(render(), "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  /** The pixel column of x. */
  static int px(double x, double xMax) {
    return LEFT + (int) Math.round(x / xMax * (WIDTH - LEFT - RIGHT));
  }

  /** The pixel row of y. */
  static int py(double y) {
    return HEIGHT - BOTTOM - (int) Math.round(y * (HEIGHT - TOP - BOTTOM));
  }

  /** The largest x of all series, or 1 when there is none or it is 0. */
  double xMax() {
    double max = 0;
    for (Series s : series) {
      for (double v : s.x) {
        max = Math.max(max, v);
      }
    }
    return max > 0 ? max : 1;
  }

  private void drawAxes(Graphics2D g, double xMax) {
    g.setColor(new Color(0xDDDDDD));
    for (int t = 0; t <= 10; t++) {
      g.drawLine(LEFT, py(t / 10.0), WIDTH - RIGHT, py(t / 10.0));
    }
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, py(0), WIDTH - RIGHT, py(0));
    g.drawLine(LEFT, py(0), LEFT, py(1));
    for (int t = 0; t <= 10; t += 2) {
      drawText(g, String.format(Locale.ROOT, "%.1f", t / 10.0), LEFT - 30, py(t / 10.0) + 5);
    }
    for (int t = 0; t <= 5; t++) {
      double x = xMax * t / 5;
      drawText(g, String.format(Locale.ROOT, "%.3g", x), px(x, xMax) - 10, py(0) + 20);
    }
    drawText(g, xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2 - 40, HEIGHT - 15);
    drawText(g, yLabel, 10, TOP - 10);
    drawText(g, title, LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, 20);
  }

  /** Draws text when the headless toolkit has a font; a chart without labels is still a chart. */
  private static void drawText(Graphics2D g, String text, int x, int y) {
    try {
      g.drawString(text, x, y);
    } catch (RuntimeException | Error e) {
      // no font configuration on this machine: leave the label out
    }
  }
}
