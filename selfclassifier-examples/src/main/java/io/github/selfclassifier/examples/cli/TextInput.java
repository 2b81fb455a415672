package io.github.selfclassifier.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens the command line's UTF-8 text inputs and turns the usual I/O failures (no such file, a directory,
 * permission denied, not UTF-8) into one-line {@link CliException}s that name the file.
 */
final class TextInput {
  /** Large enough that a million short lines cost a few hundred reads. */
  static final int BUFFER_SIZE = 1 << 16;

  private TextInput() {}

  /** Reads a whole text file with a parser; the reader is closed afterwards. */
  interface Parser<T> {
    /**
     * Parses the text.
     *
     * @param in the text
     * @return the parsed value
     * @throws IOException if reading fails
     */
    T parse(BufferedReader in) throws IOException;
  }

  /**
   * Opens {@code path} as UTF-8 text and parses it.
   *
   * @param path the file
   * @param what how error messages name the file, e.g. {@code "--truth file"}
   * @param parser what to make of the text
   * @param <T> the parsed type
   * @return the parsed value
   * @throws CliException if the file cannot be read or is not UTF-8
   */
  static <T> T read(Path path, String what, Parser<T> parser) {
    String name = what + " " + path;
    if (Files.isDirectory(path)) {
      throw new CliException("cannot read " + name + ": it is a directory");
    }
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Files.newInputStream(path),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            BUFFER_SIZE)) {
      return parser.parse(in);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + name + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read " + name + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new CliException("cannot read " + name + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new CliException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Strips a leading byte order mark, which some editors write, from the first line of a file.
   *
   * @param line a line
   * @param first whether it is the file's first line
   * @return the line without a leading BOM
   */
  static String stripBom(String line, boolean first) {
    return first && !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  /**
   * Whether a trimmed line carries no data: empty, or a comment starting with {@code #}.
   *
   * @param trimmed a line without surrounding whitespace
   * @return true if the line is to be skipped
   */
  static boolean isBlankOrComment(String trimmed) {
    return trimmed.isEmpty() || trimmed.charAt(0) == '#';
  }

  /**
   * Shortens a token for an error message.
   *
   * @param s any text
   * @return the text, quoted, cut to 60 characters
   */
  static String quote(String s) {
    return "'" + (s.length() <= 60 ? s : s.substring(0, 57) + "...") + "'";
  }
}
