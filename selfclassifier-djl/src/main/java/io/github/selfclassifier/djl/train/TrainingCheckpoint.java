package io.github.selfclassifier.djl.train;

import static io.github.selfclassifier.djl.train.NamedArrayStreams.readFloats;
import static io.github.selfclassifier.djl.train.NamedArrayStreams.readShape;
import static io.github.selfclassifier.djl.train.NamedArrayStreams.readString;
import static io.github.selfclassifier.djl.train.NamedArrayStreams.writeFloats;
import static io.github.selfclassifier.djl.train.NamedArrayStreams.writeShape;
import static io.github.selfclassifier.djl.train.NamedArrayStreams.writeString;

import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.optim.OptimizerParameterState;
import io.github.selfclassifier.djl.queue.NearestNeighborQueueState;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything needed to continue a run exactly where it stopped: parameters by name (not DJL's per-run ids),
 * optimiser state by parameter name, the nearest-neighbour queue, the position (epoch, step in epoch,
 * global step), and the run's config as {@link TrainingConfigJson} (for people and provenance, and read back by
 * {@link #trainingConfig()}; resuming uses the trainer's config).
 *
 * <p>File format (big-endian, {@link DataOutputStream}; encoding of {@link NamedArrayStreams}): magic {@code "SCCKPT"}, format version, config
 * JSON, epoch, step in epoch, global step, parameters (name, shape, float32 values), optimiser states (name,
 * update count, arrays with shapes), queue (present flag, then its state), and an end marker; a file without
 * the end marker is incomplete and is not loaded.
 *
 * <p>Format versions: 2 stores the config as {@link TrainingConfigJson} (nested JSON objects); version 1, whose
 * config held the components' {@code toString()} texts, is no longer read (the error says to retrain).
 *
 * <p>Files are written atomically: to a hidden temporary file in the same folder, forced to disk, then
 * renamed to {@code checkpoint-<global step>.sccp}; a crash leaves at worst a temporary file, which {@link
 * #loadNewest} ignores.
 *
 * @param formatVersion the file format version ({@link #FORMAT_VERSION} when written by this class)
 * @param configJson the run's config as JSON, normally {@link TrainingConfigJson#toJson}
 * @param epoch the epoch to continue in
 * @param stepInEpoch the next step of that epoch
 * @param globalStep the number of steps taken
 * @param parameters parameter name to shape and values
 * @param optimizerState parameter name to optimiser state
 * @param queue the queue's content, or null when the queue is off
 */
public record TrainingCheckpoint(
    int formatVersion,
    String configJson,
    int epoch,
    long stepInEpoch,
    long globalStep,
    Map<String, NamedArray> parameters,
    Map<String, OptimizerParameterState> optimizerState,
    NearestNeighborQueueState queue) {

  /** The format version this class writes. */
  public static final int FORMAT_VERSION = 2;

  private static final String MAGIC = "SCCKPT";
  private static final long END_MARKER = 0x5343_454E_445F_4F4BL;
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.sccp");

  /**
   * One parameter's values and shape.
   *
   * @param shape the shape
   * @param values the float32 values, row-major
   */
  public record NamedArray(long[] shape, float[] values) {}

  /** A file of another format version: an error to report, not a damaged file to skip. */
  private static final class UnsupportedVersionException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedVersionException(String message) {
      super(message);
    }
  }

  /**
   * The run's config, read back from {@link #configJson()}.
   *
   * @return the config
   * @throws IllegalArgumentException if the JSON is not a {@link TrainingConfigJson} config (the message
   *     names the missing or wrong key)
   */
  public TrainingConfig trainingConfig() {
    return TrainingConfigJson.fromJson(configJson);
  }

  /**
   * The file name of the checkpoint of a global step.
   *
   * @param globalStep the step
   * @return {@code checkpoint-<step, 12 digits>.sccp}
   */
  public static String fileName(long globalStep) {
    return String.format("checkpoint-%012d.sccp", globalStep);
  }

  /**
   * Writes this checkpoint atomically into a folder (created if missing) and deletes all but the newest
   * {@code keep} checkpoints there.
   *
   * @param folder the checkpoint folder
   * @param keep the number of complete checkpoints to keep, at least 1
   * @return the written file
   * @throws IOException if writing fails (the previous checkpoints are then untouched)
   */
  public Path writeAtomically(Path folder, int keep) throws IOException {
    Path target = folder.resolve(fileName(globalStep));
    NamedArrayStreams.writeAtomically(target, this::write);
    List<Path> all = list(folder);
    for (int i = 0; i < all.size() - keep; i++) {
      Files.deleteIfExists(all.get(i));
    }
    return target;
  }

  /**
   * The checkpoint files of a folder, oldest first (temporary files excluded).
   *
   * @param folder the folder
   * @return the files, by global step
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(TrainingCheckpoint::stepOf))
          .toList();
    }
  }

  private static long stepOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a checkpoint file: " + file);
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * Loads the newest complete checkpoint of a folder; files that cannot be read completely are skipped.
   *
   * @param folder the folder
   * @return the checkpoint, or empty if there is none
   * @throws IOException if the folder cannot be listed, or the checkpoint to load has another format version
   *     (written by an older or newer version of this library: it is reported rather than skipped, so a run
   *     does not silently start over and delete it)
   */
  public static Optional<TrainingCheckpoint> loadNewest(Path folder) throws IOException {
    List<Path> files = new ArrayList<>(list(folder));
    for (int i = files.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(read(files.get(i)));
      } catch (UnsupportedVersionException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        // incomplete or damaged: try the previous one
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one checkpoint file.
   *
   * @param file the file
   * @return the checkpoint
   * @throws IOException if the file is unreadable, of another format or format version, or incomplete
   */
  public static TrainingCheckpoint read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = in.readNBytes(MAGIC.length());
      if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new IOException("not a Self-Classifier checkpoint: " + file);
      }
      int version = in.readInt();
      if (version < FORMAT_VERSION) {
        throw new UnsupportedVersionException("checkpoint " + file + " has format version " + version
            + ", written by an older version of selfclassifier-java; retrain or re-export (this version reads "
            + "format " + FORMAT_VERSION + ")");
      }
      if (version > FORMAT_VERSION) {
        throw new UnsupportedVersionException("checkpoint " + file + " has format version " + version
            + ", written by a newer version of selfclassifier-java (this version reads format "
            + FORMAT_VERSION + ")");
      }
      String json = readString(in);
      int epoch = in.readInt();
      long stepInEpoch = in.readLong();
      long globalStep = in.readLong();
      Map<String, NamedArray> parameters = NamedArrayStreams.readParameters(in);
      int count = in.readInt();
      Map<String, OptimizerParameterState> optimizer = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = readString(in);
        long updates = in.readLong();
        int arrays = in.readInt();
        List<float[]> values = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int k = 0; k < arrays; k++) {
          shapes.add(readShape(in));
          values.add(readFloats(in));
        }
        optimizer.put(name, new OptimizerParameterState(updates, values, shapes));
      }
      NearestNeighborQueueState queue = null;
      if (in.readBoolean()) {
        int capacity = in.readInt();
        int dimension = in.readInt();
        float[] embeddings = readFloats(in);
        long[] indices = new long[in.readInt()];
        for (int k = 0; k < indices.length; k++) {
          indices[k] = in.readLong();
        }
        int writePosition = in.readInt();
        int size = in.readInt();
        queue = new NearestNeighborQueueState(capacity, dimension, embeddings, indices, writePosition, size);
      }
      if (in.readLong() != END_MARKER) {
        throw new IOException("checkpoint is incomplete: " + file);
      }
      return new TrainingCheckpoint(version, json, epoch, stepInEpoch, globalStep, parameters, optimizer, queue);
    }
  }

  private void write(DataOutputStream out) throws IOException {
    out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
    out.writeInt(formatVersion);
    writeString(out, configJson);
    out.writeInt(epoch);
    out.writeLong(stepInEpoch);
    out.writeLong(globalStep);
    NamedArrayStreams.writeParameters(out, parameters);
    out.writeInt(optimizerState.size());
    for (Map.Entry<String, OptimizerParameterState> e : optimizerState.entrySet()) {
      writeString(out, e.getKey());
      OptimizerParameterState s = e.getValue();
      out.writeLong(s.updates());
      out.writeInt(s.values().size());
      for (int k = 0; k < s.values().size(); k++) {
        writeShape(out, s.shapes().get(k));
        writeFloats(out, s.values().get(k));
      }
    }
    out.writeBoolean(queue != null);
    if (queue != null) {
      out.writeInt(queue.capacity());
      out.writeInt(queue.dimension());
      writeFloats(out, queue.embeddings());
      out.writeInt(queue.indices().length);
      for (long index : queue.indices()) {
        out.writeLong(index);
      }
      out.writeInt(queue.writePosition());
      out.writeInt(queue.size());
    }
    out.writeLong(END_MARKER);
  }
}
