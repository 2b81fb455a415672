package io.github.selfclassifier.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's {@code --json} result: one pretty-printed JSON object, nulls kept, parent folders created. */
public final class JsonFile {
  private JsonFile() {}

  /**
   * Writes the object.
   *
   * @param file the file
   * @param object the parameters and results
   * @throws CliException if the file cannot be written
   */
  public static void write(Path file, JsonObject object) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(object) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write --json " + file + ": " + e.getMessage(), e);
    }
  }
}
