package io.github.selfclassifier.djl.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.DoubleRange;
import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.LarsTrustRatio;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.optim.OptimizerKind;
import io.github.selfclassifier.api.train.TrainingConfig;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON form of a {@link TrainingConfig} and of its parts, written into checkpoints, model files and
 * reports, and read back from them: {@code fromJson(toJson(c))} equals {@code c}.
 *
 * <p>Layout: one object with {@code "formatVersion": 1}, the loop settings ({@code epochs}, {@code batchSize},
 * {@code seed}, {@code queueLength}, {@code checkpointEverySteps}, {@code checkpointFolder}, {@code engine},
 * {@code devices}, {@code loaderThreads}, {@code prefetchDepth}, {@code logEverySteps}, {@code warmupEpochs},
 * {@code startLearningRate}, {@code baseLearningRate}, {@code finalLearningRate}) and the nested objects
 * {@code model}, {@code loss}, {@code augmentation} and {@code optimizer}, whose keys are the names of the
 * configs' getters. Enums are written by name, ranges as {@code [min, max]}, per-channel values and lists as
 * arrays, paths as strings, and settings that do not apply (no checkpoint folder; the TorchScript path and
 * feature dimension of a built-in backbone; the width of a TorchScript backbone) as {@code null}.
 *
 * <p>Reading builds every config through its public builder, so the usual validation runs. Unknown keys are
 * ignored (a newer writer may add some); a missing key, or a value of the wrong type, is an {@link
 * IllegalArgumentException} that names the key with its path, e.g. {@code model.mlpLayers}. Keys whose
 * value may be {@code null} may also be left out.
 */
public final class TrainingConfigJson {

  /** The layout version written as {@code "formatVersion"} and the only one {@link #fromJson} reads. */
  public static final int FORMAT_VERSION = 1;

  private TrainingConfigJson() {}

  /**
   * The config as a JSON object (see the class comment for the layout).
   *
   * @param config the config
   * @return a new JSON object
   */
  public static JsonObject toJsonObject(TrainingConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("formatVersion", FORMAT_VERSION);
    o.addProperty("epochs", config.epochs());
    o.addProperty("batchSize", config.batchSize());
    o.addProperty("seed", config.seed());
    o.addProperty("queueLength", config.queueLength());
    o.addProperty("checkpointEverySteps", config.checkpointEverySteps());
    o.add("checkpointFolder", config.checkpointFolder()
        .<JsonElement>map(p -> new JsonPrimitive(p.toString())).orElse(JsonNull.INSTANCE));
    o.addProperty("engine", config.engineName());
    JsonArray devices = new JsonArray();
    config.devices().forEach(devices::add);
    o.add("devices", devices);
    o.addProperty("loaderThreads", config.loaderThreads());
    o.addProperty("prefetchDepth", config.prefetchDepth());
    o.addProperty("logEverySteps", config.logEverySteps());
    o.addProperty("warmupEpochs", config.warmupEpochs());
    o.addProperty("startLearningRate", config.startLearningRate());
    o.addProperty("baseLearningRate", config.baseLearningRate());
    o.addProperty("finalLearningRate", config.finalLearningRate());
    o.add("model", modelConfigToJson(config.model()));
    o.add("loss", lossConfigToJson(config.loss()));
    o.add("augmentation", augmentationConfigToJson(config.augmentation()));
    o.add("optimizer", optimizerConfigToJson(config.optimizer()));
    return o;
  }

  /**
   * The config as compact JSON text; the same config always gives the same text.
   *
   * @param config the config
   * @return the JSON text
   */
  public static String toJson(TrainingConfig config) {
    return new GsonBuilder().serializeNulls().create().toJson(toJsonObject(config));
  }

  /**
   * Reads a config from JSON text written by {@link #toJson}.
   *
   * @param json the JSON text
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if the text is not a JSON object, has another {@code formatVersion}, a
   *     key is missing or has the wrong type (the message names it), or a value is invalid
   */
  public static TrainingConfig fromJson(String json) {
    return fromJsonObject(parseObject(json));
  }

  /**
   * Reads a config from a JSON object written by {@link #toJsonObject}.
   *
   * @param json the JSON object
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if the {@code formatVersion} is not {@link #FORMAT_VERSION}, a key is
   *     missing or has the wrong type (the message names it), or a value is invalid
   */
  public static TrainingConfig fromJsonObject(JsonObject json) {
    Fields f = new Fields(json, "");
    int version = f.integer("formatVersion");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("the training config JSON has formatVersion " + version
          + "; this version of selfclassifier-java reads formatVersion " + FORMAT_VERSION);
    }
    TrainingConfig.Builder b = TrainingConfig.builder()
        .optEpochs(f.integer("epochs"))
        .optBatchSize(f.integer("batchSize"))
        .optSeed(f.longInteger("seed"))
        .optQueueLength(f.integer("queueLength"))
        .optCheckpointEverySteps(f.longInteger("checkpointEverySteps"))
        .optCheckpointFolder(f.optionalPath("checkpointFolder"))
        .optEngine(f.string("engine"))
        .optDevices(f.strings("devices"))
        .optLoaderThreads(f.integer("loaderThreads"))
        .optPrefetchDepth(f.integer("prefetchDepth"))
        .optLogEverySteps(f.longInteger("logEverySteps"))
        .optWarmupEpochs(f.integer("warmupEpochs"))
        .optLearningRates(f.number("startLearningRate"), f.number("baseLearningRate"),
            f.number("finalLearningRate"))
        .optModel(readModel(f.object("model")))
        .optLoss(readLoss(f.object("loss")))
        .optAugmentation(readAugmentation(f.object("augmentation")))
        .optOptimizer(readOptimizer(f.object("optimizer")));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid training config in JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A model config as a JSON object: {@code backbone} (name), {@code backboneWidth} (null for TorchScript),
   * {@code torchScriptPath} and {@code torchScriptFeatureDim} (null for a built-in backbone), {@code
   * backboneTrainable}, {@code inputChannels}, {@code inputSize}, {@code mlpHiddenDim}, {@code mlpLayers},
   * {@code mlpBatchNorm}, {@code embeddingDim}, {@code classesPerHead} (array), {@code fixedClassifierGains},
   * {@code normEps}.
   *
   * @param config the model config
   * @return a new JSON object
   */
  public static JsonObject modelConfigToJson(ModelConfig config) {
    boolean torchScript = config.backbone() == BackboneKind.TORCHSCRIPT;
    JsonObject o = new JsonObject();
    o.addProperty("backbone", config.backbone().name());
    o.add("backboneWidth", torchScript ? JsonNull.INSTANCE : new JsonPrimitive(config.backboneWidth()));
    o.add("torchScriptPath", torchScript
        ? new JsonPrimitive(config.torchScriptPath().orElseThrow().toString()) : JsonNull.INSTANCE);
    o.add("torchScriptFeatureDim", torchScript
        ? new JsonPrimitive(config.backboneFeatureDim()) : JsonNull.INSTANCE);
    o.addProperty("backboneTrainable", config.backboneTrainable());
    o.addProperty("inputChannels", config.inputChannels());
    o.addProperty("inputSize", config.inputSize());
    o.addProperty("mlpHiddenDim", config.mlpHiddenDim());
    o.addProperty("mlpLayers", config.mlpLayers());
    o.addProperty("mlpBatchNorm", config.mlpBatchNorm());
    o.addProperty("embeddingDim", config.embeddingDim());
    JsonArray classes = new JsonArray();
    config.classesPerHead().forEach(classes::add);
    o.add("classesPerHead", classes);
    o.addProperty("fixedClassifierGains", config.fixedClassifierGains());
    o.addProperty("normEps", config.normEps());
    return o;
  }

  /**
   * Reads a model config from a JSON object written by {@link #modelConfigToJson}.
   *
   * @param json the JSON object
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if a key is missing or has the wrong type (the message names it), or
   *     a value is invalid
   */
  public static ModelConfig modelConfigFromJson(JsonObject json) {
    return readModel(new Fields(json, ""));
  }

  /**
   * A loss config as a JSON object: {@code rowTemperature}, {@code columnTemperature}, {@code eps}.
   *
   * @param config the loss config
   * @return a new JSON object
   */
  public static JsonObject lossConfigToJson(LossConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("rowTemperature", config.rowTemperature());
    o.addProperty("columnTemperature", config.columnTemperature());
    o.addProperty("eps", config.eps());
    return o;
  }

  /**
   * Reads a loss config from a JSON object written by {@link #lossConfigToJson}.
   *
   * @param json the JSON object
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if a key is missing or has the wrong type (the message names it), or
   *     a value is invalid
   */
  public static LossConfig lossConfigFromJson(JsonObject json) {
    return readLoss(new Fields(json, ""));
  }

  /**
   * An augmentation config as a JSON object: every setting under its getter's name, ranges ({@code
   * globalCropScale}, {@code localCropScale}, {@code aspectRatio}, {@code blurSigma}) as {@code [min, max]},
   * {@code interpolation} by name, {@code normalizationMean} and {@code normalizationStd} as arrays (their
   * length is the channel count).
   *
   * @param config the augmentation config
   * @return a new JSON object
   */
  public static JsonObject augmentationConfigToJson(AugmentationConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("globalCropSize", config.globalCropSize());
    o.addProperty("localCropSize", config.localCropSize());
    o.addProperty("localCropCount", config.localCropCount());
    o.add("globalCropScale", range(config.globalCropScale()));
    o.add("localCropScale", range(config.localCropScale()));
    o.add("aspectRatio", range(config.aspectRatio()));
    o.addProperty("interpolation", config.interpolation().name());
    o.addProperty("flipProbability", config.flipProbability());
    o.addProperty("colorJitterProbability", config.colorJitterProbability());
    o.addProperty("brightness", config.brightness());
    o.addProperty("contrast", config.contrast());
    o.addProperty("saturation", config.saturation());
    o.addProperty("hue", config.hue());
    o.addProperty("grayscaleProbability", config.grayscaleProbability());
    o.addProperty("blurProbabilityFirstGlobal", config.blurProbabilityFirstGlobal());
    o.addProperty("blurProbabilitySecondGlobal", config.blurProbabilitySecondGlobal());
    o.addProperty("blurProbabilityLocal", config.blurProbabilityLocal());
    o.add("blurSigma", range(config.blurSigma()));
    o.addProperty("solarizeProbability", config.solarizeProbability());
    o.addProperty("solarizeThreshold", config.solarizeThreshold());
    o.add("normalizationMean", numbers(config.normalizationMean()));
    o.add("normalizationStd", numbers(config.normalizationStd()));
    return o;
  }

  /**
   * Reads an augmentation config from a JSON object written by {@link #augmentationConfigToJson}.
   *
   * @param json the JSON object
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if a key is missing or has the wrong type (the message names it), or
   *     a value is invalid
   */
  public static AugmentationConfig augmentationConfigFromJson(JsonObject json) {
    return readAugmentation(new Fields(json, ""));
  }

  /**
   * An optimiser config as a JSON object: {@code kind} and {@code trustRatio} by name, then {@code
   * momentum}, {@code trustCoefficient}, {@code larsEpsilon}, {@code beta1}, {@code beta2}, {@code
   * adamEpsilon}, {@code weightDecay}, {@code excludeBiasAndNormFromWeightDecay}, {@code
   * excludeBiasAndNormFromTrustRatio}.
   *
   * @param config the optimiser config
   * @return a new JSON object
   */
  public static JsonObject optimizerConfigToJson(OptimizerConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", config.kind().name());
    o.addProperty("momentum", config.momentum());
    o.addProperty("trustCoefficient", config.trustCoefficient());
    o.addProperty("trustRatio", config.trustRatio().name());
    o.addProperty("larsEpsilon", config.larsEpsilon());
    o.addProperty("beta1", config.beta1());
    o.addProperty("beta2", config.beta2());
    o.addProperty("adamEpsilon", config.adamEpsilon());
    o.addProperty("weightDecay", config.weightDecay());
    o.addProperty("excludeBiasAndNormFromWeightDecay", config.excludeBiasAndNormFromWeightDecay());
    o.addProperty("excludeBiasAndNormFromTrustRatio", config.excludeBiasAndNormFromTrustRatio());
    return o;
  }

  /**
   * Reads an optimiser config from a JSON object written by {@link #optimizerConfigToJson}.
   *
   * @param json the JSON object
   * @return the config, validated by its builder
   * @throws IllegalArgumentException if a key is missing or has the wrong type (the message names it), or
   *     a value is invalid
   */
  public static OptimizerConfig optimizerConfigFromJson(JsonObject json) {
    return readOptimizer(new Fields(json, ""));
  }

  private static JsonObject parseObject(String json) {
    if (json == null) {
      throw new IllegalArgumentException("the training config JSON is null");
    }
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the training config is not valid JSON: " + e.getMessage(), e);
    }
    if (!parsed.isJsonObject()) {
      throw new IllegalArgumentException("the training config JSON is not an object: " + abbreviate(json));
    }
    return parsed.getAsJsonObject();
  }

  private static ModelConfig readModel(Fields f) {
    ModelConfig.Builder b = ModelConfig.builder();
    BackboneKind kind = f.enumValue("backbone", BackboneKind.class);
    if (kind == BackboneKind.TORCHSCRIPT) {
      b.optTorchScript(f.path("torchScriptPath"), f.integer("torchScriptFeatureDim"));
      Integer width = f.optionalInteger("backboneWidth");
      b.optBackboneWidth(width == null ? 0 : width);
    } else {
      if (f.optionalString("torchScriptPath") != null) {
        throw new IllegalArgumentException("key '" + f.prefix() + "torchScriptPath' is set but '" + f.prefix()
            + "backbone' is " + kind + ", not TORCHSCRIPT");
      }
      b.optBackbone(kind).optBackboneWidth(f.integer("backboneWidth"));
    }
    b.optBackboneTrainable(f.bool("backboneTrainable"))
        .optInputChannels(f.integer("inputChannels"))
        .optInputSize(f.integer("inputSize"))
        .optMlpHiddenDim(f.integer("mlpHiddenDim"))
        .optMlpLayers(f.integer("mlpLayers"))
        .optMlpBatchNorm(f.bool("mlpBatchNorm"))
        .optEmbeddingDim(f.integer("embeddingDim"))
        .optClassesPerHead(f.integers("classesPerHead"))
        .optFixedClassifierGains(f.bool("fixedClassifierGains"))
        .optNormEps(f.number("normEps"));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw f.invalid("model", e);
    }
  }

  private static LossConfig readLoss(Fields f) {
    LossConfig.Builder b = LossConfig.builder()
        .optRowTemperature(f.number("rowTemperature"))
        .optColumnTemperature(f.number("columnTemperature"))
        .optEps(f.number("eps"));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw f.invalid("loss", e);
    }
  }

  private static AugmentationConfig readAugmentation(Fields f) {
    DoubleRange globalScale = f.range("globalCropScale");
    DoubleRange localScale = f.range("localCropScale");
    DoubleRange aspect = f.range("aspectRatio");
    DoubleRange sigma = f.range("blurSigma");
    AugmentationConfig.Builder b = AugmentationConfig.builder()
        .optGlobalCropSize(f.integer("globalCropSize"))
        .optLocalCropSize(f.integer("localCropSize"))
        .optLocalCropCount(f.integer("localCropCount"))
        .optGlobalCropScale(globalScale.min(), globalScale.max())
        .optLocalCropScale(localScale.min(), localScale.max())
        .optAspectRatio(aspect.min(), aspect.max())
        .optInterpolation(f.enumValue("interpolation", Interpolation.class))
        .optFlipProbability(f.number("flipProbability"))
        .optColorJitterProbability(f.number("colorJitterProbability"))
        .optColorJitter(f.number("brightness"), f.number("contrast"), f.number("saturation"), f.number("hue"))
        .optGrayscaleProbability(f.number("grayscaleProbability"))
        .optBlurProbabilities(f.number("blurProbabilityFirstGlobal"), f.number("blurProbabilitySecondGlobal"),
            f.number("blurProbabilityLocal"))
        .optBlurSigma(sigma.min(), sigma.max())
        .optSolarizeProbability(f.number("solarizeProbability"))
        .optSolarizeThreshold(f.number("solarizeThreshold"))
        .optNormalization(f.numbers("normalizationMean"), f.numbers("normalizationStd"));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw f.invalid("augmentation", e);
    }
  }

  private static OptimizerConfig readOptimizer(Fields f) {
    OptimizerConfig.Builder b = OptimizerConfig.builder()
        .optKind(f.enumValue("kind", OptimizerKind.class))
        .optMomentum(f.number("momentum"))
        .optTrustCoefficient(f.number("trustCoefficient"))
        .optTrustRatio(f.enumValue("trustRatio", LarsTrustRatio.class))
        .optLarsEpsilon(f.number("larsEpsilon"))
        .optBetas(f.number("beta1"), f.number("beta2"))
        .optAdamEpsilon(f.number("adamEpsilon"))
        .optWeightDecay(f.number("weightDecay"))
        .optExcludeBiasAndNormFromWeightDecay(f.bool("excludeBiasAndNormFromWeightDecay"))
        .optExcludeBiasAndNormFromTrustRatio(f.bool("excludeBiasAndNormFromTrustRatio"));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw f.invalid("optimizer", e);
    }
  }

  private static JsonArray range(DoubleRange range) {
    JsonArray a = new JsonArray();
    a.add(range.min());
    a.add(range.max());
    return a;
  }

  private static JsonArray numbers(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** Typed access to the keys of one JSON object; errors name the key with its path ({@code prefix}). */
  private record Fields(JsonObject object, String prefix) {

    Fields {
      if (object == null) {
        throw new IllegalArgumentException("the config JSON object is null");
      }
    }

    /** The value of a key, or null if the key is missing or null. */
    JsonElement optional(String key) {
      JsonElement e = object.get(key);
      return e == null || e.isJsonNull() ? null : e;
    }

    JsonElement required(String key) {
      JsonElement e = optional(key);
      if (e == null) {
        throw new IllegalArgumentException("missing key '" + prefix + key + "' in the config JSON");
      }
      return e;
    }

    IllegalArgumentException wrongType(String key, String expected, JsonElement actual) {
      return new IllegalArgumentException("key '" + prefix + key + "' must be " + expected + ", got "
          + abbreviate(actual.toString()));
    }

    IllegalArgumentException invalid(String section, IllegalArgumentException cause) {
      return new IllegalArgumentException("invalid " + section + " config in JSON: " + cause.getMessage(),
          cause);
    }

    Fields object(String key) {
      JsonElement e = required(key);
      if (!e.isJsonObject()) {
        throw wrongType(key, "an object", e);
      }
      return new Fields(e.getAsJsonObject(), prefix + key + ".");
    }

    private BigDecimal decimal(String key, JsonElement e, String expected) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw wrongType(key, expected, e);
      }
      try {
        return e.getAsBigDecimal();
      } catch (NumberFormatException ex) {
        throw wrongType(key, expected, e);
      }
    }

    private int toInt(String key, JsonElement e) {
      BigDecimal d = decimal(key, e, "an integer");
      try {
        return d.intValueExact();
      } catch (ArithmeticException ex) {
        throw wrongType(key, isWhole(d) ? "a 32-bit integer" : "an integer", e);
      }
    }

    private static boolean isWhole(BigDecimal d) {
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    int integer(String key) {
      return toInt(key, required(key));
    }

    Integer optionalInteger(String key) {
      JsonElement e = optional(key);
      return e == null ? null : toInt(key, e);
    }

    long longInteger(String key) {
      JsonElement e = required(key);
      BigDecimal d = decimal(key, e, "an integer");
      try {
        return d.longValueExact();
      } catch (ArithmeticException ex) {
        throw wrongType(key, isWhole(d) ? "a 64-bit integer" : "an integer", e);
      }
    }

    private double toDouble(String key, JsonElement e) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw wrongType(key, "a number", e);
      }
      try {
        return e.getAsDouble();
      } catch (NumberFormatException ex) {
        throw wrongType(key, "a number", e);
      }
    }

    double number(String key) {
      return toDouble(key, required(key));
    }

    boolean bool(String key) {
      JsonElement e = required(key);
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
        throw wrongType(key, "true or false", e);
      }
      return e.getAsBoolean();
    }

    private String toText(String key, JsonElement e) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw wrongType(key, "a string", e);
      }
      return e.getAsString();
    }

    String string(String key) {
      return toText(key, required(key));
    }

    String optionalString(String key) {
      JsonElement e = optional(key);
      return e == null ? null : toText(key, e);
    }

    private Path toPath(String key, String text) {
      try {
        return Path.of(text);
      } catch (InvalidPathException ex) {
        throw new IllegalArgumentException("key '" + prefix + key + "' is not a valid path: " + text, ex);
      }
    }

    Path path(String key) {
      return toPath(key, string(key));
    }

    Path optionalPath(String key) {
      String text = optionalString(key);
      return text == null ? null : toPath(key, text);
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
      JsonElement e = required(key);
      String name = toText(key, e);
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
      throw wrongType(key, "one of " + Arrays.toString(type.getEnumConstants()), e);
    }

    private JsonArray array(String key) {
      JsonElement e = required(key);
      if (!e.isJsonArray()) {
        throw wrongType(key, "an array", e);
      }
      return e.getAsJsonArray();
    }

    double[] numbers(String key) {
      JsonArray a = array(key);
      double[] out = new double[a.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = toDouble(key + "[" + i + "]", a.get(i));
      }
      return out;
    }

    List<Integer> integers(String key) {
      JsonArray a = array(key);
      List<Integer> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(toInt(key + "[" + i + "]", a.get(i)));
      }
      return out;
    }

    List<String> strings(String key) {
      JsonArray a = array(key);
      List<String> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(toText(key + "[" + i + "]", a.get(i)));
      }
      return out;
    }

    DoubleRange range(String key) {
      JsonArray a = array(key);
      if (a.size() != 2) {
        throw wrongType(key, "[min, max]", a);
      }
      double min = toDouble(key + "[0]", a.get(0));
      double max = toDouble(key + "[1]", a.get(1));
      try {
        return DoubleRange.of(min, max);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("key '" + prefix + key + "': " + ex.getMessage(), ex);
      }
    }
  }
}
