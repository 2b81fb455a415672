package io.github.selfclassifier.djl.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.train.NamedArrayStreams;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import io.github.selfclassifier.djl.train.TrainingConfigJson;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trained-model file apps load to predict, with no training code: the network's parameters by name
 * (engine-neutral float32, the encoding of {@link TrainingCheckpoint}, so a model trained on PyTorch loads on
 * MXNet and the other way round), the {@link ModelConfig}, the evaluation {@link InputPreprocessing} (input
 * size, channels, resize filter, the training augmentation's mean and std) and, when known, the training
 * config as JSON (for provenance).
 *
 * <p>{@link #load(Path, String)} also reads a training checkpoint file ({@code checkpoint-*.sccp}) or a
 * checkpoint folder (its newest complete checkpoint), taking the model config and the preprocessing from the
 * checkpoint's config JSON, so one can predict from a run that is still going.
 *
 * <p>File layout (big-endian): magic {@code "SCMODL"}, format version ({@link #FORMAT_VERSION}), metadata
 * JSON ({@code model}: the model config as {@link TrainingConfigJson#modelConfigToJson}, {@code input}: the
 * preprocessing, {@code trainingConfig}: the training config or null, {@code trainedOnEngine}, {@code
 * globalStep}), the parameters, an end marker. Written atomically (temporary file, then rename). A TorchScript
 * backbone cannot be saved: its weights live in the user's TorchScript file, not in the block's parameters.
 *
 * <p>Format versions: 2 stores the model config as a JSON object; version 1 (its {@code toString()} text) is
 * no longer read, and loading it says to re-export or retrain.
 */
public final class SelfClassifierModelFile {
  /** The format version this class writes and reads. */
  public static final int FORMAT_VERSION = 2;
  /** The conventional file name extension. */
  public static final String EXTENSION = ".scmodel";

  private static final String MAGIC = "SCMODL";
  private static final String CHECKPOINT_MAGIC = "SCCKPT";
  private static final long END_MARKER = 0x5343_4D4F_445F_454EL;

  private SelfClassifierModelFile() {}

  /**
   * Saves a network.
   *
   * @param file the file to write (parent folders are created; an existing file is replaced)
   * @param block the network, initialised; all its parameters (BatchNorm statistics included) are saved
   * @param config the config the network was built from
   * @param input the evaluation preprocessing of its training
   * @param trainingConfigJson the training config as JSON ({@code TrainingConfigJson}), or null if unknown
   * @param trainedOnEngine the engine the parameters come from, for provenance
   * @param globalStep the training steps taken, for provenance (0 if unknown)
   * @return the written file
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the backbone is TorchScript, the input does not match the config's
   *     channels, or the training config is not JSON
   */
  public static Path save(Path file, SelfClassifierBlock block, ModelConfig config, InputPreprocessing input,
      String trainingConfigJson, String trainedOnEngine, long globalStep) throws IOException {
    Map<String, TrainingCheckpoint.NamedArray> parameters = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (!p.getValue().isInitialized()) {
        throw new IllegalArgumentException("parameter " + p.getKey() + " is not initialised");
      }
      NDArray a = p.getValue().getArray();
      parameters.put(p.getKey(), new TrainingCheckpoint.NamedArray(a.getShape().getShape(), a.toFloatArray()));
    }
    return write(file, new Contents(config, input, trainingConfigJson, parameters,
        Objects.requireNonNull(trainedOnEngine, "trainedOnEngine"), globalStep));
  }

  /**
   * Writes the model of a training checkpoint (file or folder) as a model file.
   *
   * @param checkpoint a checkpoint file or a checkpoint folder (its newest complete checkpoint)
   * @param file the model file to write
   * @return the written file
   * @throws IOException if the checkpoint cannot be read or the file cannot be written
   */
  public static Path convertCheckpoint(Path checkpoint, Path file) throws IOException {
    return write(file, read(checkpoint));
  }

  /**
   * Loads a model file, a checkpoint file or a checkpoint folder on an engine, ready to predict.
   *
   * @param path a {@code .scmodel} file, a {@code checkpoint-*.sccp} file or a checkpoint folder
   * @param engineName {@code "PyTorch"} or {@code "MXNet"} (any letter case), whichever engine trained it
   * @return the model; close it to free its native memory
   * @throws NoSuchFileException if the path does not exist
   * @throws IOException if the file is not a model or checkpoint, is truncated or damaged (the message names
   *     it), or a folder holds no complete checkpoint
   * @throws IllegalArgumentException if the engine is unknown (the message lists the available ones)
   */
  public static SelfClassifierModel load(Path path, String engineName) throws IOException {
    Contents contents = read(path);
    return SelfClassifierModel.create(contents, path, engineName);
  }

  /** Reads a model file, a checkpoint file or a checkpoint folder. */
  static Contents read(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such model file or checkpoint folder");
    }
    if (Files.isDirectory(path)) {
      Optional<TrainingCheckpoint> newest = TrainingCheckpoint.loadNewest(path);
      if (newest.isEmpty()) {
        throw new IOException("no complete checkpoint (checkpoint-*.sccp) in " + path);
      }
      return fromCheckpoint(newest.get(), path);
    }
    String magic;
    try (InputStream in = Files.newInputStream(path)) {
      magic = new String(in.readNBytes(MAGIC.length()), StandardCharsets.US_ASCII);
    }
    if (CHECKPOINT_MAGIC.equals(magic)) {
      TrainingCheckpoint checkpoint;
      try {
        checkpoint = TrainingCheckpoint.read(path);
      } catch (EOFException e) {
        throw new IOException("checkpoint " + path + " is truncated", e);
      } catch (IOException | RuntimeException e) {
        throw new IOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
      }
      return fromCheckpoint(checkpoint, path);
    }
    if (!MAGIC.equals(magic)) {
      throw new IOException(path + " is not a Self-Classifier model file (" + EXTENSION
          + ") or training checkpoint (.sccp)");
    }
    try {
      return readModelFile(path);
    } catch (EOFException e) {
      throw new IOException("model file " + path + " is truncated", e);
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read model file " + path + ": " + e.getMessage(), e);
    }
  }

  private static Contents readModelFile(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      in.readNBytes(MAGIC.length());
      int version = in.readInt();
      if (version < FORMAT_VERSION) {
        throw new IOException("format version " + version + ", written by an older version of "
            + "selfclassifier-java; retrain or re-export (this version reads format " + FORMAT_VERSION + ")");
      }
      if (version > FORMAT_VERSION) {
        throw new IOException("format version " + version + ", written by a newer version of "
            + "selfclassifier-java (this version reads format " + FORMAT_VERSION + ")");
      }
      JsonObject meta = JsonParser.parseString(NamedArrayStreams.readString(in)).getAsJsonObject();
      Map<String, TrainingCheckpoint.NamedArray> parameters = NamedArrayStreams.readParameters(in);
      if (in.readLong() != END_MARKER) {
        throw new IOException("the file is incomplete (no end marker)");
      }
      JsonElement training = meta.get("trainingConfig");
      return new Contents(TrainingConfigJson.modelConfigFromJson(metaObject(meta, "model")),
          InputPreprocessing.fromJson(metaObject(meta, "input")),
          training == null || training.isJsonNull() ? null : training.toString(), parameters,
          metaValue(meta, "trainedOnEngine").getAsString(), metaValue(meta, "globalStep").getAsLong());
    }
  }

  private static JsonElement metaValue(JsonObject meta, String key) {
    JsonElement e = meta.get(key);
    if (e == null || e.isJsonNull()) {
      throw new IllegalArgumentException("missing key '" + key + "' in the model file's metadata");
    }
    return e;
  }

  private static JsonObject metaObject(JsonObject meta, String key) {
    JsonElement e = metaValue(meta, key);
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException("key '" + key + "' of the model file's metadata must be an object");
    }
    return e.getAsJsonObject();
  }

  private static Contents fromCheckpoint(TrainingCheckpoint checkpoint, Path source) throws IOException {
    try {
      TrainingConfig training = checkpoint.trainingConfig();
      return new Contents(training.model(), InputPreprocessing.fromAugmentation(training.augmentation()),
          checkpoint.configJson(), checkpoint.parameters(), training.engineName(), checkpoint.globalStep());
    } catch (RuntimeException e) {
      throw new IOException("the checkpoint " + source + " has no readable training config: "
          + e.getMessage(), e);
    }
  }

  private static Path write(Path file, Contents contents) throws IOException {
    JsonObject meta = new JsonObject();
    meta.addProperty("formatVersion", FORMAT_VERSION);
    meta.add("model", TrainingConfigJson.modelConfigToJson(contents.config()));
    meta.add("input", contents.input().toJson());
    meta.add("trainingConfig", contents.trainingConfigJson() == null ? null
        : JsonParser.parseString(contents.trainingConfigJson()));
    meta.addProperty("trainedOnEngine", contents.trainedOnEngine());
    meta.addProperty("globalStep", contents.globalStep());
    NamedArrayStreams.writeAtomically(file, out -> {
      out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
      out.writeInt(FORMAT_VERSION);
      NamedArrayStreams.writeString(out, meta.toString());
      NamedArrayStreams.writeParameters(out, contents.parameters());
      out.writeLong(END_MARKER);
    });
    return file;
  }

  /** What a model file or checkpoint holds for inference. */
  record Contents(ModelConfig config, InputPreprocessing input, String trainingConfigJson,
      Map<String, TrainingCheckpoint.NamedArray> parameters, String trainedOnEngine, long globalStep) {
    Contents {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(input, "input");
      if (config.backbone() == BackboneKind.TORCHSCRIPT) {
        throw new IllegalArgumentException("a TorchScript backbone cannot be stored in a model file: its"
            + " weights are in " + config.torchScriptPath().orElseThrow());
      }
      if (config.inputChannels() != input.channels()) {
        throw new IllegalArgumentException("the model takes " + config.inputChannels()
            + " channels but the preprocessing gives " + input.channels());
      }
      if (trainingConfigJson != null) {
        try {
          JsonParser.parseString(trainingConfigJson);
        } catch (JsonParseException e) {
          throw new IllegalArgumentException("the training config is not JSON: " + e.getMessage(), e);
        }
      }
    }
  }
}
