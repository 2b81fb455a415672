package io.github.selfclassifier.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A label file: one label per line, read into an {@code int[]} for the metrics.
 *
 * <p>Format (UTF-8 text):
 *
 * <ul>
 *   <li>one label per line; a label is any single token without whitespace: an integer ({@code 17}, {@code
 *       -3}) or a name ({@code cat}, {@code n01440764});
 *   <li>blank lines and lines whose first non-blank character is {@code #} are ignored, surrounding whitespace
 *       is trimmed;
 *   <li>a line holding two or more tokens is an error.
 * </ul>
 *
 * <p>Tokens become {@code int} labels as follows. If every token of the file is a decimal integer in the
 * {@code int} range, the labels are those integers ({@code 7} and {@code 007} are then the same label).
 * Otherwise every distinct token gets an id {@code 0, 1, 2, ...} in order of first appearance, and tokens are
 * compared as exact strings. Two files are mapped independently: the metrics only compare labels within one
 * file, so {@code cat} in the truth file and {@code cat} in the prediction file need not get the same id.
 *
 * <p>Reading is one pass with a {@link BufferedReader} and one hash lookup per line, about as fast as the
 * disk for millions of lines.
 */
public final class LabelFile {
  /** Returned by {@link #parseInt} for anything but a decimal {@code int}. */
  static final long NOT_AN_INT = Long.MIN_VALUE;

  private final String source;
  private final int[] labels;
  private final boolean numeric;
  /** Token mode: token to id. Numeric mode: unused (null). */
  private final Map<String, Integer> idOfToken;
  /** Token mode: id to token. */
  private final List<String> tokenOfId;
  /** Numeric mode: label value to the first token that spelled it, in order of first appearance. */
  private final Map<Integer, String> tokenOfValue;

  private LabelFile(
      String source,
      int[] labels,
      boolean numeric,
      Map<String, Integer> idOfToken,
      List<String> tokenOfId,
      Map<Integer, String> tokenOfValue) {
    this.source = source;
    this.labels = labels;
    this.numeric = numeric;
    this.idOfToken = idOfToken;
    this.tokenOfId = tokenOfId;
    this.tokenOfValue = tokenOfValue;
  }

  /**
   * Reads a label file.
   *
   * @param path the file
   * @param what how error messages name the file, e.g. {@code "--truth file"}
   * @return the labels
   * @throws CliException if the file cannot be read, holds no label, or has a line with several tokens
   */
  public static LabelFile read(Path path, String what) {
    return TextInput.read(path, what, in -> parse(in, what + " " + path));
  }

  /**
   * The labels of a loaded image set as a label file, so that a superclass file can name its classes: by the
   * class names (an image folder's sub-folder names) or by the class indices {@code 0..classes-1}
   * (Fashion-MNIST, the generated shapes). Every class counts as present, also one without images.
   *
   * @param source how error messages name the labels, e.g. {@code "--data photos/"}
   * @param labels the class index of every sample
   * @param classNames the class names in index order
   * @param byName true to name classes by {@code classNames}, false by their index
   * @return the labels, whose {@link #labels()} are the class indices
   */
  public static LabelFile ofClasses(String source, int[] labels, List<String> classNames, boolean byName) {
    if (byName) {
      Map<String, Integer> idOfToken = new HashMap<>();
      for (int c = 0; c < classNames.size(); c++) {
        idOfToken.putIfAbsent(classNames.get(c), c);
      }
      return new LabelFile(source, labels.clone(), false, idOfToken, List.copyOf(classNames), null);
    }
    Map<Integer, String> tokenOfValue = new LinkedHashMap<>();
    for (int c = 0; c < classNames.size(); c++) {
      tokenOfValue.put(c, Integer.toString(c));
    }
    return new LabelFile(source, labels.clone(), true, null, null, tokenOfValue);
  }

  /**
   * Parses label text.
   *
   * @param in the text; not closed
   * @param source how error messages name the text, e.g. {@code "--truth file labels.txt"}
   * @return the labels
   * @throws IOException if reading fails
   * @throws CliException if the text holds no label or has a line with several tokens
   */
  public static LabelFile parse(BufferedReader in, String source) throws IOException {
    Map<String, Integer> idOfToken = new HashMap<>();
    List<String> tokenOfId = new ArrayList<>();
    int[] ids = new int[1 << 16];
    int n = 0;
    long lineNumber = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      String token = TextInput.stripBom(line, lineNumber == 1).strip();
      if (TextInput.isBlankOrComment(token)) {
        continue;
      }
      Integer id = idOfToken.get(token);
      if (id == null) {
        checkSingleToken(token, source, lineNumber);
        id = tokenOfId.size();
        idOfToken.put(token, id);
        tokenOfId.add(token);
      }
      if (n == ids.length) {
        if (n == Integer.MAX_VALUE - 8) {
          throw new CliException(source + " has more than " + n + " labels");
        }
        ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n));
      }
      ids[n++] = id;
    }
    if (n == 0) {
      throw new CliException(
          source + " contains no labels (expected one label per line; blank and # lines are ignored)");
    }
    int[] labels = Arrays.copyOf(ids, n);

    int[] valueOfId = new int[tokenOfId.size()];
    for (int i = 0; i < valueOfId.length; i++) {
      long v = parseInt(tokenOfId.get(i));
      if (v == NOT_AN_INT) {
        return new LabelFile(source, labels, false, idOfToken, List.copyOf(tokenOfId), null);
      }
      valueOfId[i] = (int) v;
    }
    // Ids are in order of first appearance, so this map's keys are too.
    Map<Integer, String> tokenOfValue = new LinkedHashMap<>();
    for (int i = 0; i < valueOfId.length; i++) {
      tokenOfValue.putIfAbsent(valueOfId[i], tokenOfId.get(i));
    }
    for (int i = 0; i < n; i++) {
      labels[i] = valueOfId[labels[i]];
    }
    return new LabelFile(source, labels, true, null, null, tokenOfValue);
  }

  private static void checkSingleToken(String token, String source, long lineNumber) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isWhitespace(token.charAt(i))) {
        throw new CliException(
            source + " line " + lineNumber + ": expected one label, found " + TextInput.quote(token));
      }
    }
  }

  /**
   * Parses an optionally signed ASCII decimal integer in the {@code int} range, without exceptions.
   *
   * @param s a token
   * @return its value, or {@link #NOT_AN_INT}
   */
  static long parseInt(String s) {
    int len = s.length();
    int i = 0;
    boolean negative = false;
    if (len > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == len) {
      return NOT_AN_INT;
    }
    long v = 0;
    for (; i < len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_AN_INT;
      }
      v = v * 10 + (c - '0');
      if (v > 1L + Integer.MAX_VALUE) {
        return NOT_AN_INT;
      }
    }
    v = negative ? -v : v;
    return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? NOT_AN_INT : v;
  }

  /**
   * How error messages name this file.
   *
   * @return e.g. {@code "--truth file labels.txt"}
   */
  public String source() {
    return source;
  }

  /**
   * The labels, one per non-blank, non-comment line, in file order.
   *
   * @return a copy of the labels
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The number of labels.
   *
   * @return the number of non-blank, non-comment lines
   */
  public int size() {
    return labels.length;
  }

  /**
   * Whether every token was an integer, so that the labels are the integers themselves.
   *
   * @return true for integer labels, false for ids of distinct tokens
   */
  public boolean numeric() {
    return numeric;
  }

  /**
   * The number of distinct labels.
   *
   * @return how many distinct labels the file holds
   */
  public int distinct() {
    return numeric ? tokenOfValue.size() : tokenOfId.size();
  }

  /**
   * The label of a token as it would be spelled in this file, if the file holds it.
   *
   * @param token a token, e.g. from a superclass file
   * @return its label, or empty if no line of this file holds that label
   */
  public OptionalInt labelOf(String token) {
    if (numeric) {
      long v = parseInt(token);
      return v != NOT_AN_INT && tokenOfValue.containsKey((int) v)
          ? OptionalInt.of((int) v)
          : OptionalInt.empty();
    }
    Integer id = idOfToken.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /**
   * The token that a label stands for: the name in a file of names, the first spelling of the integer in a
   * file of integers.
   *
   * @param label a label of this file
   * @return its token, or null if the file holds no such label
   */
  public String tokenOf(int label) {
    if (numeric) {
      return tokenOfValue.get(label);
    }
    return label >= 0 && label < tokenOfId.size() ? tokenOfId.get(label) : null;
  }

  /**
   * The distinct labels in order of first appearance.
   *
   * @return every distinct label once
   */
  public int[] distinctLabels() {
    if (!numeric) {
      int[] ids = new int[tokenOfId.size()];
      Arrays.setAll(ids, i -> i);
      return ids;
    }
    return tokenOfValue.keySet().stream().mapToInt(Integer::intValue).toArray();
  }
}
