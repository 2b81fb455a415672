package io.github.selfclassifier.examples.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code selfclassifier} command line tool: {@code java -jar selfclassifier.jar COMMAND [OPTIONS]}.
 *
 * <p>Every command is a picocli {@code @Command} class listed in {@code subcommands} below; adding a command
 * is one class plus one entry there. {@link #newCommandLine()} gives every command {@code --help} and
 * {@code --version} and installs the error handling: a usage error (unknown option, missing or bad option
 * value) exits with code 2, a runtime error (missing or malformed file) with code 1; either prints exactly one
 * line, {@code selfclassifier: error: ...}, on standard error, without a stack trace.
 */
@Command(
    name = "selfclassifier",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Self-supervised image classification (Self-Classifier) tools.",
      "Run 'selfclassifier help COMMAND' or 'selfclassifier COMMAND --help' for a command's options."
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar selfclassifier.jar quickstart",
      "  java -jar selfclassifier.jar train --data shapes --out runs/shapes --epochs 40",
      "  java -jar selfclassifier.jar evaluate --model runs/shapes/model.scmodel \\",
      "      --data shapes --out runs/shapes/eval"
    },
    subcommands = {
      HelpCommand.class,
      QuickstartCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      MetricsCommand.class,
    })
public final class SelfClassifierCli implements Runnable {
  /** Prefix of every error line. */
  static final String ERROR_PREFIX = "selfclassifier: error: ";

  /** Set to any value to print stack traces of unexpected errors. */
  static final String STACKTRACE_ENV = "SELFCLASSIFIER_STACKTRACE";

  @Spec private CommandSpec spec;

  /** Created by picocli. */
  public SelfClassifierCli() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The configured command line, for {@link #main} and for tests that run commands in-process (replace its
   * output with {@link CommandLine#setOut} and {@link CommandLine#setErr}, then call {@link
   * CommandLine#execute}).
   *
   * @return a new command line
   */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new SelfClassifierCli());
    addStandardOptions(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionExceptionHandler(new RuntimeErrorHandler());
    return cl;
  }

  /** Gives every command below the top one {@code --help} and the tool's {@code --version}. */
  private static void addStandardOptions(CommandLine parent) {
    for (CommandLine sub : parent.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (!(sub.getCommand() instanceof HelpCommand)) {
        spec.mixinStandardHelpOptions(true);
        if (spec.version().length == 0) {
          spec.versionProvider(new VersionProvider());
        }
      }
      addStandardOptions(sub);
    }
  }

  /** Without a command: a usage error that lists the commands. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "no command given; choose one of: " + commandNames(spec.commandLine()));
  }

  /** The names of a command's subcommands, except {@code help}, comma separated. */
  private static String commandNames(CommandLine cmd) {
    return cmd.getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help"))
        .collect(Collectors.joining(", "));
  }

  /**
   * Writes one error line: the prefix and the message with line breaks folded into spaces.
   *
   * @param err where to write
   * @param message what went wrong
   */
  static void printError(PrintWriter err, String message) {
    String oneLine = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    err.println(ERROR_PREFIX + oneLine);
    err.flush();
  }

  /** Usage errors: one line naming the problem and where to find help, exit code 2. */
  static final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      String message = ex.getMessage();
      if (ex instanceof UnmatchedArgumentException u
          && !cmd.getSubcommands().isEmpty()
          && !u.getUnmatched().isEmpty()
          && !u.getUnmatched().get(0).startsWith("-")
          && cmd.getParseResult() != null
          && !cmd.getParseResult().hasSubcommand()) {
        message = "unknown command '" + u.getUnmatched().get(0) + "'; choose one of: " + commandNames(cmd);
      }
      if (cmd.getParent() != null) {
        message += " (see 'selfclassifier " + cmd.getCommandName() + " --help')";
      } else if (!message.contains("--help")) {
        message += " (see 'selfclassifier --help')";
      }
      printError(cmd.getErr(), message);
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
  }

  /** Runtime errors: one line with the message, exit code 1; stack traces only for unexpected errors on demand. */
  static final class RuntimeErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
      if (ex instanceof CliException || ex instanceof IllegalArgumentException) {
        printError(cmd.getErr(), ex.getMessage());
      } else {
        String detail = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        printError(
            cmd.getErr(),
            "unexpected " + ex.getClass().getSimpleName() + detail
                + " (set " + STACKTRACE_ENV + "=1 for a stack trace)");
        if (System.getenv(STACKTRACE_ENV) != null) {
          ex.printStackTrace(cmd.getErr());
        }
      }
      return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
  }
}
