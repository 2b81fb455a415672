package io.github.selfclassifier.examples.cli;

import io.github.selfclassifier.djl.EngineSelector;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --engine} option shared by every command that runs a model. An unknown engine is a usage error
 * (exit code 2), reported when the command line is read, before any data or model is loaded.
 */
public final class EngineOption {
  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = EngineSelector.DEFAULT_ENGINE,
      converter = EngineConverter.class,
      description = "Deep-learning engine: PyTorch (default) or MXNet. A model trained on one runs on either.")
  private String name;

  /** Created by picocli. */
  public EngineOption() {}

  /**
   * The engine name, spelled as DJL spells it.
   *
   * @return "PyTorch" or "MXNet"
   */
  public String name() {
    return name;
  }

  /** Matches the name case-insensitively against the supported engines. */
  static final class EngineConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      for (String supported : EngineSelector.supportedEngines()) {
        if (supported.equalsIgnoreCase(value.strip())) {
          return supported;
        }
      }
      throw new TypeConversionException("unknown engine '" + value + "': expected one of "
          + String.join(", ", EngineSelector.supportedEngines()));
    }
  }
}
