package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.EngineSelector;
import picocli.CommandLine.Option;

/** The {@code --engine} option shared by every command that runs a model. */
public final class EngineOption {
  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = EngineSelector.DEFAULT_ENGINE,
      description = "Deep-learning engine: PyTorch (default) or MXNet.")
  private String name;

  /** Created by picocli. */
  public EngineOption() {}

  /**
   * The engine name as given, checked against the supported engines.
   *
   * @return the name
   * @throws CliException if the engine is not supported
   */
  public String name() {
    for (String supported : EngineSelector.supportedEngines()) {
      if (supported.equalsIgnoreCase(name)) {
        return supported;
      }
    }
    throw new CliException("unknown engine '" + name + "': expected one of "
        + String.join(", ", EngineSelector.supportedEngines()));
  }
}
