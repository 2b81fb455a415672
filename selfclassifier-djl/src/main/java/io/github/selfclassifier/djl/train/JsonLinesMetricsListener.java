package io.github.selfclassifier.djl.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.selfclassifier.api.train.EpochInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends one JSON object per epoch to a file (JSON Lines), for machines: epoch, epochs, globalStep, steps,
 * meanLoss, meanDistinctClusters, meanNeighborAccuracy (null when unknown), learningRate and
 * durationSeconds. Appending means a resumed run continues the same file.
 */
public final class JsonLinesMetricsListener implements io.github.selfclassifier.api.train.TrainingListener {
  private final Path file;
  private final Gson gson = new Gson();

  /**
   * Creates the listener; the file and its folder are created on the first epoch end.
   *
   * @param file the JSON Lines file
   */
  public JsonLinesMetricsListener(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public void onEpochEnd(EpochInfo e) {
    JsonObject o = new JsonObject();
    o.addProperty("epoch", e.epoch());
    o.addProperty("epochs", e.epochs());
    o.addProperty("globalStep", e.globalStep());
    o.addProperty("steps", e.steps());
    addFinite(o, "meanLoss", e.meanLoss());
    addFinite(o, "meanDistinctClusters", e.meanDistinctClusters());
    addFinite(o, "meanNeighborAccuracy", e.meanNeighborAccuracy());
    addFinite(o, "learningRate", e.learningRate());
    o.addProperty("durationSeconds", e.durationNanos() / 1e9);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, gson.toJson(o) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot append metrics to " + file, ex);
    }
  }

  private static void addFinite(JsonObject o, String name, double value) {
    if (Double.isFinite(value)) {
      o.addProperty(name, value);
    } else {
      o.add(name, com.google.gson.JsonNull.INSTANCE);
    }
  }
}
