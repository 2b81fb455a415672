package io.github.selfclassifier.djl.inference;

import com.google.gson.stream.JsonWriter;
import io.github.selfclassifier.djl.data.ImageFolder;
import io.github.selfclassifier.djl.data.ImageFolderLoadReport;
import io.github.selfclassifier.djl.data.ImageFolderOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link SelfClassifierModel#predictFolder}: list, then decode, predict and write one batch at a time. */
final class FolderPredictionWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FolderPredictionWriter.class);

  private final SelfClassifierModel model;
  private final FolderPredictionOptions options;

  FolderPredictionWriter(SelfClassifierModel model, FolderPredictionOptions options) {
    this.model = model;
    this.options = options;
  }

  FolderPredictionSummary run(Path folder, Path csvFile, Path jsonFile) throws IOException {
    if (csvFile == null && jsonFile == null) {
      throw new IllegalArgumentException("give a CSV file, a JSON file or both");
    }
    InputPreprocessing input = model.preprocessing();
    ImageFolderOptions decodeOptions = ImageFolderOptions.builder()
        .setSize(input.size())
        .optChannels(input.channels())
        .optInterpolation(input.interpolation())
        .optLabelled(false)
        .optStrict(options.strict())
        .optThreads(options.decodeThreads())
        .build();
    List<Path> files = ImageFolder.list(folder, false).files();
    List<ImageFolderLoadReport.SkippedImage> skipped = new ArrayList<>();
    int predicted = 0;
    long start = System.nanoTime();
    LOG.info("predicting {} image files under {} in batches of {}", files.size(), folder, options.batchSize());
    try (Writer csv = open(csvFile); Writer jsonOut = open(jsonFile);
        JsonWriter json = jsonOut == null ? null : new JsonWriter(jsonOut)) {
      if (csv != null) {
        csv.write("path,cluster,probability\n");
      }
      if (json != null) {
        json.setIndent(" ");
        json.beginObject();
        json.name("folder").value(folder.toString());
        json.name("head").value(options.head());
        json.name("predictions").beginArray();
      }
      for (int from = 0; from < files.size(); from += options.batchSize()) {
        List<Path> chunk = files.subList(from, Math.min(files.size(), from + options.batchSize()));
        ImageFolder.DecodedImages decoded = ImageFolder.decode(chunk, decodeOptions);
        skipped.addAll(decoded.skipped());
        int n = decoded.files().size();
        if (n == 0) {
          continue;
        }
        List<ClusterPrediction> predictions = model.predictPixels(decoded.pixels(), n, options.head());
        for (int i = 0; i < n; i++) {
          String path = relative(folder, decoded.files().get(i));
          ClusterPrediction p = predictions.get(i);
          if (csv != null) {
            csv.write(csvField(path) + "," + p.cluster() + "," + p.probability() + "\n");
          }
          if (json != null) {
            json.beginObject();
            json.name("path").value(path);
            json.name("cluster").value(p.cluster());
            json.name("probability").value(p.probability());
            json.name("headClusters").beginArray();
            for (int cluster : p.clustersOfAllHeads()) {
              json.value(cluster);
            }
            json.endArray();
            json.endObject();
          }
        }
        predicted += n;
        if (csv != null) {
          csv.flush();
        }
        if (json != null) {
          json.flush();
        }
        long done = from + chunk.size();
        double elapsed = (System.nanoTime() - start) / 1e9;
        LOG.debug("predicted {} of {} files, about {} s left", done, files.size(),
            String.format(Locale.ROOT, "%.0f", elapsed / done * (files.size() - done)));
      }
      if (json != null) {
        json.endArray();
        json.name("skipped").beginArray();
        for (ImageFolderLoadReport.SkippedImage s : skipped) {
          json.beginObject();
          json.name("path").value(relative(folder, s.file()));
          json.name("reason").value(s.reason());
          json.endObject();
        }
        json.endArray();
        json.endObject();
      }
    }
    LOG.info("predicted {} images under {} ({} skipped) in {} s", predicted, folder, skipped.size(),
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return new FolderPredictionSummary(folder, predicted, skipped, csvFile, jsonFile);
  }

  private static Writer open(Path file) throws IOException {
    if (file == null) {
      return null;
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  static String relative(Path folder, Path file) {
    StringBuilder s = new StringBuilder();
    for (Path element : folder.relativize(file)) {
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(element);
    }
    return s.toString();
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
  static String csvField(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
