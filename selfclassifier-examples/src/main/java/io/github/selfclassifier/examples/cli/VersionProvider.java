package io.github.selfclassifier.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version that {@code selfclassifier --version} prints: the Maven project version, taken from the
 * {@code version.properties} resource that the build generates next to this class, else from the jar
 * manifest's {@code Implementation-Version}, else {@code "dev"} (classes run straight from an IDE).
 */
public final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** Creates the provider. */
  public VersionProvider() {}

  /**
   * The project version.
   *
   * @return e.g. {@code "0.1.0"}, or {@code "dev"} if the build left no trace of it
   */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "").strip();
        if (!v.isEmpty() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "selfclassifier " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
