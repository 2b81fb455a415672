package io.github.selfclassifier.djl.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of the reference files written by make_eval_fixtures.py (same resource folder): records of the form
 * {@code name rows cols values...}, row-major.
 */
final class EvalFixture {
  private record Entry(int rows, int cols, double[] values) {}

  private final String file;
  private final Map<String, Entry> records = new HashMap<>();

  EvalFixture(String file) {
    this.file = file;
    try (InputStream in = Objects.requireNonNull(EvalFixture.class.getResourceAsStream(file), file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] parts = line.trim().split(" ");
        int rows = Integer.parseInt(parts[1]);
        int cols = Integer.parseInt(parts[2]);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
          values[i] = Double.parseDouble(parts[3 + i]);
        }
        records.put(parts[0], new Entry(rows, cols, values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Entry entry(String name) {
    Entry e = records.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no record " + name + " in " + file + "; have " + records.keySet());
    }
    return e;
  }

  FloatMatrix floatMatrix(String name) {
    Entry e = entry(name);
    float[] f = new float[e.values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) e.values[i];
    }
    return FloatMatrix.of(e.rows, e.cols, f);
  }

  double[][] matrix(String name) {
    Entry e = entry(name);
    double[][] out = new double[e.rows][e.cols];
    for (int i = 0; i < e.rows; i++) {
      System.arraycopy(e.values, i * e.cols, out[i], 0, e.cols);
    }
    return out;
  }

  int[] ints(String name) {
    Entry e = entry(name);
    int[] out = new int[e.values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) e.values[i];
    }
    return out;
  }

  double scalar(String name) {
    return entry(name).values[0];
  }

  double[] values(String name) {
    return entry(name).values.clone();
  }
}
