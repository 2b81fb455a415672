package io.github.selfclassifier.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the CSV files the commands write (RFC 4180 quoting, no line breaks inside fields), for the tests. */
final class TestCsv {
  private TestCsv() {}

  /** The rows after the header, as cells. */
  static List<String[]> rows(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(split(line));
    }
    return rows;
  }

  /** The header line. */
  static String header(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
  }

  /** One line's cells. */
  static String[] split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells.toArray(String[]::new);
  }

  /** One integer column of the rows. */
  static int[] column(List<String[]> rows, int column) {
    return rows.stream().mapToInt(r -> Integer.parseInt(r[column])).toArray();
  }
}
