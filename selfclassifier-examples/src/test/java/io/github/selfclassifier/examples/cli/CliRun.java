package io.github.selfclassifier.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of the {@code selfclassifier} command line, with its standard output and error captured.
 *
 * @param exitCode the exit code {@link CommandLine#execute} returned
 * @param out what the command wrote to standard output
 * @param err what the command wrote to standard error
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs the tool as {@code main} would, but without {@code System.exit} and with captured output. */
  static CliRun of(String... args) {
    CommandLine cl = SelfClassifierCli.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The lines written to standard error. */
  List<String> errLines() {
    return err.lines().toList();
  }
}
