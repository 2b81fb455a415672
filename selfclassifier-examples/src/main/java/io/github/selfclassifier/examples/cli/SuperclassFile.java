package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A superclass file: which superclass every fine class of the truth file belongs to, for the superclass
 * accuracy (for example CIFAR-100's 100 classes in 20 superclasses).
 *
 * <p>Format (UTF-8 text): one {@code fine_label super_label} pair per line, separated by spaces or tabs;
 * blank lines and lines starting with {@code #} are ignored. Fine labels are written as in the truth file
 * ({@code cat}, or {@code 3} for integer truth labels); superclass labels are any tokens and only their
 * equality matters. Every label of the truth file needs a superclass. Lines for fine labels that the truth
 * file does not contain are ignored, so one superclass file serves every subset of a data set. A fine label
 * listed twice must name the same superclass both times.
 */
public final class SuperclassFile {
  private SuperclassFile() {}

  /**
   * Reads a superclass file for the labels of a truth file.
   *
   * @param path the file
   * @param what how error messages name the file, e.g. {@code "--superclasses file"}
   * @param truth the truth labels whose tokens the fine labels refer to
   * @return a mapping from every truth label to a superclass id
   * @throws CliException if the file cannot be read or is malformed, or a truth label has no superclass
   */
  public static SuperclassMapping read(Path path, String what, LabelFile truth) {
    return TextInput.read(path, what, in -> parse(in, what + " " + path, truth));
  }

  /**
   * Parses superclass text for the labels of a truth file.
   *
   * @param in the text; not closed
   * @param source how error messages name the text, e.g. {@code "--superclasses file super.txt"}
   * @param truth the truth labels whose tokens the fine labels refer to
   * @return a mapping from every truth label to a superclass id (superclass ids are assigned in order of
   *     first appearance)
   * @throws IOException if reading fails
   * @throws CliException if a line does not hold exactly two tokens, a fine label is given two different
   *     superclasses, or a truth label has no superclass
   */
  public static SuperclassMapping parse(BufferedReader in, String source, LabelFile truth)
      throws IOException {
    Map<String, Integer> superIds = new HashMap<>();
    List<String> superTokens = new ArrayList<>();
    Map<Integer, Integer> superOfFine = new HashMap<>();
    Map<Integer, Long> lineOfFine = new HashMap<>();
    long lineNumber = 0;
    String line;
    String[] pair = new String[2];
    while ((line = in.readLine()) != null) {
      lineNumber++;
      String trimmed = TextInput.stripBom(line, lineNumber == 1).strip();
      if (TextInput.isBlankOrComment(trimmed)) {
        continue;
      }
      if (!splitPair(trimmed, pair)) {
        throw new CliException(
            source
                + " line "
                + lineNumber
                + ": expected 'fine_label super_label', found "
                + TextInput.quote(trimmed));
      }
      OptionalInt fine = truth.labelOf(pair[0]);
      if (fine.isEmpty()) {
        continue; // a class the truth file does not use
      }
      Integer superId = superIds.get(pair[1]);
      if (superId == null) {
        superId = superTokens.size();
        superIds.put(pair[1], superId);
        superTokens.add(pair[1]);
      }
      Integer previous = superOfFine.putIfAbsent(fine.getAsInt(), superId);
      if (previous != null && !previous.equals(superId)) {
        throw new CliException(
            source
                + " line "
                + lineNumber
                + ": fine label "
                + TextInput.quote(pair[0])
                + " has superclass "
                + TextInput.quote(pair[1])
                + " but line "
                + lineOfFine.get(fine.getAsInt())
                + " gave it "
                + TextInput.quote(superTokens.get(previous)));
      }
      lineOfFine.putIfAbsent(fine.getAsInt(), lineNumber);
    }

    List<String> missing = new ArrayList<>();
    for (int label : truth.distinctLabels()) {
      if (!superOfFine.containsKey(label)) {
        missing.add(truth.tokenOf(label));
      }
    }
    if (!missing.isEmpty()) {
      throw new CliException(
          source
              + " has no superclass for truth label "
              + TextInput.quote(missing.get(0))
              + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more truth labels)" : ""));
    }
    return SuperclassMapping.of(superOfFine);
  }

  /**
   * Splits a trimmed line into exactly two whitespace-separated tokens, without regular expressions.
   *
   * @return false if the line does not hold exactly two tokens
   */
  private static boolean splitPair(String s, String[] pair) {
    int len = s.length();
    int endFirst = 0;
    while (endFirst < len && !Character.isWhitespace(s.charAt(endFirst))) {
      endFirst++;
    }
    int startSecond = endFirst;
    while (startSecond < len && Character.isWhitespace(s.charAt(startSecond))) {
      startSecond++;
    }
    if (startSecond == len) {
      return false;
    }
    for (int i = startSecond; i < len; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    pair[0] = s.substring(0, endFirst);
    pair[1] = s.substring(startSecond);
    return true;
  }
}
