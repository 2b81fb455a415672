package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.loss.LossConfig;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.api.optim.OptimizerConfig;
import io.github.selfclassifier.api.train.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JSON form of the training config: exact round trips, a stable text, the committed layout of the paper
 * defaults, and errors that name the key.
 */
class TrainingConfigJsonTest {

  private static final List<TrainingConfig> CONFIGS = List.of(TrainingConfig.paperDefaults(),
      TrainingConfig.smallGrayscale(), ConfigsWithEveryOption.withTorchScript(),
      ConfigsWithEveryOption.withBuiltInBackbone());

  @Test
  void readingTheWrittenJsonGivesAnEqualConfigAndTheTextIsStable() {
    for (TrainingConfig config : CONFIGS) {
      String json = TrainingConfigJson.toJson(config);
      TrainingConfig read = TrainingConfigJson.fromJson(json);
      assertThat(read).isEqualTo(config);
      assertThat(read.model()).isEqualTo(config.model());
      assertThat(read.augmentation()).isEqualTo(config.augmentation());
      assertThat(TrainingConfigJson.toJson(config)).isEqualTo(json);
      assertThat(TrainingConfigJson.toJson(read)).isEqualTo(json);
      assertThat(TrainingConfigJson.fromJsonObject(TrainingConfigJson.toJsonObject(config))).isEqualTo(config);
    }
  }

  @Test
  void partsRoundTripOnTheirOwn() {
    for (TrainingConfig config : CONFIGS) {
      assertThat(TrainingConfigJson.modelConfigFromJson(TrainingConfigJson.modelConfigToJson(config.model())))
          .isEqualTo(config.model());
      assertThat(TrainingConfigJson.lossConfigFromJson(TrainingConfigJson.lossConfigToJson(config.loss())))
          .isEqualTo(config.loss());
      assertThat(TrainingConfigJson.augmentationConfigFromJson(
          TrainingConfigJson.augmentationConfigToJson(config.augmentation()))).isEqualTo(config.augmentation());
      assertThat(TrainingConfigJson.optimizerConfigFromJson(
          TrainingConfigJson.optimizerConfigToJson(config.optimizer()))).isEqualTo(config.optimizer());
    }
  }

  /** Guards the test config: a round trip of an option left at its default would prove little. */
  @Test
  void theEveryOptionConfigChangesEveryValueOfThePaperDefaults() {
    Map<String, JsonElement> paper = leaves(TrainingConfigJson.toJsonObject(TrainingConfig.paperDefaults()));
    Map<String, JsonElement> every =
        leaves(TrainingConfigJson.toJsonObject(ConfigsWithEveryOption.withTorchScript()));
    assertThat(every.keySet()).isEqualTo(paper.keySet());
    for (String key : paper.keySet()) {
      if (!key.equals("formatVersion")) {
        assertThat(every.get(key)).as(key).isNotEqualTo(paper.get(key));
      }
    }
    Map<String, JsonElement> builtIn =
        leaves(TrainingConfigJson.toJsonObject(ConfigsWithEveryOption.withBuiltInBackbone()));
    assertThat(builtIn.get("model.backbone")).isNotEqualTo(paper.get("model.backbone"));
    assertThat(builtIn.get("model.backboneWidth")).isNotEqualTo(paper.get("model.backboneWidth"));
  }

  /**
   * The paper defaults against a committed file, reviewed by hand against the paper's values (DESIGN.md
   * section 1): checkpoints and model files embed this layout, so changing it needs a new formatVersion.
   */
  @Test
  void paperDefaultsMatchTheCommittedLayout() throws IOException {
    String committed;
    try (InputStream in = getClass().getResourceAsStream("/train/training_config_paper_defaults.json")) {
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(TrainingConfigJson.toJsonObject(TrainingConfig.paperDefaults()))
        .isEqualTo(JsonParser.parseString(committed));
    assertThat(TrainingConfigJson.fromJson(committed)).isEqualTo(TrainingConfig.paperDefaults());
  }

  @Test
  void encodingOfEnumsRangesArraysPathsAndNulls() {
    JsonObject every = TrainingConfigJson.toJsonObject(ConfigsWithEveryOption.withTorchScript());
    JsonObject model = every.getAsJsonObject("model");
    assertThat(model.get("backbone").getAsString()).isEqualTo("TORCHSCRIPT");
    assertThat(model.get("torchScriptPath").getAsString()).isEqualTo(Path.of("backbones", "resnet tiny.pt").toString());
    assertThat(model.get("torchScriptFeatureDim").getAsInt()).isEqualTo(384);
    assertThat(model.get("backboneWidth").isJsonNull()).isTrue();
    assertThat(model.get("classesPerHead")).isEqualTo(array(7, 3, 11));
    JsonObject augmentation = every.getAsJsonObject("augmentation");
    assertThat(augmentation.get("aspectRatio")).isEqualTo(array(0.6, 1.7));
    assertThat(augmentation.get("normalizationStd")).isEqualTo(array(0.27));
    assertThat(augmentation.get("interpolation").getAsString()).isEqualTo("BILINEAR");
    assertThat(every.getAsJsonObject("optimizer").get("trustRatio").getAsString())
        .isEqualTo("DECAYED_GRADIENT_NORM");
    assertThat(every.get("seed").getAsLong()).isEqualTo(-1_234_567_890_123L);
    assertThat(every.get("checkpointFolder").getAsString())
        .isEqualTo(Path.of("runs", "fmnist", "checkpoints").toString());
    assertThat(every.get("devices")).isEqualTo(strings("gpu0", "gpu1"));
    // a built-in backbone: TorchScript keys present and null; no checkpoint folder: null, key present
    String paper = TrainingConfigJson.toJson(TrainingConfig.paperDefaults());
    assertThat(paper).contains("\"torchScriptPath\":null", "\"torchScriptFeatureDim\":null",
        "\"checkpointFolder\":null", "\"formatVersion\":1");
  }

  @Test
  void unknownKeysAreIgnoredAndNullableKeysMayBeLeftOut() {
    TrainingConfig config = ConfigsWithEveryOption.withBuiltInBackbone();
    JsonObject json = TrainingConfigJson.toJsonObject(config);
    json.addProperty("addedByANewerVersion", "x");
    json.getAsJsonObject("model").add("futureOption", new JsonArray());
    json.getAsJsonObject("optimizer").addProperty("nesterov", true);
    json.getAsJsonObject("model").remove("torchScriptPath");
    json.getAsJsonObject("model").remove("torchScriptFeatureDim");
    assertThat(TrainingConfigJson.fromJsonObject(json)).isEqualTo(config);

    JsonObject paper = TrainingConfigJson.toJsonObject(TrainingConfig.paperDefaults());
    paper.remove("checkpointFolder");
    assertThat(TrainingConfigJson.fromJsonObject(paper)).isEqualTo(TrainingConfig.paperDefaults());
  }

  @Test
  void missingKeysAreNamed() {
    assertError(j -> j.remove("seed"), "missing key 'seed'");
    assertError(j -> j.remove("formatVersion"), "missing key 'formatVersion'");
    assertError(j -> j.remove("optimizer"), "missing key 'optimizer'");
    assertError(j -> j.getAsJsonObject("model").remove("mlpLayers"), "missing key 'model.mlpLayers'");
    assertError(j -> j.getAsJsonObject("augmentation").add("blurSigma", null),
        "missing key 'augmentation.blurSigma'");
    assertError(j -> j.getAsJsonObject("loss").remove("eps"), "missing key 'loss.eps'");
    // a TorchScript backbone needs its path
    JsonObject torchScript = TrainingConfigJson.toJsonObject(ConfigsWithEveryOption.withTorchScript());
    torchScript.getAsJsonObject("model").remove("torchScriptPath");
    assertThatThrownBy(() -> TrainingConfigJson.fromJsonObject(torchScript))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'model.torchScriptPath'");
    // the part readers name the key without a prefix
    JsonObject model = TrainingConfigJson.modelConfigToJson(ModelConfig.paperDefaults());
    model.remove("embeddingDim");
    assertThatThrownBy(() -> TrainingConfigJson.modelConfigFromJson(model))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing key 'embeddingDim'");
  }

  @Test
  void valuesOfTheWrongTypeAreNamed() {
    assertError(j -> j.addProperty("epochs", "800"), "'epochs' must be an integer");
    assertError(j -> j.getAsJsonObject("model").addProperty("mlpLayers", 2.5),
        "'model.mlpLayers' must be an integer");
    assertError(j -> j.addProperty("seed", 1e30), "'seed' must be a 64-bit integer");
    assertError(j -> j.getAsJsonObject("model").addProperty("mlpBatchNorm", "yes"),
        "'model.mlpBatchNorm' must be true or false");
    assertError(j -> j.getAsJsonObject("optimizer").addProperty("kind", "ADAM"),
        "'optimizer.kind' must be one of [SGD, LARS, ADAMW]");
    assertError(j -> j.getAsJsonObject("augmentation").addProperty("globalCropScale", 0.4),
        "'augmentation.globalCropScale' must be an array");
    assertError(j -> j.getAsJsonObject("augmentation").add("localCropScale", array(0.1)),
        "'augmentation.localCropScale' must be [min, max]");
    assertError(j -> j.getAsJsonObject("augmentation").add("normalizationMean", strings("a", "b", "c")),
        "'augmentation.normalizationMean[0]' must be a number");
    assertError(j -> j.add("devices", array(0)), "'devices[0]' must be a string");
    assertError(j -> j.addProperty("model", "ModelConfig[backbone=RESNET50, ...]"), "'model' must be an object");
    assertThatThrownBy(() -> TrainingConfigJson.fromJson("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an object");
    assertThatThrownBy(() -> TrainingConfigJson.fromJson("{\"epochs\": "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void otherFormatVersionsAndInvalidValuesAreRejectedByName() {
    assertError(j -> j.addProperty("formatVersion", 2), "formatVersion 2");
    // the builders validate: the messages say which part and which setting
    assertError(j -> j.getAsJsonObject("model").addProperty("mlpLayers", 0),
        "invalid model config in JSON: mlpLayers must be at least 1");
    assertError(j -> j.getAsJsonObject("augmentation").add("blurSigma", array(2.0, 1.0)),
        "'augmentation.blurSigma'");
    assertError(j -> j.getAsJsonObject("optimizer").addProperty("beta2", 1.0),
        "invalid optimizer config in JSON: beta2");
    assertError(j -> j.getAsJsonObject("loss").addProperty("rowTemperature", -1),
        "invalid loss config in JSON: rowTemperature");
    // a cross-part check of TrainingConfig: the model reads 3 channels, the augmentation makes 1
    assertError(j -> j.getAsJsonObject("augmentation").add("normalizationMean", array(0.5)),
        "normalization mean and std lengths differ");
    assertError(j -> j.getAsJsonObject("model").addProperty("inputChannels", 1),
        "invalid training config in JSON: the model reads 1 channels");
    // a built-in backbone with a TorchScript path is contradictory
    assertError(j -> j.getAsJsonObject("model").addProperty("torchScriptPath", "a.pt"),
        "'model.torchScriptPath' is set but 'model.backbone' is RESNET50");
  }

  @Test
  void defaultsOfEachPartRoundTrip() {
    assertThat(TrainingConfigJson.lossConfigFromJson(TrainingConfigJson.lossConfigToJson(LossConfig.defaults())))
        .isEqualTo(LossConfig.defaults());
    assertThat(TrainingConfigJson.augmentationConfigFromJson(
        TrainingConfigJson.augmentationConfigToJson(AugmentationConfig.grayscale28())))
        .isEqualTo(AugmentationConfig.grayscale28());
    assertThat(TrainingConfigJson.optimizerConfigFromJson(
        TrainingConfigJson.optimizerConfigToJson(OptimizerConfig.paperDefaults())))
        .isEqualTo(OptimizerConfig.paperDefaults());
  }

  private static void assertError(Consumer<JsonObject> change, String message) {
    JsonObject json = TrainingConfigJson.toJsonObject(TrainingConfig.paperDefaults());
    change.accept(json);
    assertThatThrownBy(() -> TrainingConfigJson.fromJson(json.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  /** Every non-object value by its dotted path; arrays are values. */
  private static Map<String, JsonElement> leaves(JsonObject o) {
    Map<String, JsonElement> out = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (e.getValue().isJsonObject()) {
        leaves(e.getValue().getAsJsonObject()).forEach((k, v) -> out.put(e.getKey() + "." + k, v));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static JsonArray array(Number... values) {
    JsonArray a = new JsonArray();
    for (Number v : values) {
      a.add(new JsonPrimitive(v));
    }
    return a;
  }

  private static JsonArray strings(String... values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
