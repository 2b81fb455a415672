package io.github.selfclassifier.djl.augment;

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
 * Reads reference_fixture.txt, the Pillow/torchvision outputs written by make_reference_fixture.py (same
 * resource folder).
 */
final class ReferenceFixture {
  private static final Map<String, FloatImage> RECORDS = load();

  private ReferenceFixture() {}

  /** A fresh copy of the named record. */
  static FloatImage image(String name) {
    FloatImage image = RECORDS.get(name);
    if (image == null) {
      throw new IllegalArgumentException("no fixture record " + name + "; have " + RECORDS.keySet());
    }
    return image.copy();
  }

  private static Map<String, FloatImage> load() {
    Map<String, FloatImage> records = new HashMap<>();
    try (InputStream in = Objects.requireNonNull(
            ReferenceFixture.class.getResourceAsStream("reference_fixture.txt"), "reference_fixture.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] parts = line.trim().split(" ");
        int c = Integer.parseInt(parts[1]);
        int h = Integer.parseInt(parts[2]);
        int w = Integer.parseInt(parts[3]);
        float[] values = new float[c * h * w];
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.parseFloat(parts[4 + i]);
        }
        records.put(parts[0], FloatImage.wrap(c, h, w, values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }
}
