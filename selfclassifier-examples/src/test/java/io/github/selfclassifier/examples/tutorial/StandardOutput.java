package io.github.selfclassifier.examples.tutorial;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a tutorial's {@code main} and returns what it printed to standard output. */
final class StandardOutput {
  /** A tutorial's {@code main}. */
  interface Main {
    void run(String[] args) throws Exception;
  }

  private StandardOutput() {}

  /**
   * Runs {@code main(args)} with {@link System#out} captured.
   *
   * @return the printed text
   */
  static String of(Main main, String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run(args);
    } finally {
      System.setOut(original);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }
}
