package io.github.selfclassifier.examples.cli;

/**
 * An error in the user's input (a missing or malformed file, inconsistent files) rather than in the program.
 * The command line prints its message as the single line {@code selfclassifier: error: MESSAGE} on standard
 * error, without a stack trace, and exits with code 1.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, as one line that names the file, line or label at fault
   */
  public CliException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, as one line that names the file, line or label at fault
   * @param cause the underlying exception
   */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
