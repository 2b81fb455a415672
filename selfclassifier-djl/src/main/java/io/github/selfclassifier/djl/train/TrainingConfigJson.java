package io.github.selfclassifier.djl.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.selfclassifier.api.train.TrainingConfig;

/**
 * The JSON form of a {@link TrainingConfig}, written into checkpoints and reports so a result can be traced
 * to the settings that made it. The loop settings are fields; the component configs (model, loss,
 * augmentation, optimiser) are their {@code toString()} forms, which list every value.
 */
public final class TrainingConfigJson {

  private TrainingConfigJson() {}

  /**
   * The config as a JSON object.
   *
   * @param config the config
   * @return the JSON object
   */
  public static JsonObject toJsonObject(TrainingConfig config) {
    JsonObject o = new JsonObject();
    o.addProperty("epochs", config.epochs());
    o.addProperty("batchSize", config.batchSize());
    o.addProperty("seed", config.seed());
    o.addProperty("globalViews", config.globalViews());
    o.addProperty("localViews", config.localViews());
    o.addProperty("queueLength", config.queueLength());
    o.addProperty("checkpointEverySteps", config.checkpointEverySteps());
    o.addProperty("checkpointFolder", config.checkpointFolder().map(Object::toString).orElse(null));
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
    o.addProperty("model", config.model().toString());
    o.addProperty("loss", config.loss().toString());
    o.addProperty("augmentation", config.augmentation().toString());
    o.addProperty("optimizer", config.optimizer().toString());
    return o;
  }

  /**
   * The config as a JSON string.
   *
   * @param config the config
   * @return the JSON text
   */
  public static String toJson(TrainingConfig config) {
    return new GsonBuilder().serializeNulls().create().toJson(toJsonObject(config));
  }
}
